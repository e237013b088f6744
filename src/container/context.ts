import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import ignore from 'ignore';
import { pack } from 'tar-fs';

/** Where the optional extra CA goes in the context; the Dockerfile's build stages read it, the runtime stage never does. */
export const EXTRA_CA_PATH = '.connascence-build/extra-ca.pem';

export interface ContextOptions {
  /** Directory with the Dockerfile. */
  dir: string;
  /** PEM text of an extra CA for the build stages (empty: none). */
  extraCa?: string;
  /** Files to add to the context (relative path -> content), e.g. a generated Dockerfile. */
  extraFiles?: Record<string, string | Buffer>;
}

/** A `.dockerignore` matcher (gitignore syntax, which covers the patterns Docker documents). */
export function dockerignoreFilter(dir: string): (relativePath: string) => boolean {
  const file = join(dir, '.dockerignore');
  const matcher = ignore().add(existsSync(file) ? readFileSync(file, 'utf8') : '');
  return (relativePath) => relativePath !== '' && matcher.ignores(relativePath);
}

/** Packs the build context as a tar stream with tar-fs, honouring `.dockerignore`, plus the injected files. */
export function packContext(options: ContextOptions): Readable {
  const ignored = dockerignoreFilter(options.dir);
  const injected: Record<string, string | Buffer> = { [EXTRA_CA_PATH]: options.extraCa ?? '', ...options.extraFiles };
  const archive = pack(options.dir, {
    ignore: (name) => ignored(relative(options.dir, name).split(sep).join('/')),
    finalize: false,
    finish(archive) {
      for (const [name, content] of Object.entries(injected)) archive.entry({ name, mode: 0o644 }, content);
      archive.finalize();
    },
  });
  return archive as unknown as Readable;
}

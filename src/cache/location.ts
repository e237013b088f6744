/** Where the cache lives: a flag, else $CONNASCENCE_CACHE_DIR, else <root>/.connascence/cache. */
import { statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const CACHE_DIR_ENV = 'CONNASCENCE_CACHE_DIR';
export const SNAPSHOT_DIRS_ENV = 'CONNASCENCE_SNAPSHOT_DIRS';
/** Where the analysis-runtime image bakes its read-only snapshot (see Dockerfile). */
export const DEFAULT_SNAPSHOT_DIR = '/opt/connascence/cache-snapshot';

export interface CacheDirInput {
  /** The analysis root (absolute). */
  root: string;
  /** `--cache-dir`, resolved against the working directory like any path a user types. */
  flag?: string;
  env: NodeJS.ProcessEnv;
}

export function resolveCacheDir(input: CacheDirInput): string {
  if (input.flag) return resolve(input.flag);
  const fromEnv = input.env[CACHE_DIR_ENV];
  if (fromEnv) return resolve(fromEnv);
  return join(resolve(input.root), '.connascence', 'cache');
}

export interface SnapshotDirsOptions {
  /** Overrides the baked default location (tests). */
  defaultDir?: string;
}

/**
 * Read-only snapshot dirs, in lookup order: those of $CONNASCENCE_SNAPSHOT_DIRS (separated by the
 * platform's path delimiter), then the baked default when it exists. Listed dirs that do not exist
 * are kept: reading them is just a miss.
 */
export function resolveSnapshotDirs(env: NodeJS.ProcessEnv, options: SnapshotDirsOptions = {}): string[] {
  const listed = (env[SNAPSHOT_DIRS_ENV] ?? '')
    .split(delimiter)
    .filter((entry) => entry.trim() !== '')
    .map((entry) => resolve(entry));
  const baked = resolve(options.defaultDir ?? DEFAULT_SNAPSHOT_DIR);
  if (isDirectory(baked)) listed.push(baked);
  return [...new Set(listed)];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The one warning for cache entries that could not be written: what, where, why, and what to do. */
export function unwrittenWarning(what: string, dir: string, reason: string | undefined): string {
  return `Warning: ${what} could not be written to ${dir}${reason ? ` (${reason})` : ''}; they are computed again next time. Point --cache-dir or ${CACHE_DIR_ENV} at a writable folder.`;
}

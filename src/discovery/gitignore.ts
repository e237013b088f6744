import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readRegularFile } from './read-regular.js';

/** The most a `.gitignore` may hold; a larger one (or a link to `/dev/zero`) is not read. */
export const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** One `.gitignore` (or config exclude list) anchored at a directory relative to the root. */
interface Scope {
  dir: string;
  matcher: Ignore;
}

/** Stack of ignore scopes, like git: a nested `.gitignore` applies to its own folder and below. */
export class IgnoreStack {
  private readonly scopes: Scope[] = [];

  constructor(globalPatterns: readonly string[] = []) {
    if (globalPatterns.length > 0) this.scopes.push({ dir: '', matcher: ignore().add([...globalPatterns]) });
  }

  /** Reads `<absDir>/.gitignore` if it is a regular file within the limit. Returns true if a scope was added. */
  loadGitignore(absDir: string, relDir: string): boolean {
    const read = readRegularFile(join(absDir, '.gitignore'), MAX_GITIGNORE_BYTES);
    if (!read.ok) return false;
    this.scopes.push({ dir: relDir, matcher: ignore().add(read.bytes.toString('utf8')) });
    return true;
  }

  pop(): void {
    this.scopes.pop();
  }

  /** `relPath` is relative to the root, forward slashes; directories end with `/`. */
  ignores(relPath: string): boolean {
    for (const scope of this.scopes) {
      const local = scope.dir === '' ? relPath : relPath.startsWith(scope.dir + '/') ? relPath.slice(scope.dir.length + 1) : undefined;
      if (local !== undefined && local !== '' && scope.matcher.ignores(local)) return true;
    }
    return false;
  }
}

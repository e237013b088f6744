import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

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

  /** Reads `<absDir>/.gitignore` if present. Returns true if a scope was added. */
  loadGitignore(absDir: string, relDir: string): boolean {
    let text: string;
    try {
      text = readFileSync(join(absDir, '.gitignore'), 'utf8');
    } catch {
      return false;
    }
    this.scopes.push({ dir: relDir, matcher: ignore().add(text) });
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

/**
 * `.gitignore` files and the config's `exclude` list, read with git's rules and matched by the
 * linear glob matcher of glob.ts (a regular-expression compiler backtracked on `**\/x/**` repeated
 * against deep paths, issue 30):
 *
 * - blank lines and `#` comments are skipped (`\#` is a literal `#`); trailing blanks are dropped
 *   unless escaped (`\ `);
 * - `!pattern` re-includes what an earlier pattern excluded (`\!` is a literal `!`); the last
 *   pattern that matches decides, and a deeper `.gitignore` decides before the ones above it;
 * - `pattern/` matches directories only;
 * - a pattern with a `/` at its start or in its middle is anchored at the folder of its file;
 *   otherwise it matches a name at any depth below it;
 * - `**` as a whole segment is any number of folders; `a/**` is everything inside `a` (not `a`);
 *   `*`, `?`, `[a-z]`, `[!a]` and `\` escapes as in glob.ts; braces are plain characters.
 *
 * As in git, a file inside an excluded folder cannot be re-included: the walk does not enter the
 * folder. The walk asks about each path once; each pattern costs at most its segments times the
 * path's segments, and the scopes are read by offset into one split of the path, never copied.
 */
import { join } from 'node:path';
import { gitignoreSegments, matchesSegment, matchSegments, type Segment } from './glob.js';
import { readRegularFile } from './read-regular.js';

/** The most a `.gitignore` may hold; a larger one (or a link to `/dev/zero`) is not read. */
export const MAX_GITIGNORE_BYTES = 1024 * 1024;

interface Pattern {
  negated: boolean;
  dirOnly: boolean;
  /** Matches the last segment of the path only (no `/` but a trailing one). */
  basename: boolean;
  segments: Segment[];
}

/** One line of a `.gitignore`, or undefined for a blank, a comment or a pattern that cannot match. */
export function parseGitignoreLine(raw: string): Pattern | undefined {
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  // trailing blanks go, unless the last one is escaped
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t') && line[end - 2] !== '\\') end--;
  line = line.slice(0, end);
  if (line === '' || line.startsWith('#')) return undefined;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.slice(0, -1);
  }
  const basename = !line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  // `a/**`: everything inside `a`, at least one segment (git does not match `a` itself)
  if (line.endsWith('/**')) line = `${line.slice(0, -3)}/*/**`;
  if (line === '' || line === '*/**') return line === '' ? undefined : { negated, dirOnly, basename: false, segments: gitignoreSegments(line)! };
  const segments = gitignoreSegments(line);
  return segments ? { negated, dirOnly, basename, segments } : undefined;
}

/** One pattern list: which decides (true: excluded, false: re-included, undefined: no pattern matched). */
class PatternList {
  private readonly patterns: Pattern[];

  constructor(text: string | readonly string[]) {
    const lines = typeof text === 'string' ? text.split('\n') : text;
    this.patterns = [];
    for (const line of lines) {
      const pattern = parseGitignoreLine(line);
      if (pattern) this.patterns.push(pattern);
    }
  }

  /** The last matching pattern's answer for `segments` from `from` on (the path relative to the list's folder). */
  decide(segments: readonly string[], from: number, isDir: boolean): boolean | undefined {
    for (let i = this.patterns.length - 1; i >= 0; i--) {
      const pattern = this.patterns[i]!;
      if (pattern.dirOnly && !isDir) continue;
      const hit = pattern.basename ? matchesSegment(pattern.segments[0]!, segments[segments.length - 1]!) : matchSegments(pattern.segments, segments, from);
      if (hit) return !pattern.negated;
    }
    return undefined;
  }
}

/** One `.gitignore` anchored at a directory relative to the root, as the number of segments of that directory. */
interface Scope {
  depth: number;
  list: PatternList;
}

/** Stack of ignore scopes, like git: a nested `.gitignore` applies to its own folder and below. */
export class IgnoreStack {
  private readonly scopes: Scope[] = [];
  /** The config's `exclude` list: excluded by it stays excluded, whatever a `.gitignore` says. */
  private readonly excludes: PatternList | undefined;

  constructor(globalPatterns: readonly string[] = []) {
    this.excludes = globalPatterns.length > 0 ? new PatternList(globalPatterns) : undefined;
  }

  /** Reads `<absDir>/.gitignore` if it is a regular file within the limit. Returns true if a scope was added. */
  loadGitignore(absDir: string, relDir: string): boolean {
    const read = readRegularFile(join(absDir, '.gitignore'), MAX_GITIGNORE_BYTES);
    if (!read.ok) return false;
    this.scopes.push({ depth: relDir === '' ? 0 : relDir.split('/').length, list: new PatternList(read.bytes.toString('utf8')) });
    return true;
  }

  pop(): void {
    this.scopes.pop();
  }

  /** `relPath` is relative to the root, forward slashes; directories end with `/`. */
  ignores(relPath: string): boolean {
    const isDir = relPath.endsWith('/');
    const segments = (isDir ? relPath.slice(0, -1) : relPath).split('/');
    if (this.excludes?.decide(segments, 0, isDir) === true) return true;
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const scope = this.scopes[i]!;
      if (segments.length <= scope.depth) continue;
      const decision = scope.list.decide(segments, scope.depth, isDir);
      if (decision !== undefined) return decision;
    }
    return false;
  }
}

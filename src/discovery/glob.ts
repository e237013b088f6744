/**
 * Glob matching for the include, tests and vendored globs, in time linear in the path for a given
 * pattern. The config is input a pull request controls: regular-expression based matchers backtrack
 * on patterns such as `*a*a*a*a*a*a*b` or `{*a,*a}{*a,*a}{*a,*a}b` (picomatch took over a minute for
 * one path), which would hang the gate. Here a path segment is matched against a segment pattern by
 * the greedy wildcard algorithm (at most pattern x segment steps), and `**` by a table over pattern
 * and path segments, so no pattern can take more than a product of the two lengths.
 *
 * Syntax (as picomatch with `dot: true` reads it, but `[!a]` negates as in POSIX and git): `*` any run of characters but `/`,
 * `?` one character but `/`, `[abc]`, `[a-z]`, `[!a]`/`[^a]` one character of a set, `**` as a whole
 * segment any number of segments (none included), `{a,b}` alternatives (nested too), `\` escapes
 * the next character, a leading `./` is ignored. Dot files match like any other. Extended globs
 * (`+(a|b)`...) and negation (`!pattern`) are refused with a clear error.
 */
import { ConfigError } from '../errors.js';

/** A longer pattern is not a path glob. */
export const MAX_GLOB_LENGTH = 1024;
/** Alternatives a pattern's braces may expand to. */
export const MAX_GLOB_ALTERNATIVES = 256;

type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> };
export type Segment = 'globstar' | Token[];

/** One matcher for all `patterns` (a path matching any of them matches); `what` names them in errors. */
export function compileGlobs(patterns: readonly string[], what: string): (path: string) => boolean {
  const compiled = patterns.flatMap((pattern) => compileGlob(pattern, what));
  return (path) => {
    const segments = path.split('/');
    return compiled.some((pattern) => matchSegments(pattern, segments));
  };
}

function compileGlob(pattern: string, what: string): Segment[][] {
  const fail = (why: string): never => {
    throw new ConfigError(`Invalid ${what} glob ${JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern)}: ${why}.`);
  };
  if (pattern.length === 0) fail('it is empty');
  if (pattern.length > MAX_GLOB_LENGTH) fail(`it is longer than ${MAX_GLOB_LENGTH} characters`);
  if (pattern.endsWith('/')) fail(`it ends with "/" (to match the files under a folder, write ${JSON.stringify(`${pattern}**`)})`);
  if (pattern.startsWith('!')) fail('negated patterns are not supported (list what to match, or use exclude)');
  if (/[+@!?*]\(/.test(pattern)) fail('extended globs such as +(a|b) are not supported (use {a,b})');
  const alternatives = expandBraces(pattern, fail);
  return alternatives.map((alternative) => {
    const text = alternative.startsWith('./') ? alternative.slice(2) : alternative;
    return text.split('/').map((segment) => (segment === '**' ? 'globstar' : tokensOf(segment, fail)));
  });
}

/** `a{b,c{d,e}}f` -> abf, acdf, acef; at most MAX_GLOB_ALTERNATIVES. A brace without a comma is literal. */
function expandBraces(pattern: string, fail: (why: string) => never): string[] {
  const open = findUnescaped(pattern, '{', 0);
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < pattern.length && close < 0; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) close = i;
    else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1), fail);
  if (commas.length === 0) return tails.map((tail) => `${head}${pattern.slice(open, close + 1)}${tail}`);
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const middle of expandBraces(pattern.slice(bounds[k]! + 1, bounds[k + 1]!), fail)) {
      for (const tail of tails) {
        out.push(`${head}${middle}${tail}`);
        if (out.length > MAX_GLOB_ALTERNATIVES) fail(`its braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives`);
      }
    }
  }
  return out;
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function tokensOf(segment: string, fail: (why: string) => never): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) tokens.push({ kind: 'char', char: segment[++i]! });
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' }); // `**` inside a segment is `*`
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = classAt(segment, i);
      if (parsed === undefined) tokens.push({ kind: 'char', char: c });
      else {
        tokens.push(parsed.token);
        i = parsed.end;
      }
    } else tokens.push({ kind: 'char', char: c });
  }
  if (tokens.length === 0) fail('it has an empty path segment');
  return tokens;
}

/** `[...]` starting at `start`, or undefined when it does not close (then `[` is literal). */
function classAt(segment: string, start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  const ranges: Array<[number, number]> = [];
  let first = true;
  for (; i < segment.length; i++) {
    let c = segment[i]!;
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    first = false;
    if (c === '\\' && i + 1 < segment.length) c = segment[++i]!;
    const low = c.codePointAt(0)!;
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      const high = segment[i + 2]!.codePointAt(0)!;
      ranges.push([low, high]);
      i += 2;
    } else ranges.push([low, low]);
  }
  return undefined;
}

function tokenMatches(token: Token, char: string): boolean {
  if (token.kind === 'char') return token.char === char;
  if (token.kind === 'any') return true;
  if (token.kind === 'star') return false;
  const code = char.codePointAt(0)!;
  const inside = token.ranges.some(([low, high]) => code >= low && code <= high);
  return inside !== token.negated;
}

/** Greedy wildcard matching: on a mismatch, the last `*` takes one more character. At most |tokens| x |text| steps. */
function matchSegment(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let s = 0;
  let starAt = -1;
  let starText = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'star') {
      starAt = t++;
      starText = s;
    } else if (token !== undefined && tokenMatches(token, text[s]!)) {
      t++;
      s++;
    } else if (starAt >= 0) {
      t = starAt + 1;
      s = ++starText;
    } else return false;
  }
  while (t < tokens.length && tokens[t]!.kind === 'star') t++;
  return t === tokens.length;
}

/**
 * The segments of one `.gitignore` pattern (without its `!`, leading and trailing `/`): no braces,
 * which git reads as plain characters. Undefined for a pattern that cannot match (an empty segment).
 */
export function gitignoreSegments(pattern: string): Segment[] | undefined {
  if (pattern.length === 0 || pattern.length > MAX_GLOB_LENGTH) return undefined;
  let ok = true;
  const fail = (): never => {
    ok = false;
    throw new Error('empty segment');
  };
  try {
    const segments = pattern.split('/').map((segment): Segment => (segment === '**' ? 'globstar' : tokensOf(segment, fail)));
    return ok ? segments : undefined;
  } catch {
    return undefined;
  }
}

/** One segment pattern against one path segment (linear: see matchSegment). */
export function matchesSegment(pattern: Segment, text: string): boolean {
  return pattern === 'globstar' || matchSegment(pattern, text);
}

/**
 * Whether the path segments from `from` on match the pattern's segments, `**` taking any number: a
 * table over both indices.
 */
export function matchSegments(pattern: readonly Segment[], all: readonly string[], from = 0): boolean {
  const count = all.length - from;
  // without `**`, the counts of segments must agree: no table
  if (!pattern.includes('globstar')) {
    if (pattern.length !== count) return false;
    for (let p = 0; p < count; p++) if (!matchSegment(pattern[p] as Token[], all[from + p]!)) return false;
    return true;
  }
  const width = count + 1;
  // memo[p * width + s]: 0 unknown, 1 match, 2 no match.
  const memo = new Uint8Array((pattern.length + 1) * width);
  const match = (p: number, s: number): boolean => {
    const slot = p * width + s;
    if (memo[slot] !== 0) return memo[slot] === 1;
    let result: boolean;
    if (p === pattern.length) result = s === count;
    else {
      const segment = pattern[p]!;
      if (segment === 'globstar') result = match(p + 1, s) || (s < count && match(p, s + 1));
      else result = s < count && matchSegment(segment, all[from + s]!) && match(p + 1, s + 1);
    }
    memo[slot] = result ? 1 : 2;
    return result;
  };
  return match(0, 0);
}

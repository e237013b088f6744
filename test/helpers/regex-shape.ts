/**
 * The regular expressions of the source tree, and a structural check of each for the shapes that
 * backtrack super-linearly in a backtracking engine (V8's irregexp):
 *
 * - nested: an unbounded quantifier over a group that holds another unbounded quantifier
 *   (`(a+)+`, `(?:\w+\s*)*`): exponential or polynomial when the inner pieces can split a run
 *   several ways;
 * - adjacent: two unbounded quantifiers in a row (optional pieces between them allowed) whose
 *   characters overlap (`\s*[\r\n]+\s*`, `[-#0 +]*\d*`): a run of shared characters is split every way;
 * - leading: an unanchored pattern that starts with an unbounded quantifier and then needs more
 *   (`["']+$`, `[^)]*\)` after `%(`): tried from every character of a run, each try rescans the run.
 *
 * Character overlap is decided on a probe alphabet (ASCII, blanks, line breaks, a few non-ASCII
 * letters and digits). The check is conservative; a reviewed exception names its reason in the test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** `src/x.ts:12` */
  where: string;
  source: string;
  flags: string;
}

/** Every regular expression literal and `RegExp(...)`/`new RegExp(...)` call under `dir` (calls are reported with an empty source). */
export function regexesIn(dir: string, root: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) scan(path);
    }
  };
  const scan = (path: string): void => {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node): string => `${relative(root, path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const end = text.lastIndexOf('/');
        found.push({ where: at(node), source: text.slice(1, end), flags: text.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') {
        found.push({ where: at(node), source: '', flags: 'dynamic' });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  };
  walk(dir);
  return found;
}

type Piece =
  | { kind: 'chars'; text: string; min: number; max: number }
  | { kind: 'group'; alternatives: Piece[][]; lookaround: boolean; behind: boolean; min: number; max: number }
  | { kind: 'assert'; text: string; min: number; max: number };

const INFINITE = Number.POSITIVE_INFINITY;

/** Parses a pattern into alternatives of pieces (enough of the syntax for the shapes above). */
export function parsePattern(source: string): Piece[][] {
  let at = 0;
  const alternatives = (): Piece[][] => {
    const out: Piece[][] = [[]];
    while (at < source.length && source[at] !== ')') {
      if (source[at] === '|') {
        at++;
        out.push([]);
        continue;
      }
      const piece = atom();
      quantify(piece);
      out[out.length - 1]!.push(piece);
    }
    return out;
  };
  const atom = (): Piece => {
    const ch = source[at]!;
    if (ch === '(') {
      at++;
      let lookaround = false;
      let behind = false;
      if (source[at] === '?') {
        const head = source.slice(at, at + 3);
        if (head.startsWith('?:')) at += 2;
        else if (head.startsWith('?=') || head.startsWith('?!')) (at += 2), (lookaround = true);
        else if (head === '?<=' || head === '?<!') (at += 3), (lookaround = true), (behind = true);
        else if (head.startsWith('?<')) at = source.indexOf('>', at) + 1;
      }
      const inner = alternatives();
      at++; // ')'
      return { kind: 'group', alternatives: inner, lookaround, behind, min: 1, max: 1 };
    }
    if (ch === '[') {
      const start = at;
      at++;
      if (source[at] === '^') at++;
      if (source[at] === ']') at++;
      while (at < source.length && source[at] !== ']') at += source[at] === '\\' ? 2 : 1;
      at++;
      return { kind: 'chars', text: source.slice(start, at), min: 1, max: 1 };
    }
    if (ch === '^' || ch === '$') {
      at++;
      return { kind: 'assert', text: ch, min: 1, max: 1 };
    }
    if (ch === '\\') {
      const start = at;
      at += 2;
      const letter = source[start + 1];
      if (letter === 'b' || letter === 'B') return { kind: 'assert', text: source.slice(start, at), min: 1, max: 1 };
      if ((letter === 'p' || letter === 'P' || letter === 'u' || letter === 'k') && source[at] === '{') at = source.indexOf('}', at) + 1;
      else if (letter === 'k' && source[at] === '<') at = source.indexOf('>', at) + 1;
      else if (letter === 'x') at += 2;
      else if (letter === 'u') at += 4;
      return { kind: 'chars', text: source.slice(start, at), min: 1, max: 1 };
    }
    at++;
    return { kind: 'chars', text: ch, min: 1, max: 1 };
  };
  const quantify = (piece: Piece): void => {
    const ch = source[at];
    let min = 1;
    let max = 1;
    if (ch === '*') (min = 0), (max = INFINITE), at++;
    else if (ch === '+') (min = 1), (max = INFINITE), at++;
    else if (ch === '?') (min = 0), (max = 1), at++;
    else if (ch === '{') {
      const close = source.indexOf('}', at);
      const body = /^\{(\d*)(,?)(\d*)\}$/.exec(source.slice(at, close + 1));
      if (!body) return;
      min = Number(body[1] || 0);
      max = body[2] ? (body[3] ? Number(body[3]) : INFINITE) : min;
      at = close + 1;
    } else return;
    if (source[at] === '?') at++; // lazy: the same work on failure
    piece.min = min;
    piece.max = max;
  };
  return alternatives();
}

const PROBES = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  '\t', '\n', '\r', '\f', '\u00a0', '\u2028', 'é', 'Ä', 'ß', '•', '٣', '中', '\u0301',
];

/** The probe characters a piece can start with (a group: the union of its alternatives' first pieces). */
function firstChars(piece: Piece, flags: string): Set<string> {
  if (piece.kind === 'assert') return new Set();
  if (piece.kind === 'chars') {
    if (/^\\[1-9k]/.test(piece.text)) return new Set(); // a backreference repeats what its group took
    const re = new RegExp(`^(?:${piece.text})$`, flags.replace(/[gy]/g, ''));
    return new Set(PROBES.filter((c) => re.test(c)));
  }
  if (piece.lookaround) return new Set();
  const out = new Set<string>();
  for (const alternative of piece.alternatives) {
    for (const inner of alternative) {
      for (const c of firstChars(inner, flags)) out.add(c);
      if (inner.min > 0 && !(inner.kind === 'assert' || (inner.kind === 'group' && inner.lookaround))) break;
    }
  }
  return out;
}

/**
 * `(?:\w+\.)*`, `(?:[A-Z0-9]+ )*`, `(?:\w+\/+)*`: each repetition needs a piece of characters that no
 * other piece can take, one character long or next to another required piece, so a run splits into
 * repetitions one way only.
 */
function isDelimited(group: Piece, flags: string): boolean {
  if (group.kind !== 'group' || group.alternatives.length !== 1) return false;
  const pieces = group.alternatives[0]!;
  return pieces.some((d) => {
    if (d.kind !== 'chars' || d.min === 0) return false;
    const loose = new Set<string>();
    for (const p of pieces) if (p !== d && (p.max === INFINITE || p.kind === 'group')) for (const c of firstChars(p, flags)) loose.add(c);
    const mine = firstChars(d, flags);
    if (![...mine].every((c) => !loose.has(c))) return false;
    return d.max !== INFINITE || pieces.some((e) => e !== d && e.min > 0 && e.kind === 'chars' && [...firstChars(e, flags)].every((c) => !mine.has(c)));
  });
}

function hasUnbounded(pieces: readonly Piece[]): boolean {
  return pieces.some((p) => p.max === INFINITE || (p.kind === 'group' && p.alternatives.some(hasUnbounded)));
}

/** Whether a piece can match the empty string (`(a*)`, `x?`). */
function canBeEmpty(piece: Piece): boolean {
  if (piece.min === 0 || piece.kind === 'assert') return true;
  return piece.kind === 'group' && (piece.lookaround || piece.alternatives.some((alternative) => alternative.every(canBeEmpty)));
}

/** Whether a piece can match a run of any length (`x+`, `(a*)`, `(?:ab|c+)`). */
function isUnbounded(piece: Piece): boolean {
  return piece.max === INFINITE || (piece.kind === 'group' && !piece.lookaround && piece.alternatives.some(hasUnbounded));
}

/** The super-linear shapes found in a pattern, described. */
export function backtrackingShapes(source: string, flags: string): string[] {
  const problems: string[] = [];
  const sequence = (pieces: readonly Piece[], top: boolean): void => {
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (piece.kind === 'group') {
        if (piece.max === INFINITE && piece.alternatives.some(hasUnbounded) && !isDelimited(piece, flags)) problems.push(`nested: unbounded group over an unbounded piece at piece ${i}`);
        for (const alternative of piece.alternatives) sequence(alternative, false);
      }
      if (!isUnbounded(piece) || isDelimited(piece, flags)) continue;
      const mine = firstChars(piece, flags);
      for (let j = i + 1; j < pieces.length; j++) {
        const next = pieces[j]!;
        if (next.kind === 'assert' || (next.kind === 'group' && next.lookaround)) break;
        if (isUnbounded(next) && [...firstChars(next, flags)].some((c) => mine.has(c))) {
          problems.push(`adjacent: pieces ${i} and ${j} are unbounded and share characters`);
        }
        if (!canBeEmpty(next)) break;
      }
    }
    if (!top) return;
    // crossing: a later unbounded piece can take the pattern's first character, so the tries from
    // successive starts rescan the same text (`%(` then `[^)]*` over `%(%(%(...`)
    const lead = pieces.findIndex((p) => !(p.kind === 'group' && p.lookaround) && p.kind !== 'assert');
    const opening = lead >= 0 ? firstChars(pieces[lead]!, flags) : new Set<string>();
    // a leading negative lookbehind starts matches only where a run of what it excludes starts
    const starts = (pieces[0]?.kind === 'assert' && pieces[0].text === '^') || (pieces[0]?.kind === 'group' && pieces[0].behind);
    const walkUnbounded = (list: readonly Piece[], visit: (p: Piece) => void): void => {
      for (const p of list) {
        if (p.max === INFINITE && !isDelimited(p, flags)) visit(p);
        if (p.kind === 'group' && !p.lookaround) for (const alternative of p.alternatives) walkUnbounded(alternative, visit);
      }
    };
    if (!starts && lead >= 0) {
      walkUnbounded(pieces.slice(lead + 1), (p) => {
        if ([...firstChars(p, flags)].some((c) => opening.has(c))) problems.push('crossing: an unbounded piece can take the first character of the pattern');
      });
    }
    // leading: the first piece that is not an anchor is unbounded, and something after it can fail
    const anchored = pieces[0]?.kind === 'assert' && pieces[0].text === '^';
    const behind = pieces[0]?.kind === 'group' && pieces[0].behind;
    const first = pieces.findIndex((p) => !(p.kind === 'group' && p.lookaround) && p.kind !== 'assert');
    if (anchored || behind || first < 0 || pieces[first]!.max !== INFINITE) return;
    if (pieces.slice(first + 1).some((p) => p.min > 0)) problems.push('leading: an unanchored pattern opens with an unbounded piece and needs more after it');
  };
  for (const alternative of parsePattern(source)) sequence(alternative, true);
  return problems;
}

/**
 * Which characters end a line, as the language's runtime counts them (README "Reading files").
 * - `ecmascript`: LF, CR, CRLF (one break), U+2028 and U+2029, as oxc and every JS engine count
 *   them (ECMA-262 LineTerminatorSequence), and so as editors number JS lines.
 * - `python`: LF, CR and CRLF (one break), as CPython's tokenizer counts them. U+2028, U+2029,
 *   U+0085, \v and \x1c-\x1e are not line breaks for CPython (`str.splitlines` differs), and a
 *   form feed is whitespace.
 */
export type LineBreaks = 'ecmascript' | 'python';

const BREAKS: Record<LineBreaks, RegExp> = {
  ecmascript: /\r\n?|[\n\u2028\u2029]/g,
  python: /\r\n?|\n/g,
};

const LINE_FEED = 10;

/**
 * Whether every line break of `text` ends with LF (LF or CRLF: no lone CR, and for ECMAScript no
 * U+2028 or U+2029), so that the LF alone tells where each line starts.
 */
export function onlyLineFeeds(text: string, breaks: LineBreaks): boolean {
  if (breaks === 'ecmascript' && (text.includes('\u2028') || text.includes('\u2029'))) return false;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LINE_FEED) return false;
  return true;
}

/** The lines of `text` split as `breaks` says (the terminators dropped). */
export function splitLines(text: string, breaks: LineBreaks): string[] {
  return text.split(BREAKS[breaks]);
}

/** UTF-16 offset of the start of each line of `text`: 0, then the offset after each line break. */
export function lineStarts(text: string, breaks: LineBreaks): number[] {
  const starts = [0];
  if (onlyLineFeeds(text, breaks)) {
    // The common case (LF or CRLF), and the fast one.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  const pattern = BREAKS[breaks];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) starts.push(match.index + match[0].length);
  return starts;
}

/** Offset of the start of the line after the one holding `from` (or `text.length`). */
export function nextLineStart(text: string, from: number, breaks: LineBreaks): number {
  const pattern = BREAKS[breaks];
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index + match[0].length : text.length;
}

/**
 * Offset to line/column conversion. Lines are 1-based and end where the language's runtime ends
 * them (LineBreaks); columns are 1-based UTF-16 code units, and offsets are UTF-16 code units too
 * (oxc's `start`/`end`, tree-sitter's `startIndex` on a JS string).
 */
export class LineIndex {
  /** UTF-16 offset of the start of each line. */
  private readonly lineStarts: number[];
  /** The line `lineOf` found last: offsets mostly come in increasing order. */
  private cursor = 0;
  /** Whether the text ends with a line break (no empty last line is counted then). */
  private readonly endsWithBreak: boolean;

  constructor(
    private readonly text: string,
    breaks: LineBreaks,
  ) {
    this.lineStarts = lineStarts(text, breaks);
    this.endsWithBreak = this.lineStarts.length > 1 && this.lineStarts[this.lineStarts.length - 1] === text.length;
  }

  get lineCount(): number {
    return this.text.length === 0 ? 0 : this.endsWithBreak ? this.lineStarts.length - 1 : this.lineStarts.length;
  }

  /** UTF-16 offset -> position. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.lineStarts[line - 1]! + 1 };
  }

  /**
   * UTF-16 offset -> 1-based line. Starts from the line found last: a few linear steps forward,
   * then a binary search, so a walk in source order mostly steps 0 or 1 line.
   */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    const last = starts.length - 1;
    let lo = this.cursor;
    let hi: number;
    if (starts[lo]! <= offset) {
      for (let steps = 0; lo < last && starts[lo + 1]! <= offset; steps++) {
        if (steps === 8) break;
        lo++;
      }
      if (lo === last || starts[lo + 1]! > offset) {
        this.cursor = lo;
        return lo + 1;
      }
      hi = last;
    } else {
      hi = lo - 1;
      lo = 0;
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.cursor = lo;
    return lo + 1;
  }
}

/** FNV-1a 32-bit offset basis and prime. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string, for token hashing; `seed` continues the hash of a prefix (`fnv1a(b, fnv1a(a))` = `fnv1a(a + b)`). */
export function fnv1a(value: string, seed = FNV_OFFSET): number {
  let hash = seed;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** FNV-1a of each distinct token text (node types, operators, keywords), computed once per process. */
const textHashes = new Map<string, number>();

export function textHash(text: string): number {
  let hash = textHashes.get(text);
  if (hash === undefined) {
    hash = fnv1a(text);
    textHashes.set(text, hash);
  }
  return hash;
}

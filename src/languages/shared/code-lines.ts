/**
 * Which lines of a file hold code, as a reader counts them: a line is code when it has a
 * non-whitespace character outside the ranges a front-end marks as not code (comments; Python
 * documentation strings). Blank lines, also inside a multi-line string or template, are not code.
 * For JS/TS with the parser's comments this is exactly ESLint's `max-lines-per-function` with
 * `skipComments` and `skipBlankLines` (a line is skipped when only comments and whitespace are on
 * it). `count(from, to)` then answers for any span in constant time (prefix sums).
 */
export interface TextRange {
  /** UTF-16 offsets, `end` exclusive. */
  start: number;
  end: number;
}

import { lineStarts, type LineBreaks } from './text.js';

const SPACE = 32;
const TAB = 9;
const VERTICAL_TAB = 11;
const FORM_FEED = 12;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const ASCII_LIMIT = 128;

/** What `/\s/u` matches (ESLint's blank-line test), fast for ASCII. */
function isSpace(text: string, i: number, code: number): boolean {
  if (code < ASCII_LIMIT) return code === SPACE || code === TAB || code === LINE_FEED || code === VERTICAL_TAB || code === FORM_FEED || code === CARRIAGE_RETURN;
  return /\s/u.test(text[i]!);
}

export class CodeLineMap {
  /** prefix[i] = code lines among lines 1..i. */
  private readonly prefix: Uint32Array;

  /**
   * `ignored`: ranges of `text` that are not code, in any order, overlapping or nested. Lines end
   * where `breaks` says, as in the LineIndex of the same text.
   */
  constructor(text: string, breaks: LineBreaks, ignored: readonly TextRange[] = []) {
    const ranges = [...ignored].sort((a, b) => a.start - b.start);
    const starts = lineStarts(text, breaks);
    const lines = starts.length;
    const isCode = new Uint8Array(lines + 1);
    let line = 1;
    /** Offset where line `line + 1` starts. Line breaks are whitespace: they never make a line code. */
    let next = starts[1] ?? Infinity;
    let r = 0;
    for (let i = 0; i < text.length; i++) {
      while (i >= next) next = starts[++line] ?? Infinity;
      if (isCode[line] === 1) {
        // Nothing more to learn on this line.
        i = next - 1;
        continue;
      }
      while (r < ranges.length && ranges[r]!.end <= i) r++;
      if (r < ranges.length && ranges[r]!.start <= i) {
        // Inside a range: jump to its end (the lines it spans are counted as `i` passes their starts).
        i = Math.min(ranges[r]!.end, text.length) - 1;
        continue;
      }
      if (!isSpace(text, i, text.charCodeAt(i))) isCode[line] = 1;
    }
    this.prefix = new Uint32Array(lines + 1);
    for (let l = 1; l <= lines; l++) this.prefix[l] = this.prefix[l - 1]! + isCode[l]!;
  }

  /** Code lines in the whole text. */
  get total(): number {
    return this.prefix[this.prefix.length - 1]!;
  }

  /** Code lines among lines `from..to` (inclusive, 1-based, clamped to the text). */
  count(from: number, to: number): number {
    const last = this.prefix.length - 1;
    const hi = Math.min(to, last);
    const lo = Math.max(from, 1);
    return hi < lo ? 0 : this.prefix[hi]! - this.prefix[lo - 1]!;
  }
}

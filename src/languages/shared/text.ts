/**
 * Offset to line/column conversion. Lines are 1-based; columns are 1-based UTF-16 code units, and
 * offsets are UTF-16 code units too (oxc's `start`/`end`, tree-sitter's `startIndex` on a JS string).
 */
export class LineIndex {
  /** UTF-16 offset of the start of each line. */
  private readonly lineStarts: number[] = [0];
  /** The line `lineOf` found last: offsets mostly come in increasing order. */
  private cursor = 0;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  get lineCount(): number {
    return this.text.length === 0 ? 0 : this.text.endsWith('\n') ? this.lineStarts.length - 1 : this.lineStarts.length;
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

/**
 * Offset to line/column conversion. Lines are 1-based; columns are 1-based UTF-16 code units.
 * Supports both UTF-16 code-unit offsets (tree-sitter `startIndex` on a JS string) and
 * UTF-8 byte offsets (swc spans).
 */
export class LineIndex {
  /** UTF-16 offset of the start of each line. */
  private readonly lineStarts: number[] = [0];
  /** Lazily built map from UTF-8 byte offset to UTF-16 offset, only when the text is not ASCII. */
  private byteToChar?: Uint32Array;
  private readonly ascii: boolean;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    // eslint-disable-next-line no-control-regex
    this.ascii = !/[^\x00-\x7f]/.test(text);
  }

  get lineCount(): number {
    return this.text.length === 0 ? 0 : this.text.endsWith('\n') ? this.lineStarts.length - 1 : this.lineStarts.length;
  }

  /** UTF-16 offset -> position. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  /** UTF-8 byte offset -> UTF-16 offset. */
  charOffset(byteOffset: number): number {
    if (this.ascii) return byteOffset;
    if (!this.byteToChar) this.byteToChar = buildByteMap(this.text);
    const clamped = Math.max(0, Math.min(byteOffset, this.byteToChar.length - 1));
    return this.byteToChar[clamped]!;
  }

  /** UTF-8 byte offset -> position. */
  positionOfByte(byteOffset: number): { line: number; column: number } {
    return this.position(this.charOffset(byteOffset));
  }
}

function buildByteMap(text: string): Uint32Array {
  const bytes = Buffer.byteLength(text, 'utf8');
  const map = new Uint32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < size; k++) map[b + k] = i;
    b += size;
    if (code >= 0x10000) i++; // surrogate pair
  }
  map[bytes] = text.length;
  return map;
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

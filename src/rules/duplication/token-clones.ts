/**
 * Token-clone detection over the normalised token streams of all files, in O(total tokens):
 * a polynomial rolling hash over windows of `minTokens` tokens, a Map from window hash to
 * its first occurrence, and each match extended forward to its maximal length.
 */
import type { TokenStream } from '../../facts/types.js';

/** Multiplier of the rolling hash (the 32-bit FNV prime: odd, well mixed). */
const BASE = 0x01000193;
/** Map keys are cut to 30 bits so V8 stores them as small integers (collisions are verified anyway). */
const KEY_MASK = 0x3fffffff;
const HEX = 16;

export interface CloneSource {
  path: string;
  tokens: TokenStream;
}

export interface Fragment {
  file: number;
  start: number;
  /** Exclusive. */
  end: number;
}

export interface Clone {
  /** The earlier copy (first occurrence). */
  original: Fragment;
  /** The later copy. */
  copy: Fragment;
}

export interface CloneOptions {
  minTokens: number;
  minLines: number;
}

interface Site {
  file: number;
  start: number;
}

function power(exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, BASE) >>> 0;
  return result;
}

/**
 * The rolling hash of a window, as a signed 32-bit integer: the scan keeps hashes signed (`| 0`),
 * which V8 holds as small integers, where unsigned values above 2^31 are heap numbers, allocated on
 * every step while the scan still runs in the interpreter. Only the bits matter: keys are cut from them.
 */
function windowHash(hashes: ArrayLike<number>, start: number, size: number): number {
  let hash = 0;
  for (let i = start; i < start + size; i++) hash = (Math.imul(hash, BASE) + hashes[i]!) | 0;
  return hash;
}

/** The hash of the window after the one at `start` (`pow` = BASE^(size-1)). */
function rollHash(hashes: ArrayLike<number>, hash: number, start: number, size: number, pow: number): number {
  return (Math.imul((hash - Math.imul(hashes[start]!, pow)) | 0, BASE) + hashes[start + size]!) | 0;
}

/** Hash of a whole fragment, for stable finding keys (unsigned hex). */
export function fragmentHash(sources: readonly CloneSource[], fragment: Fragment): string {
  return (windowHash(sources[fragment.file]!.tokens.hashes, fragment.start, fragment.end - fragment.start) >>> 0).toString(HEX);
}

/** Length of the common run starting at `a` and `b`; a copy inside the same file may not overlap its original. */
function matchLength(sources: readonly CloneSource[], a: Site, b: Site): number {
  const left = sources[a.file]!.tokens.hashes;
  const right = sources[b.file]!.tokens.hashes;
  const limit = a.file === b.file ? Math.min(b.start - a.start, right.length - b.start) : Math.min(left.length - a.start, right.length - b.start);
  let length = 0;
  while (length < limit && left[a.start + length] === right[b.start + length]) length++;
  return length;
}

function spansLines(source: CloneSource, fragment: Fragment, minLines: number): boolean {
  const lines = source.tokens.lines;
  return lines[fragment.end - 1]! - lines[fragment.start]! + 1 >= minLines;
}

/**
 * Open-addressing table from window hash to its first occurrence, in one typed array with the
 * key, file and start of a slot side by side (one cache line per probe): a Map with a million
 * integer keys costs several times more in time and memory.
 */
class SiteTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The occurrence found by the last `getOrAdd` that returned true. */
  foundFile = 0;
  foundStart = 0;

  constructor(expected: number) {
    let capacity = 1;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * SLOT_INTS).fill(EMPTY);
  }

  /** True with `found*` set to the first occurrence stored for `key`; false after storing (file, start) for it. */
  getOrAdd(key: number, file: number, start: number): boolean {
    const slots = this.slots;
    let slot = key & this.mask;
    for (;;) {
      const at = slot * SLOT_INTS;
      const stored = slots[at]!;
      if (stored === EMPTY) {
        slots[at] = key;
        slots[at + 1] = file;
        slots[at + 2] = start;
        return false;
      }
      if (stored === key) {
        this.foundFile = slots[at + 1]!;
        this.foundStart = slots[at + 2]!;
        return true;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Ints per SiteTable slot: key, file, start. */
const SLOT_INTS = 3;
/** Keys are 30-bit, never negative, so -1 marks a free slot. */
const EMPTY = -1;

interface Scan {
  sources: readonly CloneSource[];
  options: CloneOptions;
  /** Window hash (cut to 30 bits) -> its first occurrence. */
  seen: SiteTable;
  clones: Clone[];
}

/** Tries the window at (file, start) against the first occurrence of its hash; returns how many tokens to skip (0 = none). */
function tryMatch(scan: Scan, file: number, start: number, hash: number): number {
  const seen = scan.seen;
  if (!seen.getOrAdd(hash & KEY_MASK, file, start)) return 0;
  const site: Site = { file: seen.foundFile, start: seen.foundStart };
  const length = matchLength(scan.sources, site, { file, start });
  if (length < scan.options.minTokens) return 0;
  const original = { file: site.file, start: site.start, end: site.start + length };
  const copy = { file, start, end: start + length };
  const { minLines } = scan.options;
  if (spansLines(scan.sources[site.file]!, original, minLines) && spansLines(scan.sources[file]!, copy, minLines)) {
    scan.clones.push({ original, copy });
  }
  return length;
}

function scanFile(scan: Scan, file: number, pow: number): void {
  const hashes = scan.sources[file]!.tokens.hashes;
  const size = scan.options.minTokens;
  let start = 0;
  let hash = windowHash(hashes, 0, size);
  while (start + size <= hashes.length) {
    const skip = tryMatch(scan, file, start, hash);
    if (skip > 0) {
      start += skip;
      if (start + size <= hashes.length) hash = windowHash(hashes, start, size);
      continue;
    }
    if (start + size < hashes.length) hash = rollHash(hashes, hash, start, size, pow);
    start++;
  }
}

/** Every maximal clone pair, each reported once: the later copy against the first occurrence. */
export function findClones(sources: readonly CloneSource[], options: CloneOptions): Clone[] {
  const total = sources.reduce((sum, source) => sum + source.tokens.hashes.length, 0);
  const scan: Scan = { sources, options, seen: new SiteTable(total), clones: [] };
  const pow = power(options.minTokens - 1);
  for (let file = 0; file < sources.length; file++) {
    if (sources[file]!.tokens.hashes.length >= options.minTokens) scanFile(scan, file, pow);
  }
  return scan.clones;
}

/**
 * Token-clone detection over the normalised token streams of all files, in O(total tokens):
 * a polynomial rolling hash over windows of `minTokens` tokens, a Map from window hash to
 * its first occurrence, and each match extended forward to its maximal length.
 */
import { TOKEN_BREAK, type TokenStream } from '../../facts/types.js';

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

/**
 * Length of the common run starting at `a` and `b`; a copy inside the same file may not overlap its
 * original, and no run spans a TOKEN_BREAK (left-out declarations), which matches nothing.
 */
function matchLength(sources: readonly CloneSource[], a: Site, b: Site): number {
  const left = sources[a.file]!.tokens.hashes;
  const right = sources[b.file]!.tokens.hashes;
  const limit = a.file === b.file ? Math.min(b.start - a.start, right.length - b.start) : Math.min(left.length - a.start, right.length - b.start);
  let length = 0;
  while (length < limit && left[a.start + length] === right[b.start + length] && left[a.start + length] !== TOKEN_BREAK) length++;
  return length;
}

function spansLines(source: CloneSource, fragment: Fragment, minLines: number): boolean {
  const lines = source.tokens.lines;
  return lines[fragment.end - 1]! - lines[fragment.start]! + 1 >= minLines;
}

/** First occurrences of window keys, as the scan asks for them. */
interface Occurrences {
  /** True with `found*` set to the first occurrence stored for `key`; false after storing (file, start) for it. */
  getOrAdd(key: number, file: number, start: number): boolean;
  foundFile: number;
  foundStart: number;
}

/**
 * Open-addressing table from window hash to its first occurrence, in one typed array with the
 * key, file and start of a slot side by side (one cache line per probe): a Map with a million
 * integer keys costs several times more in time and memory. The table of a full scan.
 */
class SiteTable implements Occurrences {
  private readonly slots: Int32Array;
  private readonly mask: number;
  foundFile = 0;
  foundStart = 0;

  constructor(expected: number) {
    let capacity = 1;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * SLOT_INTS).fill(EMPTY);
  }

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

  /**
   * Every entry, sorted by key (an index's table), in the table's own buffer, which the table no
   * longer uses afterwards: its entries are packed to the front (a slot is never written before it
   * is read), then radix-sorted into the space behind them and back. At most half the slots are in
   * use, so the two sets of three arrays fit (no second table-sized allocation on the worker).
   */
  sorted(): SortedEntries {
    const slots = this.slots;
    let count = 0;
    for (let at = 0; at < slots.length; at += SLOT_INTS) {
      if (slots[at] === EMPTY) continue;
      const to = count++ * SLOT_INTS;
      slots[to] = slots[at]!;
      slots[to + 1] = slots[at + 1]!;
      slots[to + 2] = slots[at + 2]!;
    }
    // Six arrays of `count`: the packed triples lie in the first three's space, and are split into
    // the last three before the sort overwrites them.
    const block = (index: number): Int32Array => slots.subarray(index * count, (index + 1) * count);
    const front = { keys: block(0), files: block(1), starts: block(2) };
    const back = { keys: block(3), files: block(4), starts: block(5) };
    for (let i = 0; i < count; i++) {
      back.keys[i] = slots[i * SLOT_INTS]!;
      back.files[i] = slots[i * SLOT_INTS + 1]!;
      back.starts[i] = slots[i * SLOT_INTS + 2]!;
    }
    return radixSort(back, front);
  }
}

/** Ints per SiteTable slot: key, file, start. */
const SLOT_INTS = 3;
/** Keys are 30-bit, never negative, so -1 marks a free slot. */
const EMPTY = -1;
/** The file of an entry that no longer holds (later than any file: counts as absent). */
const STALE = 0x7fffffff;

/** Entries of an index's table, sorted by key (unique), in three parallel arrays. */
interface SortedEntries {
  keys: Int32Array;
  files: Int32Array;
  starts: Int32Array;
}

/** Bits per radix pass: two passes sort 30-bit keys. */
const RADIX_BITS = 15;
const RADIX = 1 << RADIX_BITS;

/** LSD radix sort of the entries by key (30 bits, two passes): linear, where a comparison sort of 10^6 entries is not. */
function radixSort(entries: SortedEntries, buffers: SortedEntries): SortedEntries {
  let from = entries;
  // Two passes ping-pong between the input and the spare buffers (an even count: the input's come back).
  let spare = buffers;
  for (let shift = 0; shift < RADIX_BITS * 2; shift += RADIX_BITS) {
    const count = new Int32Array(RADIX + 1);
    const { keys, files, starts } = from;
    for (let i = 0; i < keys.length; i++) count[((keys[i]! >>> shift) & (RADIX - 1)) + 1]!++;
    for (let digit = 0; digit < RADIX; digit++) count[digit + 1]! += count[digit]!;
    const to = spare;
    spare = from;
    for (let i = 0; i < keys.length; i++) {
      const at = count[(keys[i]! >>> shift) & (RADIX - 1)]!++;
      to.keys[at] = keys[i]!;
      to.files[at] = files[i]!;
      to.starts[at] = starts[i]!;
    }
    from = to;
  }
  return from;
}

/**
 * The first occurrences during a rescan: the sorted entries of the last scan, under an overlay of
 * the entries the rescan changed. An entry whose file is later than the one being scanned, or
 * STALE, counts as absent and is taken over (a full scan never meets one).
 */
class RescanTable implements Occurrences {
  private readonly base: SortedEntries;
  /** key -> [file, start] set by the rescan (and by earlier ones whose changes are still pending). */
  private readonly overlay: Map<number, readonly [number, number]>;
  foundFile = 0;
  foundStart = 0;
  /** Keys and starts inserted while recording (see `record`). */
  inserted: number[] | undefined;

  constructor(base: SortedEntries, pending?: ReadonlyMap<number, readonly [number, number]>) {
    this.base = base;
    this.overlay = new Map(pending);
  }

  /** The entry of `key` (overlay first), or undefined. */
  private entry(key: number): readonly [number, number] | undefined {
    const own = this.overlay.get(key);
    if (own) return own;
    const at = indexOfKey(this.base.keys, key);
    return at < 0 ? undefined : [this.base.files[at]!, this.base.starts[at]!];
  }

  getOrAdd(key: number, file: number, start: number): boolean {
    const entry = this.entry(key);
    if (entry && entry[0] <= file) {
      this.foundFile = entry[0];
      this.foundStart = entry[1];
      return true;
    }
    this.overlay.set(key, [file, start]);
    this.inserted?.push(key, start);
    return false;
  }

  /** The start of `file`'s entry for `key`, which no longer holds from now on; undefined when `file` does not hold it. */
  release(key: number, file: number): number | undefined {
    const entry = this.entry(key);
    if (!entry || entry[0] !== file) return undefined;
    this.overlay.set(key, [STALE, 0]);
    return entry[1];
  }

  /** What the rescan changed: key -> [file, start] (file STALE: the entry is gone). */
  get changes(): ReadonlyMap<number, readonly [number, number]> {
    return this.overlay;
  }
}

/** The number of entries of `base` once `overlay` (see RescanTable.changes) is applied. */
function mergedCount(base: SortedEntries, overlay: ReadonlyMap<number, readonly [number, number]>): number {
  let count = base.keys.length;
  for (const [key, [file]] of overlay) count += (file === STALE ? 0 : 1) - (indexOfKey(base.keys, key) >= 0 ? 1 : 0);
  return count;
}

/** `base` with `overlay` applied, written into `out` (mergedCount entries each), sorted by key. */
function mergeInto(base: SortedEntries, overlay: ReadonlyMap<number, readonly [number, number]>, out: SortedEntries): void {
  const changes = [...overlay.keys()].sort((a, b) => a - b);
  const { keys, files, starts } = base;
  let from = 0;
  let to = 0;
  const copy = (end: number): void => {
    out.keys.set(keys.subarray(from, end), to);
    out.files.set(files.subarray(from, end), to);
    out.starts.set(starts.subarray(from, end), to);
    to += end - from;
    from = end;
  };
  for (const key of changes) {
    const at = lowerBound(keys, key, from);
    copy(at);
    if (at < keys.length && keys[at] === key) from++;
    const [file, start] = overlay.get(key)!;
    if (file === STALE) continue;
    out.keys[to] = key;
    out.files[to] = file;
    out.starts[to++] = start;
  }
  copy(keys.length);
}

/** First index in sorted `keys` (from `from`) whose key is >= `key`. */
function lowerBound(keys: Int32Array, key: number, from = 0): number {
  let low = from;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

function indexOfKey(keys: Int32Array, key: number): number {
  const at = lowerBound(keys, key);
  return at < keys.length && keys[at] === key ? at : -1;
}

interface Scan {
  sources: readonly CloneSource[];
  options: CloneOptions;
  /** Window hash (cut to 30 bits) -> its first occurrence. */
  seen: Occurrences;
  clones: Clone[];
  /** The window keys looked up (by the current file, or by every file of a first scan). */
  visited: KeyList;
}

/** A growable list of keys in one typed array (10^6 keys in a plain array cost several times the memory). */
class KeyList {
  private keys = new Int32Array(1024);
  length = 0;

  push(key: number): void {
    if (this.length === this.keys.length) {
      const grown = new Int32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.length++] = key;
  }

  /** The keys so far, copied out. */
  toArray(): Int32Array {
    return this.keys.slice(0, this.length);
  }
}

/** Tries the window at (file, start) against the first occurrence of its hash; returns how many tokens to skip (0 = none). */
function tryMatch(scan: Scan, file: number, start: number, hash: number): number {
  const seen = scan.seen;
  const key = hash & KEY_MASK;
  scan.visited.push(key);
  if (!seen.getOrAdd(key, file, start)) return 0;
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
  if (hashes.length < size) return;
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

/**
 * What a scan leaves for a later rescan (rescanClones): the first occurrence of every window key,
 * and the keys each file looked up. A file's scan is a function of the table's answers to the keys
 * it looked up (and of the tokens at the sites they name), so a file none of whose keys changed
 * would scan exactly as before.
 */
export interface CloneIndex {
  options: CloneOptions;
  /** The first occurrence of every window key, sorted by key. */
  entries: SortedEntries;
  /** The window keys each file looked up, in file order: file i's are visited[offsets[i] .. offsets[i + 1]). */
  visited: Int32Array;
  offsets: Int32Array;
  /**
   * What a rescan changed, not yet applied to the arrays above: encodeIndex applies it as it writes
   * (a rescan that copied 10^6 entries to change a few hundred would cost more than the rescan).
   */
  changes?: IndexChanges;
}

interface IndexChanges {
  /** Entries by key: [file, start], file STALE for a removed one. */
  entries: ReadonlyMap<number, readonly [number, number]>;
  /** The new visited keys of the rescanned files. */
  visited: ReadonlyMap<number, Int32Array>;
}

/** Scans every file in order; with `offsets`, keeps the keys each file looked up (for an index). */
function scanAll(sources: readonly CloneSource[], options: CloneOptions, offsets?: Int32Array): { scan: Scan; table: SiteTable } {
  const total = sources.reduce((sum, source) => sum + source.tokens.hashes.length, 0);
  const table = new SiteTable(total);
  const scan: Scan = { sources, options, seen: table, clones: [], visited: new KeyList() };
  const pow = power(options.minTokens - 1);
  for (let file = 0; file < sources.length; file++) {
    scanFile(scan, file, pow);
    if (offsets) offsets[file + 1] = scan.visited.length;
    else scan.visited.length = 0;
  }
  return { scan, table };
}

/** Every maximal clone pair, each reported once: the later copy against the first occurrence. */
export function findClones(sources: readonly CloneSource[], options: CloneOptions): Clone[] {
  return scanAll(sources, options).scan.clones;
}

/** findClones, with the index a later rescan starts from. */
export function findClonesIndexed(sources: readonly CloneSource[], options: CloneOptions): { clones: Clone[]; index: CloneIndex } {
  const offsets = new Int32Array(sources.length + 1);
  const { scan, table } = scanAll(sources, options, offsets);
  return { clones: scan.clones, index: { options, entries: table.sorted(), visited: scan.visited.toArray(), offsets } };
}

/** What rescanClones found: the clones of every file it scanned again (whose copy is in them), and the new index. */
export interface Rescan {
  /** Files scanned again, ascending: the changed ones and those whose lookups may answer differently. */
  rescanned: number[];
  /** The clones whose copy is in a rescanned file, in scan order. */
  clones: Clone[];
  index: CloneIndex;
}

/**
 * The clones of `sources` after the files in `changed` got new tokens, from the index of the last
 * scan of the same files in the same order. Exact: the clones of the files it does not scan again
 * are those of the last scan. Undefined when the index does not fit (other options or file count):
 * scan anew.
 *
 * A file is scanned again when it changed, or when a key it looked up last time may answer
 * differently now: a key whose first occurrence is in a changed file (its tokens differ) or moved
 * in an earlier rescanned file. Files before the first change scan as before; the index's entries
 * from later files count as absent until those files come (RescanTable).
 */
export function rescanClones(sources: readonly CloneSource[], changed: ReadonlySet<number>, index: CloneIndex, options: CloneOptions): Rescan | undefined {
  if (index.options.minTokens !== options.minTokens || index.options.minLines !== options.minLines) return undefined;
  if (index.offsets.length !== sources.length + 1) return undefined;
  const seen = new RescanTable(index.entries, index.changes?.entries);
  const scan: Scan = { sources, options, seen, clones: [], visited: new KeyList() };
  const pow = power(options.minTokens - 1);
  const moved = new KeySet();
  const rescanned: number[] = [];
  const visitedBy = new Map(index.changes?.visited);
  const first = Math.min(...changed);
  for (let file = first; file < sources.length; file++) {
    const before = visitedOf(index, file);
    const isChanged = changed.has(file);
    if (!isChanged && !moved.intersects(before)) continue;
    rescanned.push(file);
    // This file's own entries of last time no longer hold while it is scanned again.
    const old = new Map<number, number>();
    for (const key of before) {
      const start = seen.release(key, file);
      if (start !== undefined) old.set(key, start);
    }
    seen.inserted = [];
    scan.visited = new KeyList();
    scanFile(scan, file, pow);
    const inserted = seen.inserted;
    seen.inserted = undefined;
    visitedBy.set(file, scan.visited.toArray());
    // Keys whose answer may differ for the files after this one: every first occurrence in a changed
    // file (its tokens are new), and the entries of an unchanged file that came or went or moved.
    for (let i = 0; i < inserted.length; i += 2) {
      const key = inserted[i]!;
      if (!isChanged && old.get(key) === inserted[i + 1]) old.delete(key);
      else moved.add(key);
    }
    for (const key of old.keys()) moved.add(key);
  }
  return { rescanned, clones: scan.clones, index: { options, entries: index.entries, visited: index.visited, offsets: index.offsets, changes: { entries: seen.changes, visited: visitedBy } } };
}

/** The window keys `file` looked up in the last scan of it. */
function visitedOf(index: CloneIndex, file: number): Int32Array {
  return index.changes?.visited.get(file) ?? index.visited.subarray(index.offsets[file]!, index.offsets[file + 1]!);
}

/** How many ints a patch of `index`'s pending changes takes (encodeChanges); 0 without changes. */
export function changesLength(index: CloneIndex): number {
  if (!index.changes) return 0;
  let length = 2 + index.changes.entries.size * SLOT_INTS;
  for (const keys of index.changes.visited.values()) length += 2 + keys.length;
  return length;
}

/** The pending changes of `index` as ints (a patch over its arrays, see decodeChanges). */
export function encodeChanges(index: CloneIndex): Int32Array {
  const ints = new Int32Array(Math.max(2, changesLength(index)));
  const changes = index.changes;
  if (!changes) return ints;
  let at = 0;
  ints[at++] = changes.entries.size;
  for (const [key, [file, start]] of changes.entries) {
    ints[at++] = key;
    ints[at++] = file;
    ints[at++] = start;
  }
  ints[at++] = changes.visited.size;
  for (const [file, keys] of changes.visited) {
    ints[at++] = file;
    ints[at++] = keys.length;
    ints.set(keys, at);
    at += keys.length;
  }
  return ints;
}

/** `index` with the changes encoded at `at` in `ints` pending, and where they end; undefined when the ints do not hold them. */
export function decodeChanges(index: CloneIndex, ints: Int32Array, at: number): { index: CloneIndex; next: number } | undefined {
  const files = index.offsets.length - 1;
  const count = ints[at++];
  if (count === undefined || count < 0 || at + count * SLOT_INTS >= ints.length) return undefined;
  const entries = new Map<number, readonly [number, number]>();
  for (let i = 0; i < count; i++, at += SLOT_INTS) entries.set(ints[at]!, [ints[at + 1]!, ints[at + 2]!]);
  const visitedFiles = ints[at++]!;
  const visited = new Map<number, Int32Array>();
  for (let i = 0; i < visitedFiles; i++) {
    const file = ints[at]!;
    const length = ints[at + 1]!;
    if (file < 0 || file >= files || length < 0 || at + 2 + length > ints.length) return undefined;
    visited.set(file, ints.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return { index: { ...index, changes: { entries, visited } }, next: at };
}

/** A set of 30-bit keys, with a bitmap in front: most lookups of keys not in it stop there. */
class KeySet {
  private readonly bits = new Int32Array(FILTER_WORDS);
  private readonly keys = new Set<number>();

  add(key: number): void {
    this.bits[(key >>> WORD_SHIFT) & FILTER_MASK]! |= 1 << (key & WORD_BITS_MASK);
    this.keys.add(key);
  }

  intersects(keys: Int32Array): boolean {
    if (this.keys.size === 0) return false;
    const bits = this.bits;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if ((bits[(key >>> WORD_SHIFT) & FILTER_MASK]! & (1 << (key & WORD_BITS_MASK))) !== 0 && this.keys.has(key)) return true;
    }
    return false;
  }
}

/** The KeySet filter: 2^21 bits in 2^16 words of 32. */
const FILTER_WORDS = 1 << 16;
const FILTER_MASK = FILTER_WORDS - 1;
const WORD_SHIFT = 5;
const WORD_BITS_MASK = 31;

/** Fixed ints before an index's arrays: files, minTokens, minLines, entries, visited keys. */
const INDEX_HEADER = 5;

/** How many ints encodeIndex writes for `index`. */
export function encodedLength(index: CloneIndex): number {
  const files = index.offsets.length - 1;
  const entries = index.changes ? mergedCount(index.entries, index.changes.entries) : index.entries.keys.length;
  let visited = index.visited.length;
  for (const [file, keys] of index.changes?.visited ?? []) visited += keys.length - (index.offsets[file + 1]! - index.offsets[file]!);
  return INDEX_HEADER + entries * SLOT_INTS + visited + files + 1;
}

/** An index as ints, for a rule state (decodeIndex reads it back). */
export function encodeIndex(index: CloneIndex): Int32Array {
  const ints = new Int32Array(encodedLength(index));
  encodeIndexInto(index, ints, 0);
  return ints;
}

/** encodeIndex into `ints` at `at` (encodedLength ints), pending changes applied on the way; returns where it ended. */
export function encodeIndexInto(index: CloneIndex, ints: Int32Array, at: number): number {
  const files = index.offsets.length - 1;
  const changes = index.changes;
  const entries = changes ? mergedCount(index.entries, changes.entries) : index.entries.keys.length;
  let from = at + INDEX_HEADER;
  const take = (length: number): Int32Array => ints.subarray(from, (from += length));
  const out = { keys: take(entries), files: take(entries), starts: take(entries) };
  if (changes) mergeInto(index.entries, changes.entries, out);
  else {
    out.keys.set(index.entries.keys);
    out.files.set(index.entries.files);
    out.starts.set(index.entries.starts);
  }
  const visitedStart = from;
  const offsets = new Int32Array(files + 1);
  for (let file = 0; file < files; file++) {
    const own = changes?.visited.get(file) ?? index.visited.subarray(index.offsets[file]!, index.offsets[file + 1]!);
    ints.set(own, from);
    from += own.length;
    offsets[file + 1] = from - visitedStart;
  }
  ints.set(offsets, from);
  ints.set([files, index.options.minTokens, index.options.minLines, entries, from - visitedStart], at);
  return from + files + 1;
}

/** The index encoded at `at` in `ints` (views into them) and where the next value starts; undefined when the ints do not hold one. */
export function decodeIndex(ints: Int32Array, at: number): { index: CloneIndex; next: number } | undefined {
  if (at + INDEX_HEADER > ints.length) return undefined;
  const [files, minTokens, minLines, entries, visitedLength] = Array.from(ints.subarray(at, at + INDEX_HEADER));
  if (files! < 0 || entries! < 0 || visitedLength! < 0) return undefined;
  const next = at + INDEX_HEADER + entries! * SLOT_INTS + visitedLength! + files! + 1;
  if (next > ints.length) return undefined;
  let from = at + INDEX_HEADER;
  const take = (length: number): Int32Array => ints.subarray(from, (from += length));
  const entriesOf = { keys: take(entries!), files: take(entries!), starts: take(entries!) };
  const visited = take(visitedLength!);
  const offsets = take(files! + 1);
  if (offsets[0] !== 0 || offsets[files!] !== visitedLength) return undefined;
  for (let file = 0; file < files!; file++) if (offsets[file + 1]! < offsets[file]!) return undefined;
  return { index: { options: { minTokens: minTokens!, minLines: minLines! }, entries: entriesOf, visited, offsets }, next };
}

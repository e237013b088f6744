/**
 * The facts cache seen by the engine: memory LRU -> local disk store -> read-only snapshot dirs.
 *
 * - get: the first tier that has a valid entry wins. A disk hit is promoted into memory; a
 *   snapshot hit too, but never copied into the disk store (snapshots are already on disk, and
 *   copying would double the footprint of a baked image's cache in every container).
 * - set: disk. A disk write failure (read-only or full disk) is counted in `writeErrors`, the
 *   entry is kept in memory instead, and the run goes on. A written entry does not go into memory:
 *   the run that computed it looked its key up already and does not again, and holding every
 *   fresh payload only raised a cold run's peak memory (by 20-40 MB on the benchmark corpus). A
 *   later lookup (a later run in the same process) reads it from disk and promotes it.
 * - Every `get` returns a fresh object: callers may mutate it (the engine re-sets `facts.path` to
 *   the current path, since identical files at two paths share one entry).
 */
import type { FileFacts, TokenStream } from '../facts/types.js';
import { isFileFactsShape } from '../facts/validate.js';
import { DiskStore, type ReadResult, type WriteResult } from './disk-store.js';
import type { EntryAuth } from './entry-auth.js';
import { assertKey } from './layout.js';
import { MemoryTier } from './memory-tier.js';
import type { CacheCounters, CacheOptions, FactsStore } from './types.js';
import { parseJson } from '../bounded-json.js';

export class FactsCache implements FactsStore {
  private readonly memory: MemoryTier;
  private readonly disk: DiskStore;
  private readonly snapshots: DiskStore[];
  private readonly stats: CacheCounters = { hits: 0, misses: 0, corrupt: 0, writes: 0, memoryHits: 0, diskHits: 0, snapshotHits: 0, writeErrors: 0 };
  private lastError: string | undefined;

  private constructor(options: CacheOptions) {
    this.memory = new MemoryTier(options.memoryBytes);
    this.disk = new DiskStore({ dir: options.dir, ...(options.auth ? { auth: options.auth } : {}) });
    this.snapshots = (options.snapshotDirs ?? []).map((dir) => new DiskStore({ dir, readOnly: true }));
  }

  /** Never touches the disk: directories are created on the first write, and may not exist. */
  static open(options: CacheOptions): FactsCache {
    return new FactsCache(options);
  }

  get dir(): string {
    return this.disk.dir;
  }

  get auth(): EntryAuth | undefined {
    return this.disk.auth;
  }

  get(key: string): FileFacts | undefined {
    assertKey(key);
    const cached = this.memory.get(key);
    if (cached !== undefined) {
      const facts = decodeFacts(cached);
      if (facts) return this.hit('memoryHits', facts);
    }
    const fromDisk = this.lookup(this.disk, key);
    if (fromDisk) return this.hit('diskHits', fromDisk);
    for (const snapshot of this.snapshots) {
      const fromSnapshot = this.lookup(snapshot, key);
      if (fromSnapshot) return this.hit('snapshotHits', fromSnapshot);
    }
    this.stats.misses++;
    return undefined;
  }

  /**
   * Whether some tier holds an entry for `key`, without reading it (a file-existence check; the
   * entry is verified when `get` reads it). Not counted as a hit or a miss.
   */
  has(key: string): boolean {
    assertKey(key);
    return this.memory.get(key) !== undefined || this.disk.has(key) || this.snapshots.some((s) => s.has(key));
  }

  set(key: string, facts: FileFacts): void {
    assertKey(key);
    const payload = encodeFacts(facts);
    this.record(key, payload, this.disk.write(key, payload));
  }

  /**
   * Takes an entry that was encoded (encodeFacts) and written into `dir` elsewhere, by the pool
   * worker that extracted the facts: it is counted as written, or as a write error with its reason
   * and then kept in memory, the only tier that can serve it (see the module comment).
   */
  adopt(key: string, payload: string, written: WriteResult): void {
    assertKey(key);
    this.record(key, payload, written);
  }

  /** Counts a write; an entry the disk could not take is kept in memory. */
  private record(key: string, payload: string, written: WriteResult): void {
    if (written.ok) {
      this.stats.writes++;
      return;
    }
    this.memory.set(key, payload);
    this.stats.writeErrors++;
    this.lastError = written.error;
  }

  counters(): CacheCounters {
    return { ...this.stats };
  }

  /** The last disk write error, for a one-line warning (e.g. "cache dir is read-only"). */
  lastWriteError(): string | undefined {
    return this.lastError;
  }

  private hit(tier: 'memoryHits' | 'diskHits' | 'snapshotHits', facts: FileFacts): FileFacts {
    this.stats.hits++;
    this.stats[tier]++;
    return facts;
  }

  /** Reads one disk-like tier; a valid entry is promoted into memory, a bad one counted. */
  private lookup(store: DiskStore, key: string): FileFacts | undefined {
    const result: ReadResult = store.read(key);
    if (result.status === 'miss') return undefined;
    const facts = result.status === 'hit' ? decodeFacts(result.payload) : undefined;
    if (!facts) {
      this.stats.corrupt++;
      return undefined;
    }
    if (result.status === 'hit') this.memory.set(key, result.payload);
    return facts;
  }
}

/**
 * Entry payload: the facts as JSON, except the token stream (most of a file's facts by count),
 * whose two arrays are stored as base64 of their little-endian 32-bit values: several times
 * smaller and faster to write and read than JSON number arrays.
 */
export function encodeFacts(facts: FileFacts): string {
  return JSON.stringify({ ...facts, tokens: { hashes: base64Of(facts.tokens.hashes), lines: base64Of(facts.tokens.lines) } });
}

function base64Of(values: ArrayLike<number>): string {
  const words = values instanceof Uint32Array ? values : Uint32Array.from(values);
  return toLittleEndian(Buffer.from(words.buffer, words.byteOffset, words.byteLength)).toString('base64');
}

function wordsOf(text: unknown): Uint32Array | undefined {
  if (typeof text !== 'string') return undefined;
  const bytes = toLittleEndian(Buffer.from(text, 'base64'));
  if (bytes.length % WORD_BYTES !== 0) return undefined;
  // A fresh, aligned buffer (a decoded Buffer may sit at any offset of Node's pool).
  const words = new Uint32Array(bytes.length / WORD_BYTES);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}

const WORD_BYTES = 4;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Entries are little-endian on every machine (a snapshot may move between architectures). */
function toLittleEndian(bytes: Buffer): Buffer {
  return LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap32();
}

/**
 * The facts of an entry payload (encodeFacts), or undefined when it is not one of this schema.
 * A checksum only proves the entry is whole, not who wrote it: a committed cache folder or a
 * planted snapshot can hold any JSON, so every field is checked (facts/validate.ts) before a rule
 * reads it, and an entry that fails is corrupt (a counted miss).
 */
export function decodeFacts(payload: string): FileFacts | undefined {
  try {
    const value: unknown = parseJson(payload);
    if (!isFileFactsShape(value)) return undefined;
    const facts = value as FileFacts & { tokens: { hashes?: unknown; lines?: unknown } };
    const hashes = wordsOf(facts.tokens?.hashes);
    const lines = wordsOf(facts.tokens?.lines);
    if (!hashes || !lines || hashes.length !== lines.length) return undefined;
    const tokens: TokenStream = { hashes, lines };
    return { ...(value as FileFacts), tokens };
  } catch {
    return undefined;
  }
}

import type { FileFacts } from '../facts/types.js';
import type { WriteResult } from './disk-store.js';

/** Where the tiers live. Lookups go memory -> disk (`dir`) -> each snapshot dir in order. */
export interface CacheOptions {
  /** Writable disk store. */
  dir: string;
  /** Read-only snapshot directories (same layout as the disk store), e.g. baked into an image. */
  snapshotDirs?: readonly string[];
  /** Bound of the in-memory LRU, in bytes (default 64 MiB). */
  memoryBytes?: number;
}

export interface CacheCounters {
  hits: number;
  misses: number;
  /** Entries that were present but corrupt, truncated, or of another version: counted as misses too. */
  corrupt: number;
  writes: number;
  /** Hits per tier. */
  memoryHits: number;
  diskHits: number;
  snapshotHits: number;
  /** Disk writes that failed (read-only or full disk): the run goes on without caching them. */
  writeErrors: number;
}

/** The facts cache seen by the engine. Keys come from `factsKey` (content + path-dependent inputs + versions). */
export interface FactsStore {
  get(key: string): FileFacts | undefined;
  /** Whether an entry exists (cheap; not verified, not counted). */
  has(key: string): boolean;
  set(key: string, facts: FileFacts): void;
  /** The writable disk tier's folder: pool workers write the entries of the facts they extract there. */
  readonly dir: string;
  /** Takes an entry a worker encoded (encodeFacts) and wrote into `dir`, with the outcome of its write. */
  adopt(key: string, payload: string, written: WriteResult): void;
  counters(): CacheCounters;
}

import type { FileFacts } from '../facts/types.js';
import type { WriteResult } from './disk-store.js';
import type { EntryAuth } from './entry-auth.js';

/** Where the tiers live. Lookups go memory -> disk (`dir`) -> each snapshot dir in order. */
export interface CacheOptions {
  /** Writable disk store. */
  dir: string;
  /** Read-only snapshot directories (same layout as the disk store), e.g. baked into an image. */
  snapshotDirs?: readonly string[];
  /** Bound of the in-memory LRU, in bytes (default 64 MiB). */
  memoryBytes?: number;
  /** A cache inside the analysed checkout: its entries are sealed and checked with this machine's key (cache/trust.ts). */
  auth?: EntryAuth;
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
  /** The key the disk tier seals its entries with (a cache inside the checkout); workers seal theirs with it too. */
  readonly auth?: EntryAuth;
  /** Takes an entry a worker encoded (encodeFacts) and wrote into `dir`, with the outcome of its write. */
  adopt(key: string, payload: string, written: WriteResult): void;
  counters(): CacheCounters;
}

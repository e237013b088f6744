import { factsKey } from '../cache/key.js';
import type { CacheCounters, FactsStore } from '../cache/types.js';
import { readSource } from '../discovery/read.js';
import type { DiscoveredFile } from '../discovery/walk.js';
import type { FileFacts, SourceFile } from '../facts/types.js';
import { ExtractionQueue } from './pool.js';
import type { SkippedFile } from './types.js';

/** Files read at once: enough to keep the disk busy, few enough to bound memory. */
const READ_CONCURRENCY = 32;

export interface CollectOptions {
  maxFileSize: number;
  workers?: number;
  /** The facts cache; undefined with --no-cache. */
  store?: FactsStore;
  /** Each file's facts as soon as they are known (cache hit or parsed). */
  onFacts: (facts: FileFacts) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface Collected {
  facts: FileFacts[];
  skipped: SkippedFile[];
  phases: { hash: number; parse: number };
  /** Threads that parsed (1 = main thread). */
  workers: number;
  cache?: CacheCounters;
}

/**
 * read + hash + cache lookup in the main thread; each miss goes to the detector pool as soon as
 * it is read (parsing overlaps reading), and each result is written back to the cache. Facts
 * come back sorted by path whatever the order of work.
 */
export async function collectFacts(files: readonly DiscoveredFile[], options: CollectOptions): Promise<Collected> {
  const facts: FileFacts[] = [];
  const skipped: SkippedFile[] = [];
  const keys = new Map<string, string>();
  let done = 0;
  const accept = (item: FileFacts): void => {
    facts.push(item);
    options.onFacts(item);
    options.onProgress?.(++done, files.length);
  };
  const pool = new ExtractionQueue({
    workers: options.workers,
    onFacts(path, item) {
      if (options.store) options.store.set(keys.get(path)!, item);
      accept(item);
    },
  });
  let mark = performance.now();
  await forEachLimited(files, READ_CONCURRENCY, async (file) => {
    const read = await readSource(file, options.maxFileSize);
    if (!read.ok) {
      skipped.push(read.skipped);
      options.onProgress?.(++done, files.length);
      return;
    }
    const source: SourceFile = { path: file.path, language: file.language, content: read.content };
    const key = options.store ? factsKey(source) : '';
    const hit = options.store?.get(key);
    if (hit) accept({ ...hit, path: file.path });
    else {
      keys.set(source.path, key);
      pool.add(source);
    }
  });
  const hash = performance.now() - mark;
  mark = performance.now();
  const workers = await pool.finish();
  facts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { facts, skipped, phases: { hash, parse: performance.now() - mark }, workers, cache: options.store?.counters() };
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

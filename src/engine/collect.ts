import { factsKey } from '../cache/key.js';
import type { StampIndex } from '../cache/stamp-index.js';
import type { CacheCounters, FactsStore } from '../cache/types.js';
import { readSource } from '../discovery/read.js';
import { sourceDecoder } from '../languages/index.js';
import type { DiscoveredFile } from '../discovery/walk.js';
import type { FileFacts, SourceFile } from '../facts/types.js';
import { ExtractionQueue } from './pool.js';
import type { SkippedFile } from '../model/analysis.js';
import { scanSkipped } from './scan-skipped.js';

/** Files read between two turns of the event loop. */
const YIELD_EVERY = 32;

export interface CollectOptions {
  maxFileSize: number;
  workers?: number;
  /** The facts cache; undefined with --no-cache. */
  store?: FactsStore;
  /** Each file's facts as soon as they are known (cache hit or parsed). */
  onFacts: (facts: FileFacts) => void;
  onProgress?: (done: number, total: number) => void;
  /**
   * With a store: called once every file is read and hashed, before any facts entry is loaded (files
   * without one are being parsed, `parsing` of them). It may return:
   * - 'reuse' (only when nothing is parsed): the collection ends with no facts, the caller reuses
   *   the judgements of an earlier run of the same files;
   * - a set of paths: only the entries of those files are loaded (an incremental run);
   * - undefined: every entry is loaded.
   */
  plan?: (files: readonly FileKey[], skipped: readonly SkippedFile[], parsing: number) => 'reuse' | ReadonlySet<string> | undefined;
  /**
   * With a store: the facts keys of the last run by path and stat stamp. A file whose stamp is
   * unchanged is not read unless its facts must be computed; each file's key is recorded back.
   */
  stamps?: StampIndex;
}

/** A read file and its facts cache key. */
export interface FileKey {
  path: string;
  key: string;
}

export interface Collected {
  facts: FileFacts[];
  skipped: SkippedFile[];
  phases: { hash: number; parse: number };
  /** Threads that parsed (1 = main thread). */
  workers: number;
  cache?: CacheCounters;
  /** Every read file with its facts key (with a store). */
  keys: FileKey[];
  /** True when `plan` reused the last judgements: `facts` is empty. */
  reused: boolean;
  /** True when `plan` named the files to load: `facts` holds only theirs (and those parsed). */
  partial: boolean;
}

/** A file whose facts entry exists, loaded only once it is known to be needed; read then, if it was not. */
interface Deferred {
  file: DiscoveredFile;
  key: string;
  source?: SourceFile;
}

/**
 * read + hash + cache lookup in the main thread; each miss goes to the detector pool as soon as
 * it is read (parsing overlaps reading), and each result is written back to the cache (by the
 * worker that extracted it, or here for files parsed on this thread). Facts
 * come back sorted by path whatever the order of work.
 */
export async function collectFacts(files: readonly DiscoveredFile[], options: CollectOptions): Promise<Collected> {
  const facts: FileFacts[] = [];
  const skipped: SkippedFile[] = [];
  const keys = new Map<string, string>();
  const fileKeys: FileKey[] = [];
  // With `plan`, entries that exist are loaded only once it is known that they are needed.
  const deferred: Deferred[] = [];
  let dispatched = 0;
  let done = 0;
  const accept = (item: FileFacts): void => {
    facts.push(item);
    options.onFacts(item);
    options.onProgress?.(++done, files.length);
  };
  const pool = new ExtractionQueue({
    workers: options.workers,
    entryDir: options.store?.dir,
    ...(options.store?.auth ? { entryAuth: options.store.auth.hex } : {}),
    onFacts(path, item, entry) {
      const store = options.store;
      if (store) {
        // A worker encoded and wrote the entry already; facts extracted on this thread are written now.
        if (entry?.written) store.adopt(keys.get(path)!, entry.payload, entry.written);
        else store.set(keys.get(path)!, item);
      }
      accept(item);
    },
  });
  /** Reads a file: its source, or undefined once it is recorded as skipped. */
  const read = (file: DiscoveredFile): SourceFile | undefined => {
    const outcome = readSource(file, options.maxFileSize, sourceDecoder(file.language));
    if (outcome.ok) return { path: file.path, language: file.language, content: outcome.content };
    skipped.push(scanSkipped(file, outcome.skipped));
    options.onProgress?.(++done, files.length);
    return undefined;
  };
  const parse = (source: SourceFile, key: string): void => {
    keys.set(source.path, key);
    dispatched++;
    pool.add(source, key);
  };
  const load = (source: SourceFile, key: string): void => {
    const hit = options.store!.get(key);
    if (hit) return accept({ ...hit, path: source.path });
    parse(source, key);
  };
  const loadDeferred = ({ file, key, source }: Deferred): void => {
    const hit = options.store!.get(key);
    if (hit) return accept({ ...hit, path: file.path });
    // The entry went bad since `has`: the facts must be computed, from the content as it is now.
    const current = source ?? read(file);
    if (current) parse(current, source ? key : factsKey(current));
  };
  /** Tells the stamp index what this file's stamp hashed to. */
  const remember = (file: DiscoveredFile, key: string): void => {
    if (file.stamp !== undefined) options.stamps?.record(file.path, file.stamp, key, file.mtimeMs ?? Date.now());
  };
  let mark = performance.now();
  await forEachYielding(files, (file) => {
    const store = options.store;
    const known = store && options.stamps ? knownKey(file, options.stamps, options.maxFileSize) : undefined;
    // An unchanged stamp: not read. Its entry is not even looked for until its facts are needed (an
    // entry gone meanwhile, pruned, is then a miss: the file is read and parsed, see loadDeferred).
    if (known !== undefined) {
      fileKeys.push({ path: file.path, key: known });
      remember(file, known);
      deferred.push({ file, key: known });
      return;
    }
    const source = read(file);
    if (!source) return;
    if (!store) {
      dispatched++;
      pool.add(source);
      return;
    }
    const key = factsKey(source);
    fileKeys.push({ path: file.path, key });
    remember(file, key);
    if (options.plan && store.has(key)) deferred.push({ file, key, source });
    else load(source, key);
  });
  const plan = options.plan?.(fileKeys, skipped, dispatched);
  if (plan === 'reuse' && dispatched === 0) {
    const cache = options.store!.counters();
    return { facts, skipped, phases: { hash: performance.now() - mark, parse: 0 }, workers: 0, cache: { ...cache, hits: cache.hits + deferred.length }, keys: fileKeys, reused: true, partial: false };
  }
  const needed = plan instanceof Set ? plan : undefined;
  // Entries not loaded for an incremental run count as hits: their facts are known without parsing.
  let unloaded = 0;
  for (const item of deferred) {
    if (!needed || needed.has(item.file.path)) loadDeferred(item);
    else unloaded++;
  }
  const hash = performance.now() - mark;
  mark = performance.now();
  const workers = await pool.finish();
  facts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const counters = options.store?.counters();
  const cache = counters && { ...counters, hits: counters.hits + unloaded };
  return { facts, skipped, phases: { hash, parse: performance.now() - mark }, workers, cache, keys: fileKeys, reused: false, partial: needed !== undefined };
}

/**
 * The facts key of a file known without reading it: it is within the size limit and its stamp is
 * the one the index recorded with that key.
 */
export function knownKey(file: DiscoveredFile, stamps: StampIndex, maxFileSize: number): string | undefined {
  if (file.stamp === undefined || file.size > maxFileSize) return undefined;
  return stamps.keyOf(file.path, file.stamp);
}

/**
 * Runs a synchronous `task` over `items`, giving the event loop a turn every YIELD_EVERY items so
 * that finished batches from the workers are taken (and new ones sent) while reading goes on.
 */
async function forEachYielding<T>(items: readonly T[], task: (item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    task(items[i]!);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

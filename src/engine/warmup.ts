import { cacheStats } from '../cache/maintenance.js';
import { removeOwnTempsOnInterrupt } from '../cache/interrupt.js';
import { cacheTrust, createCacheDir } from '../cache/trust.js';
import { EnvironmentError } from '../errors.js';
import { printable } from '../printable.js';
import { FactsCache } from '../cache/facts-cache.js';
import { resolveCacheDir, resolveSnapshotDirs } from '../cache/location.js';
import { exportSnapshot } from '../cache/snapshot.js';
import { discover } from '../discovery/walk.js';
import { checkRoot } from './analyze.js';
import { collectFacts } from './collect.js';

export interface WarmupRequest {
  directory: string;
  cacheDir?: string;
  snapshot?: string;
  maxFileSize: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface WarmupResult {
  root: string;
  cacheDir: string;
  files: number;
  skipped: number;
  hits: number;
  misses: number;
  corrupt: number;
  /** Entries that could not be written (unwritable or full cache dir), and the reason of the last one. */
  writeErrors: number;
  writeError?: string;
  /** Bytes of source read. */
  sourceBytes: number;
  /** Size of the cache directory afterwards. */
  cacheBytes: number;
  cacheEntries: number;
  durationMs: number;
  snapshot?: { path: string; entries: number; bytes: number };
}

/** Fills the facts cache for every analysable file under the directory; optionally writes a snapshot archive. */
export async function warmupCache(request: WarmupRequest): Promise<WarmupResult> {
  const started = performance.now();
  const root = checkRoot(request.directory);
  const cacheDir = resolveCacheDir({ root, flag: request.cacheDir, env: process.env });
  const trust = cacheTrust(root, cacheDir, request.cacheDir !== undefined);
  if (trust.kind === 'refused') throw new EnvironmentError(`Will not fill the cache folder ${printable(cacheDir)}: ${printable(trust.reason)}. Pass --cache-dir with a folder outside the checkout.`);
  try {
    createCacheDir(cacheDir);
  } catch {
    // A folder that cannot be created costs speed only: the entries that could not be written are
    // counted and told (README), and the CI job goes on to analyse, uncached.
  }
  const store = FactsCache.open({ dir: cacheDir, snapshotDirs: resolveSnapshotDirs(process.env), ...(trust.kind === 'checkout' ? { auth: trust.auth } : {}) });
  const forget = removeOwnTempsOnInterrupt(cacheDir);
  try {
    return await fill({ request, root, cacheDir, store, started });
  } finally {
    forget();
  }
}

interface FillInput {
  request: WarmupRequest;
  root: string;
  cacheDir: string;
  store: FactsCache;
  started: number;
}

async function fill({ request, root, cacheDir, store, started }: FillInput): Promise<WarmupResult> {
  const found = discover(root);
  const collected = await collectFacts(found.files, { maxFileSize: request.maxFileSize, workers: request.workers, store, onFacts: () => undefined, onProgress: request.onProgress });
  const counters = store.counters();
  const stats = cacheStats(cacheDir, store.auth ? { auth: store.auth } : {});
  const result: WarmupResult = {
    root,
    cacheDir,
    files: collected.facts.length,
    skipped: found.skipped.length + collected.skipped.length,
    hits: counters.hits,
    misses: counters.misses,
    corrupt: counters.corrupt,
    writeErrors: counters.writeErrors,
    ...(counters.writeErrors > 0 ? { writeError: store.lastWriteError() } : {}),
    sourceBytes: found.files.reduce((sum, f) => sum + f.size, 0),
    cacheBytes: stats.bytes,
    cacheEntries: stats.entries,
    durationMs: 0,
  };
  if (request.snapshot) result.snapshot = await exportSnapshot(cacheDir, request.snapshot, store.auth);
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/**
 * `cache stats` and `cache prune`: inspect and shrink a cache directory. Both are safe to run
 * while analyses use the same directory: entries are only ever added by rename and removed by
 * unlink, and a reader that loses an entry just misses.
 */
import { closeSync, constants, openSync, readSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { entryBinding, type EntryAuth, type Seal } from './entry-auth.js';
import { ConfigError, EnvironmentError } from '../errors.js';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import { isSealed, MAX_HEADER_BYTES, parseHeader, verifyIntegrity } from './entry-format.js';
import { describeError, isAbsent } from './fs-errors.js';
import { EXTRACTOR_VERSION } from './key.js';
import { FACTS_SCOPE, versionDirName } from './layout.js';
import { scanCache, type CacheScan, type ScannedEntry, type ScannedRecord } from './scan.js';
import { MAX_ENTRY_BYTES } from './disk-store.js';
import { readRegularFile } from '../discovery/read-regular.js';

/**
 * Temp files and staging dirs older than this belong to a crashed writer; younger ones may be
 * in use by a running process and are left alone.
 */
export const STALE_LEFTOVER_MS = 60 * 60 * 1000;

export interface CacheStats {
  dir: string;
  /** Entry files in every version folder. */
  entries: number;
  bytes: number;
  /** Entries this version of connascence can use (current schema and extractor, intact). */
  usable: number;
  /** ISO time of the least / most recently used entry. */
  oldest?: string;
  newest?: string;
  /** Entries failing verification (bad header, length or checksum, or in the wrong version folder). */
  corrupt: number;
  /** Intact entries per `"<schema>:<extractorVersion>"`; `current` names this build's version. */
  byVersion: Record<string, number>;
  current: string;
  /** Leftover temp files / staging dirs of interrupted writes (removed by prune once stale). */
  leftovers: number;
  /** Entries read and verified: all of them, or the sample asked for (`usable`, `corrupt` and `byVersion` count these). */
  verified: number;
  /** Per-run records (judgements, replayable reports, stamp indexes) and their bytes, not in `entries`/`bytes`. */
  records: number;
  recordBytes: number;
}

export interface PruneResult {
  /** Entries removed (other versions, foreign headers, least recently used). */
  removed: number;
  /** Bytes of entries and leftovers removed. */
  freedBytes: number;
  /** Bytes of entries left. */
  remainingBytes: number;
  /** Stale temp files and staging dirs removed. */
  leftoversRemoved: number;
}

/** Options of stats and prune: `auth` for a cache inside the checkout, whose entries count only when this machine sealed them. */
export interface MaintenanceOptions {
  auth?: EntryAuth;
}

export function cacheStats(dir: string, options: { sample?: number } & MaintenanceOptions = {}): CacheStats {
  const scan = guarded(dir, () => scanCache(dir));
  const current = versionLabel(FACTS_SCHEMA_VERSION, EXTRACTOR_VERSION);
  const toVerify = sampleOf(scan.entries, options.sample);
  const stats: CacheStats = {
    dir,
    entries: scan.entries.length,
    bytes: 0,
    usable: 0,
    corrupt: 0,
    byVersion: {},
    current,
    leftovers: scan.leftovers.length,
    verified: toVerify.length,
    records: scan.records.length,
    recordBytes: scan.records.reduce((sum, record) => sum + record.size, 0),
  };
  for (const entry of scan.entries) stats.bytes += entry.size;
  for (const entry of toVerify) {
    const label = verifiedVersion(entry, options.auth);
    if (label === undefined) stats.corrupt++;
    else stats.byVersion[label] = (stats.byVersion[label] ?? 0) + 1;
    if (label === current) stats.usable++;
  }
  if (scan.entries.length > 0) {
    // reduce, not Math.min(...times): a spread of a million entries overflows the stack.
    const times = scan.entries.map((entry) => entry.lastUsedMs);
    stats.oldest = new Date(times.reduce((a, b) => Math.min(a, b))).toISOString();
    stats.newest = new Date(times.reduce((a, b) => Math.max(a, b))).toISOString();
  }
  return stats;
}

/**
 * Removes other-version folders, stale leftovers and entries of another extractor version, then
 * the least recently used entries and per-run records until together they total at most `maxBytes`.
 */
export function pruneCache(dir: string, maxBytes: number, options: MaintenanceOptions = {}): PruneResult {
  if (!Number.isFinite(maxBytes) || maxBytes < 0) throw new ConfigError(`The maximum cache size must be a non-negative number of bytes, got ${maxBytes}.`);
  return guarded(dir, () => {
    const scan = scanCache(dir);
    const result: PruneResult = { removed: 0, freedBytes: 0, remainingBytes: 0, leftoversRemoved: 0 };
    removeLeftovers(scan, result);
    const kept: Array<ScannedEntry | ScannedRecord> = [...removeOutdated(scan, result, options.auth), ...scan.records];
    // Oldest first; ties broken by path so two prunes of the same cache agree.
    kept.sort((a, b) => a.lastUsedMs - b.lastUsedMs || (a.relative < b.relative ? -1 : 1));
    let total = kept.reduce((sum, entry) => sum + entry.size, 0);
    for (const entry of kept) {
      if (total <= maxBytes) break;
      removeEntry(entry, result);
      total -= entry.size;
    }
    result.remainingBytes = total;
    removeOtherVersionDirs(dir, scan);
    return result;
  });
}

function versionLabel(schema: number, extractorVersion: string): string {
  return `${schema}:${extractorVersion}`;
}

/** Full verification; undefined when the entry is corrupt or sits in the wrong version folder. */
/**
 * Up to `size` entries spread evenly over the (sorted) list, first and last included: a cheap
 * check of a large snapshot that still looks at every part of it. All entries without a size.
 */
export function sampleOf<T>(entries: readonly T[], size?: number): T[] {
  if (size === undefined || entries.length <= size) return [...entries];
  if (size <= 0) return [];
  if (size === 1) return [entries[0]!];
  const step = (entries.length - 1) / (size - 1);
  return Array.from({ length: size }, (_, i) => entries[Math.round(i * step)]!);
}

function verifiedVersion(entry: ScannedEntry, auth: EntryAuth | undefined): string | undefined {
  const read = readRegularFile(entry.path, MAX_ENTRY_BYTES, { noFollow: true });
  if (!read.ok) return undefined;
  const data = read.bytes;
  const result = verifyIntegrity(data);
  if (!result.ok || result.header.schema !== entry.folderSchema) return undefined;
  if (auth && !isSealed(result.header, sealOf(entry, auth))) return undefined;
  return versionLabel(result.header.schema, result.header.extractorVersion);
}

function removeLeftovers(scan: CacheScan, result: PruneResult): void {
  const cutoff = Date.now() - STALE_LEFTOVER_MS;
  for (const leftover of scan.leftovers) {
    if (leftover.mtimeMs > cutoff) continue;
    removePath(leftover.path);
    result.leftoversRemoved++;
    result.freedBytes += leftover.size;
  }
}

/**
 * Drops entries no current lookup can hit (other schema folder, other extractor, bad header, and in a
 * checkout's cache an entry this machine did not seal); returns the rest.
 */
function removeOutdated(scan: CacheScan, result: PruneResult, auth: EntryAuth | undefined): ScannedEntry[] {
  const kept: ScannedEntry[] = [];
  for (const entry of scan.entries) {
    if (entry.folderSchema === FACTS_SCHEMA_VERSION && hasCurrentHeader(entry, auth)) kept.push(entry);
    else removeEntry(entry, result);
  }
  return kept;
}

function sealOf(entry: ScannedEntry, auth: EntryAuth): Seal {
  return { auth, binding: entryBinding(FACTS_SCOPE, basename(entry.path)) };
}

/** Header only: cheap enough for every entry, and all a version check needs (the MAC covers the header, which holds the payload's sha256). */
function hasCurrentHeader(entry: ScannedEntry, auth: EntryAuth | undefined): boolean {
  let fd: number;
  try {
    fd = openSync(entry.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(MAX_HEADER_BYTES);
    const header = parseHeader(head.subarray(0, readSync(fd, head, 0, MAX_HEADER_BYTES, 0)));
    if (header?.schema !== FACTS_SCHEMA_VERSION || header.extractorVersion !== EXTRACTOR_VERSION) return false;
    return !auth || isSealed(header, sealOf(entry, auth));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

function removeEntry(entry: ScannedEntry | ScannedRecord, result: PruneResult): void {
  removePath(entry.path);
  result.removed++;
  result.freedBytes += entry.size;
}

/** Other-version folders are emptied entry by entry above; this removes what remains of them. */
function removeOtherVersionDirs(dir: string, scan: CacheScan): void {
  const current = versionDirName();
  for (const name of scan.versionDirs) {
    if (name !== current) removePath(join(dir, name));
  }
}

function removePath(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch (error) {
    if (!isAbsent(error)) throw error;
  }
}

/** Filesystem failures (permissions, read-only mount) are environment problems: exit 3. */
function guarded<T>(dir: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EnvironmentError) throw error;
    throw new EnvironmentError(`Cannot maintain the cache at ${dir}: ${describeError(error)}`);
  }
}

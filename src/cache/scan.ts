/**
 * Lists what a cache directory holds, without judging it: entries of every version folder, per-run
 * records, leftover temp files and import staging dirs. Used by stats, prune and snapshot export
 * (which takes the entries only). Below the cache directory nothing is followed: a folder or file
 * that is a link is not listed (prune never removes, and stats never reads, through one).
 */
import { lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { unlessAbsent } from './fs-errors.js';
import { KEY_PATTERN, RECORD_DIRS, SHARD_PATTERN, STAGING_PREFIX, TEMP_PREFIX, VERSION_DIR_PATTERN } from './layout.js';

export interface ScannedEntry {
  /** Absolute path. */
  path: string;
  /** `facts-v<N>/<shard>/<key>`, forward slashes. */
  relative: string;
  /** N of the `facts-v<N>` folder holding it. */
  folderSchema: number;
  size: number;
  /** Last use: the later of atime and mtime (hits refresh mtime; atime may be frozen by noatime). */
  lastUsedMs: number;
}

export interface ScannedLeftover {
  path: string;
  size: number;
  /** Last modification: a temp file younger than a few minutes may belong to a running writer. */
  mtimeMs: number;
}

/** A per-run record (judgements, replayable report, stamp index): one file per slot in a RECORD_DIRS folder. */
export interface ScannedRecord {
  path: string;
  /** `<folder>/<slot>`, forward slashes. */
  relative: string;
  size: number;
  /** Last use: records are rewritten by the runs that use them. */
  lastUsedMs: number;
}

export interface CacheScan {
  entries: ScannedEntry[];
  /** Per-run records: never part of a snapshot, but counted and pruned with the entries. */
  records: ScannedRecord[];
  /** `.tmp-*` files of interrupted writes and `.import-*` staging dirs of interrupted imports. */
  leftovers: ScannedLeftover[];
  /** Names of the `facts-v<N>` folders present. */
  versionDirs: string[];
}

/** An absent directory is an empty cache. */
export function scanCache(dir: string): CacheScan {
  const scan: CacheScan = { entries: [], records: [], leftovers: [], versionDirs: [] };
  for (const { name, folder } of listDir(dir)) {
    const match = VERSION_DIR_PATTERN.exec(name);
    if (!folder) continue;
    if (match) {
      scan.versionDirs.push(name);
      scanVersionDir({ scan, dir, name, schema: Number(match[1]) });
    } else if ((RECORD_DIRS as readonly string[]).includes(name)) {
      scanRecordDir(scan, dir, name);
    } else if (name.startsWith(STAGING_PREFIX)) {
      addLeftover(scan, join(dir, name));
    }
  }
  return scan;
}

function scanRecordDir(scan: CacheScan, dir: string, name: string): void {
  for (const { name: file } of listDir(join(dir, name))) {
    const path = join(dir, name, file);
    if (file.startsWith(TEMP_PREFIX)) addLeftover(scan, path);
    else if (KEY_PATTERN.test(file)) {
      const use = usage(path);
      if (use) scan.records.push({ path, relative: `${name}/${file}`, ...use });
    }
  }
}

interface VersionDirScan {
  scan: CacheScan;
  dir: string;
  name: string;
  schema: number;
}

function scanVersionDir({ scan, dir, name, schema }: VersionDirScan): void {
  for (const { name: shard, folder } of listDir(join(dir, name))) {
    if (!folder || !SHARD_PATTERN.test(shard)) continue;
    for (const { name: file } of listDir(join(dir, name, shard))) {
      const path = join(dir, name, shard, file);
      if (file.startsWith(TEMP_PREFIX)) addLeftover(scan, path);
      else if (KEY_PATTERN.test(file) && file.startsWith(shard)) addEntry({ scan, path, relative: `${name}/${shard}/${file}`, schema });
    }
  }
}

function addEntry(input: { scan: CacheScan; path: string; relative: string; schema: number }): void {
  const use = usage(input.path);
  if (use) input.scan.entries.push({ path: input.path, relative: input.relative, folderSchema: input.schema, ...use });
}

/** Size and last use of a regular file (the later of atime and mtime); undefined for anything else. */
function usage(path: string): { size: number; lastUsedMs: number } | undefined {
  const stat = statOrUndefined(path);
  return stat?.isFile() ? { size: stat.size, lastUsedMs: Math.max(stat.atimeMs, stat.mtimeMs) } : undefined;
}

function addLeftover(scan: CacheScan, path: string): void {
  const stat = statOrUndefined(path);
  if (stat) scan.leftovers.push({ path, size: stat.isFile() ? stat.size : 0, mtimeMs: stat.mtimeMs });
}

/** Names sorted, so scans (and the archives built from them) are deterministic; `folder`: a real folder, not a link to one. */
function listDir(path: string): Array<{ name: string; folder: boolean }> {
  const entries: Dirent[] = unlessAbsent(() => readdirSync(path, { withFileTypes: true })) ?? [];
  return entries.map((entry) => ({ name: entry.name, folder: entry.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Entries vanish under our feet when another process prunes: that is not an error. Links are not followed. */
function statOrUndefined(path: string): Stats | undefined {
  return unlessAbsent(() => lstatSync(path));
}

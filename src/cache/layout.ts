/**
 * Directory layout shared by the disk store, the snapshot dirs and snapshot archives:
 *
 *   <dir>/facts-v<SCHEMA>/<key[0..1]>/<key>
 *
 * and, in a local cache only (never in snapshots), the flat folders of per-run records, one file per
 * slot (64 hex digits): <dir>/judgements-v1/<slot>, <dir>/reports-v1/<slot>, <dir>/stamps-v1/<slot>,
 * <dir>/states-v1/<slot>, <dir>/patches-v1/<slot>, <dir>/baselines-v1/<slot>.
 *
 * Content addressed: a key names its content, so two writers of the same key write the same
 * bytes and a rename over an existing entry never loses anything.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';

export const KEY_PATTERN = /^[0-9a-f]{64}$/;
export const VERSION_DIR_PATTERN = /^facts-v(0|[1-9][0-9]*)$/;
export const SHARD_PATTERN = /^[0-9a-f]{2}$/;
/** Temp files are dot-files so no listing mistakes them for entries. */
export const TEMP_PREFIX = '.tmp-';
/** Staging directories of snapshot imports, inside the cache dir (same filesystem, so rename works). */
export const STAGING_PREFIX = '.import-';
/** Judgements of the last run per root and policy (judgement-cache.ts). */
export const JUDGEMENTS_DIR = 'judgements-v1';
/** Replayable reports per root, policy and format (report-cache.ts). */
export const REPORTS_DIR = 'reports-v1';
/** Stamp indexes per root (stamp-index.ts). */
export const STAMPS_DIR = 'stamps-v1';
/** States of the incremental project rules, with the judgements (judgement-cache.ts). */
export const STATES_DIR = 'states-v1';
/** Patches of incremental runs over the judgements and states (judgement-cache.ts). */
export const PATCHES_DIR = 'patches-v1';
/** The last comparison with a baseline file per root and baseline (baseline-memo-cache.ts). */
export const BASELINES_DIR = 'baselines-v1';
/** What the MAC of a facts entry binds besides its key (entry-auth.ts); records bind their folder's name. */
export const FACTS_SCOPE = 'facts';
/** Folders of per-run records: counted by `cache stats`, pruned with the facts by `cache prune`. */
export const RECORD_DIRS = [JUDGEMENTS_DIR, REPORTS_DIR, STAMPS_DIR, STATES_DIR, PATCHES_DIR, BASELINES_DIR] as const;

/** The slot (file name) of a per-run record: sha256 of what it is kept per (root, policy...), NUL-separated. */
export function recordSlot(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}
const SHARD_CHARS = 2;
const RANDOM_BYTES = 6;

export function versionDirName(schema: number = FACTS_SCHEMA_VERSION): string {
  return `facts-v${schema}`;
}

export function isKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Keys become file names: anything but 64 hex digits is a caller bug (and a path-traversal risk). */
export function assertKey(key: string): void {
  if (!isKey(key)) throw new TypeError(`Invalid facts cache key ${JSON.stringify(key)}: expected 64 hex digits (see factsKey).`);
}

export function shardOf(key: string): string {
  return key.slice(0, SHARD_CHARS);
}

/** Relative path of an entry, with forward slashes (as in archives). */
export function entryRelativePath(key: string, schema: number = FACTS_SCHEMA_VERSION): string {
  return `${versionDirName(schema)}/${shardOf(key)}/${key}`;
}

export function entryPath(dir: string, key: string): string {
  return join(dir, versionDirName(), shardOf(key), key);
}

/** A name unique across processes (pid) and within one (random), for write-then-rename. */
export function uniqueSuffix(): string {
  return `${process.pid}-${randomBytes(RANDOM_BYTES).toString('hex')}`;
}

export function tempFileName(): string {
  return `${TEMP_PREFIX}${uniqueSuffix()}`;
}

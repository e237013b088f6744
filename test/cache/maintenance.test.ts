import { EXTRACTOR_VERSION } from '../../src/cache/key.js';
import { FACTS_SCHEMA_VERSION } from '../../src/facts/types.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactsCache } from '../../src/cache/facts-cache.js';
import { entryPath, JUDGEMENTS_DIR, REPORTS_DIR } from '../../src/cache/layout.js';
import { recordStore } from '../../src/cache/disk-store.js';
import { cacheStats, pruneCache, sampleOf } from '../../src/cache/maintenance.js';
import { ConfigError } from '../../src/errors.js';
import { listTree, sampleFacts, tempDir } from './helpers.js';

const HOUR_S = 3600;
const nowS = (): number => Date.now() / 1000;

/** Sets both atime and mtime `hoursAgo` in the past. */
function age(path: string, hoursAgo: number): void {
  const t = nowS() - hoursAgo * HOUR_S;
  utimesSync(path, t, t);
}

function oldVersionEntry(dir: string): string {
  const payload = Buffer.from('{"schema":0}');
  const header = `connascence-facts 0 1 ${createHash('sha256').update(payload).digest('hex')} ${payload.length}\n`;
  const path = join(dir, 'facts-v0', 'ab', 'ab'.padEnd(64, '0'));
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.concat([Buffer.from(header), payload]));
  return path;
}

function setup(): { dir: string; entries: ReturnType<typeof sampleFacts>[] } {
  const dir = tempDir();
  const cache = FactsCache.open({ dir });
  const entries = Array.from({ length: 5 }, (_, i) => sampleFacts(`src/p${i}.ts`, i + 1));
  for (const e of entries) cache.set(e.key, e.facts);
  // Entry i was last used (5 - i) hours ago: entry 0 is the least recently used.
  entries.forEach((e, i) => age(entryPath(dir, e.key), 5 - i));
  return { dir, entries };
}

describe('cacheStats', () => {
  it('counts entries, bytes, versions, corrupt entries and leftovers', () => {
    const { dir, entries } = setup();
    writeFileSync(entryPath(dir, entries[4]!.key), 'garbage\n');
    oldVersionEntry(dir);
    writeFileSync(join(entryPath(dir, entries[0]!.key), '..', '.tmp-1-abc'), 'partial');
    const stats = cacheStats(dir);
    const sizes = entries.map((e) => statSync(entryPath(dir, e.key)).size);
    const current = `${FACTS_SCHEMA_VERSION}:${EXTRACTOR_VERSION}`;
    expect(stats).toMatchObject({ dir, entries: 6, usable: 4, corrupt: 1, byVersion: { [current]: 4, '0:1': 1 }, current, leftovers: 1 });
    expect(stats.bytes).toBe(sizes.reduce((a, b) => a + b, 0) + statSync(join(dir, 'facts-v0', 'ab', 'ab'.padEnd(64, '0'))).size);
    expect(Date.parse(stats.oldest!)).toBeLessThan(Date.parse(stats.newest!));
  });

  it('verifies an even sample of the entries when asked, and still counts and sizes them all', () => {
    const { dir, entries } = setup();
    const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : 1));
    // The middle entry (by key: the scan order) is corrupt; a sample of 2 (first and last) misses it.
    writeFileSync(entryPath(dir, sorted[2]!.key), 'garbage\n');
    const sampled = cacheStats(dir, { sample: 2 });
    expect(sampled).toMatchObject({ entries: 5, verified: 2, usable: 2, corrupt: 0 });
    expect(sampled.bytes).toBe(cacheStats(dir).bytes);
    expect(cacheStats(dir, { sample: 3 })).toMatchObject({ entries: 5, verified: 3, usable: 2, corrupt: 1 });
    expect(cacheStats(dir)).toMatchObject({ entries: 5, verified: 5, usable: 4, corrupt: 1 });
  });

  it('spreads a sample evenly, first and last included', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(sampleOf(items, 4)).toEqual([0, 3, 6, 9]);
    expect(sampleOf(items, 1)).toEqual([0]);
    expect(sampleOf(items, 0)).toEqual([]);
    expect(sampleOf(items, 20)).toEqual(items);
    expect(sampleOf(items)).toEqual(items);
  });

  it('reports an absent directory as empty', () => {
    const stats = cacheStats(join(tempDir(), 'none'));
    expect(stats).toMatchObject({ entries: 0, bytes: 0, corrupt: 0, leftovers: 0 });
    expect('oldest' in stats).toBe(false);
  });
});

/** A per-run record of `bytes` payload bytes in `folder`, last used `hoursAgo`; returns its path. */
function record(dir: string, folder: string, slot: string, bytes: number, hoursAgo: number): string {
  recordStore(dir, folder).write(slot, 'x'.repeat(bytes));
  const path = join(dir, folder, slot);
  age(path, hoursAgo);
  return path;
}

describe('per-run records (judgements, reports, stamp indexes)', () => {
  it('are counted apart from the facts entries', () => {
    const { dir } = setup();
    const before = cacheStats(dir);
    const judgement = record(dir, JUDGEMENTS_DIR, 'a'.repeat(64), 1000, 1);
    const report = record(dir, REPORTS_DIR, 'b'.repeat(64), 2000, 1);
    writeFileSync(join(dir, REPORTS_DIR, '.tmp-1-abc'), 'partial');
    const stats = cacheStats(dir);
    expect(stats).toMatchObject({ entries: before.entries, bytes: before.bytes, records: 2, recordBytes: statSync(judgement).size + statSync(report).size, leftovers: 1 });
  });

  it('are pruned with the entries, least recently used first, so the whole cache fits', () => {
    const { dir, entries } = setup();
    const oldest = record(dir, JUDGEMENTS_DIR, 'a'.repeat(64), 5000, 10);
    const newest = record(dir, REPORTS_DIR, 'b'.repeat(64), 3000, 0);
    const sizes = entries.map((e) => statSync(entryPath(dir, e.key)).size);
    const keep = sizes[3]! + sizes[4]! + statSync(newest).size;
    const result = pruneCache(dir, keep);
    expect(result).toMatchObject({ removed: 4, remainingBytes: keep });
    expect(existsSync(oldest)).toBe(false);
    expect(existsSync(newest)).toBe(true);
    const cache = FactsCache.open({ dir });
    expect(entries.map((e) => cache.get(e.key) !== undefined)).toEqual([false, false, false, true, true]);
  });
});

describe('pruneCache', () => {
  it('removes the least recently used entries until the total fits', () => {
    const { dir, entries } = setup();
    const sizes = entries.map((e) => statSync(entryPath(dir, e.key)).size);
    const keep = sizes[3]! + sizes[4]!;
    const result = pruneCache(dir, keep);
    expect(result).toEqual({ removed: 3, freedBytes: sizes[0]! + sizes[1]! + sizes[2]!, remainingBytes: keep, leftoversRemoved: 0 });
    const cache = FactsCache.open({ dir });
    expect(entries.map((e) => cache.get(e.key) !== undefined)).toEqual([false, false, false, true, true]);
  });

  it('counts a disk hit as a use (the entry survives a prune)', () => {
    const { dir, entries } = setup();
    FactsCache.open({ dir }).get(entries[0]!.key);
    const sizes = entries.map((e) => statSync(entryPath(dir, e.key)).size);
    pruneCache(dir, sizes[0]! + sizes[4]!);
    const cache = FactsCache.open({ dir });
    expect(entries.map((e) => cache.get(e.key) !== undefined)).toEqual([true, false, false, false, true]);
  });

  it('removes other-version folders, foreign-extractor entries and stale leftovers only', () => {
    const { dir, entries } = setup();
    oldVersionEntry(dir);
    const shard = join(entryPath(dir, entries[0]!.key), '..');
    writeFileSync(join(shard, '.tmp-1-stale'), 'x'.repeat(10));
    age(join(shard, '.tmp-1-stale'), 2);
    writeFileSync(join(shard, '.tmp-2-fresh'), 'in flight');
    mkdirSync(join(dir, '.import-9-stale'));
    age(join(dir, '.import-9-stale'), 2);
    const foreign = entryPath(dir, entries[1]!.key);
    // A well-formed header of another extractor version: prune looks at headers only.
    writeFileSync(foreign, `connascence-facts 1 old-0 ${'0'.repeat(64)} 0\n`);

    const result = pruneCache(dir, Number.MAX_SAFE_INTEGER);
    expect(result.removed).toBe(2); // the v0 entry and the foreign-extractor entry
    expect(result.leftoversRemoved).toBe(2);
    const tree = listTree(dir);
    expect(tree.some((p) => p.startsWith('facts-v0'))).toBe(false);
    expect(tree.some((p) => p.includes('.tmp-1-stale') || p.includes('.import-9'))).toBe(false);
    expect(tree.some((p) => p.includes('.tmp-2-fresh'))).toBe(true);
    expect(tree.filter((p) => /[0-9a-f]{64}$/.test(p))).toHaveLength(4);
  });

  it('handles an absent directory and refuses a negative size', () => {
    expect(pruneCache(join(tempDir(), 'none'), 0)).toEqual({ removed: 0, freedBytes: 0, remainingBytes: 0, leftoversRemoved: 0 });
    expect(() => pruneCache(tempDir(), -1)).toThrow(ConfigError);
  });
});

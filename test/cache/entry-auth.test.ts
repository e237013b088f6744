import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineMemoCache } from '../../src/cache/baseline-memo-cache.js';
import { DiskStore, recordStore } from '../../src/cache/disk-store.js';
import { EntryAuth } from '../../src/cache/entry-auth.js';
import { parseHeader, UNSEALED_REASON } from '../../src/cache/entry-format.js';
import { encodeFacts, FactsCache } from '../../src/cache/facts-cache.js';
import { entryPath, RECORD_DIRS } from '../../src/cache/layout.js';
import { ReportCache } from '../../src/cache/report-cache.js';
import { StampIndex } from '../../src/cache/stamp-index.js';
import { sampleFacts, tempDir } from './helpers.js';

/** Issue 30, item 2: an entry of a cache inside the checkout counts only when this machine sealed it. */

const ours = EntryAuth.fromBytes(randomBytes(32));
const theirs = EntryAuth.fromBytes(randomBytes(32));
const SLOT = 'ab'.repeat(32);

describe('sealed cache entries', () => {
  it('a facts entry is read only when sealed with this key, for its own name; the operator reads any intact entry', () => {
    const dir = tempDir();
    const { key, facts } = sampleFacts('src/a.ts');
    const { key: other } = sampleFacts('src/b.ts');
    const payload = encodeFacts(facts);
    const sealed = new DiskStore({ dir, auth: ours });
    expect(sealed.write(key, payload)).toEqual({ ok: true });
    expect(sealed.read(key)).toEqual({ status: 'hit', payload });
    expect(parseHeader(readFileSync(entryPath(dir, key)))?.mac).toMatch(/^[0-9a-f]{64}$/);
    // Another machine's key, and no key at all (a forged or committed entry): misses.
    expect(new DiskStore({ dir, auth: theirs }).read(key)).toEqual({ status: 'corrupt', reason: UNSEALED_REASON });
    new DiskStore({ dir }).write(other, payload);
    expect(parseHeader(readFileSync(entryPath(dir, other)))?.mac).toBeUndefined();
    expect(sealed.read(other)).toEqual({ status: 'corrupt', reason: UNSEALED_REASON });
    // A sealed entry copied under another key's name does not verify: the MAC binds the name.
    copyFileSync(entryPath(dir, key), entryPath(dir, other));
    expect(sealed.read(other)).toEqual({ status: 'corrupt', reason: UNSEALED_REASON });
    // The operator's cache (no key) reads all of them, as before.
    expect(new DiskStore({ dir }).read(key).status).toBe('hit');
    expect(new DiskStore({ dir }).read(other).status).toBe('hit');
  });

  it('a facts entry that is a link is not opened, even to an entry sealed with this key', () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    const { key, facts } = sampleFacts('src/a.ts');
    new DiskStore({ dir: elsewhere, auth: ours }).write(key, encodeFacts(facts));
    mkdirSync(dirname(entryPath(dir, key)), { recursive: true });
    symlinkSync(entryPath(elsewhere, key), entryPath(dir, key));
    expect(new DiskStore({ dir, auth: ours }).read(key)).toEqual({ status: 'corrupt', reason: 'a link, not an entry' });
  });

  it('the FactsCache of a checkout counts a forged entry as corrupt and recomputes; snapshots stay readable unsealed', () => {
    const dir = tempDir();
    const snapshot = tempDir();
    const { key, facts } = sampleFacts('src/a.ts');
    const { key: inSnapshot, facts: snapshotFacts } = sampleFacts('src/s.ts');
    new DiskStore({ dir }).write(key, encodeFacts(facts));
    new DiskStore({ dir: snapshot }).write(inSnapshot, encodeFacts(snapshotFacts));
    const cache = FactsCache.open({ dir, snapshotDirs: [snapshot], auth: ours });
    expect(cache.get(key)).toBeUndefined();
    expect(cache.get(inSnapshot)?.path).toBe('src/s.ts');
    expect(cache.counters()).toMatchObject({ corrupt: 1, snapshotHits: 1 });
    cache.set(key, facts);
    expect(FactsCache.open({ dir, auth: ours }).get(key)?.path).toBe('src/a.ts');
  });

  for (const folder of RECORD_DIRS) {
    it(`a ${folder} record is read only when sealed with this key for its folder and slot`, () => {
      const dir = tempDir();
      const store = recordStore(dir, folder, ours);
      expect(store.write(SLOT, 'payload')).toEqual({ ok: true });
      expect(store.read(SLOT)).toEqual({ status: 'hit', payload: 'payload' });
      expect(recordStore(dir, folder, theirs).read(SLOT).status).toBe('corrupt');
      recordStore(dir, folder).write(SLOT, 'forged');
      expect(store.read(SLOT)).toEqual({ status: 'corrupt', reason: UNSEALED_REASON });
      // A record sealed for another folder, moved here, does not verify either.
      const otherFolder = RECORD_DIRS.find((name) => name !== folder)!;
      recordStore(dir, otherFolder, ours).write(SLOT, 'moved');
      copyFileSync(join(dir, otherFolder, SLOT), join(dir, folder, SLOT));
      expect(store.read(SLOT).status).toBe('corrupt');
    });
  }

  it('report, stamp and baseline-memo records written without the key are misses for the checkout', () => {
    const dir = tempDir();
    const replay = { renderKey: 'r', gate: { passed: true, reasons: [] }, findings: 0, files: 1, skipped: [], report: 'clean\n' };
    new ReportCache(dir).write(SLOT, replay as never);
    expect(new ReportCache(dir).read(SLOT, 'r')?.report).toBe('clean\n');
    expect(new ReportCache(dir, ours).read(SLOT, 'r')).toBeUndefined();
    const stamps = StampIndex.load(dir, '/root');
    stamps.record('src/a.ts', 's1', 'a'.repeat(64), 0);
    stamps.save();
    expect(StampIndex.load(dir, '/root').keyOf('src/a.ts', 's1')).toBe('a'.repeat(64));
    expect(StampIndex.load(dir, '/root', ours).keyOf('src/a.ts', 's1')).toBeUndefined();
    new BaselineMemoCache(dir).write(SLOT, 'memo');
    expect(new BaselineMemoCache(dir).read(SLOT)).toBe('memo');
    expect(new BaselineMemoCache(dir, ours).read(SLOT)).toBeUndefined();
    new BaselineMemoCache(dir, ours).write(SLOT, 'memo');
    expect(new BaselineMemoCache(dir, ours).read(SLOT)).toBe('memo');
  });

  it('a key is 64 hex digits', () => {
    expect(() => EntryAuth.fromHex('00')).toThrow(TypeError);
    expect(() => EntryAuth.fromHex('Z'.repeat(64))).toThrow(TypeError);
    expect(EntryAuth.fromHex(ours.hex).mac('facts/x', 'core')).toBe(ours.mac('facts/x', 'core'));
  });
});

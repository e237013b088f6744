import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPath } from '../../src/cache/layout.js';
import { decodeFacts, encodeFacts, FactsCache } from '../../src/cache/facts-cache.js';
import { DiskStore } from '../../src/cache/disk-store.js';
import { MemoryTier } from '../../src/cache/memory-tier.js';
import { listTree, sampleFacts, tempDir } from './helpers.js';

describe('FactsCache tiers', () => {
  it('round-trips through disk, then memory once read, with fresh objects each time', () => {
    const dir = tempDir();
    const { key, facts } = sampleFacts('src/a.ts');
    const first = FactsCache.open({ dir });
    expect(first.get(key)).toBeUndefined();
    first.set(key, facts);
    // A written entry is not held in memory: the first read comes from disk and promotes it.
    expect(first.get(key)).toEqual(facts);
    expect(first.get(key)).toEqual(facts);
    expect(first.counters()).toMatchObject({ hits: 2, misses: 1, diskHits: 1, memoryHits: 1, writes: 1, corrupt: 0, writeErrors: 0 });

    const second = FactsCache.open({ dir });
    const fromDisk = second.get(key)!;
    expect(fromDisk).toEqual(facts);
    fromDisk.path = 'elsewhere.ts'; // the engine re-sets the path on hits: must not leak into the cache
    expect(second.get(key)!.path).toBe('src/a.ts');
    expect(second.counters()).toMatchObject({ hits: 2, diskHits: 1, memoryHits: 1, misses: 0 });
  });

  it('stores token streams compactly (base64) and gives them back as the same 32-bit values', () => {
    const dir = tempDir();
    const { key, facts } = sampleFacts('src/tokens.ts');
    FactsCache.open({ dir }).set(key, facts);
    const entry = readFileSync(entryPath(dir, key), 'utf8');
    expect(entry).not.toContain('4294967295');
    const read = FactsCache.open({ dir }).get(key)!;
    expect(read.tokens.hashes).toBeInstanceOf(Uint32Array);
    expect(Array.from(read.tokens.hashes)).toEqual([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 123456789]);
    expect(Array.from(read.tokens.lines)).toEqual([1, 1, 2, 2, 3, 70000]);
  });

  it('treats an entry whose token arrays are not base64 words of equal length as corrupt', () => {
    const dir = tempDir();
    const { key, facts } = sampleFacts('src/bad-tokens.ts');
    const cache = FactsCache.open({ dir });
    cache.set(key, facts);
    const payload = JSON.parse(encodeFacts(facts)) as { tokens: { hashes: unknown; lines: unknown } };
    for (const tokens of [{ hashes: [1, 2], lines: [1, 1] }, { hashes: payload.tokens.hashes, lines: 'AAA' }, { hashes: payload.tokens.hashes, lines: 'AQAAAA==' }]) {
      new DiskStore({ dir }).write(key, JSON.stringify({ ...payload, tokens }));
      const fresh = FactsCache.open({ dir });
      expect(fresh.get(key)).toBeUndefined();
      expect(fresh.counters()).toMatchObject({ corrupt: 1 });
    }
  });

  it('serves read-only snapshot dirs after memory and disk, without copying into the disk store', () => {
    const snapshot = tempDir();
    const dir = join(tempDir(), 'cache');
    const { key, facts } = sampleFacts('src/b.ts');
    FactsCache.open({ dir: snapshot }).set(key, facts);
    const cache = FactsCache.open({ dir, snapshotDirs: [join(tempDir(), 'absent'), snapshot] });
    expect(cache.get(key)).toEqual(facts);
    expect(cache.get(key)).toEqual(facts);
    expect(cache.counters()).toMatchObject({ hits: 2, snapshotHits: 1, memoryHits: 1, writes: 0 });
    expect(listTree(dir)).toEqual([]);
  });

  it('rejects keys that are not 64 hex digits (they become file names)', () => {
    const cache = FactsCache.open({ dir: tempDir() });
    expect(() => cache.get('../../etc/passwd')).toThrow(TypeError);
    expect(() => cache.set('ABC', sampleFacts('a.ts').facts)).toThrow(TypeError);
  });
});

describe('memory tier', () => {
  it('stays within its byte bound, evicting the least recently used', () => {
    const entries = Array.from({ length: 6 }, (_, i) => sampleFacts(`src/m${i}.ts`, i + 1));
    const payloads = entries.map((e) => JSON.stringify(e.facts));
    const bound = payloads[4]!.length + payloads[5]!.length + 10;
    const tier = new MemoryTier(bound);
    entries.forEach((e, i) => tier.set(e.key, payloads[i]!));
    expect(tier.bytes).toBeLessThanOrEqual(bound);
    expect(tier.get(entries[5]!.key)).toBe(payloads[5]);
    expect(tier.get(entries[0]!.key)).toBeUndefined();
  });

  it('falls back to disk for entries evicted from memory', () => {
    const dir = tempDir();
    const cache = FactsCache.open({ dir, memoryBytes: 1000 });
    const entries = Array.from({ length: 20 }, (_, i) => sampleFacts(`src/e${i}.ts`));
    for (const e of entries) cache.set(e.key, e.facts);
    for (const e of entries) expect(cache.get(e.key)).toEqual(e.facts);
    const counters = cache.counters();
    expect(counters.diskHits).toBeGreaterThan(0);
    expect(counters.hits).toBe(entries.length);
  });
});

type Corruption = (file: string) => void;

const corruptions: Record<string, Corruption> = {
  truncated: (file) => truncateSync(file, readFileSync(file).length - 7),
  'flipped payload byte': (file) => {
    const data = readFileSync(file);
    const at = data.length - 20;
    data[at] = data[at]! ^ 0x01;
    writeFileSync(file, data);
  },
  'other extractor version': (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/^connascence-facts (\d+) (\S+) /, 'connascence-facts $1 old-0 ')),
  'other schema version': (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/^connascence-facts \d+ /, 'connascence-facts 999 ')),
  garbage: (file) => writeFileSync(file, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a, 0x00])),
  empty: (file) => writeFileSync(file, ''),
  'valid header, payload not facts': (file) => {
    const payload = Buffer.from('[1,2,3]');
    const header = readFileSync(file, 'utf8').split(' ').slice(0, 3).join(' ');
    writeFileSync(file, Buffer.concat([Buffer.from(`${header} ${createHash('sha256').update(payload).digest('hex')} ${payload.length}\n`), payload]));
  },
};

describe('corrupt disk entries', () => {
  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`${name}: a counted miss, rewritten by the next set`, () => {
      const dir = tempDir();
      const { key, facts } = sampleFacts('src/c.ts');
      FactsCache.open({ dir }).set(key, facts);
      corrupt(entryPath(dir, key));

      const cache = FactsCache.open({ dir });
      expect(cache.get(key)).toBeUndefined();
      expect(cache.counters()).toMatchObject({ hits: 0, misses: 1, corrupt: 1 });
      cache.set(key, facts);
      expect(cache.counters()).toMatchObject({ writes: 1, writeErrors: 0 });

      const again = FactsCache.open({ dir });
      expect(again.get(key)).toEqual(facts);
      expect(again.counters()).toMatchObject({ diskHits: 1, corrupt: 0 });
      expect(readdirSync(join(entryPath(dir, key), '..'))).toEqual([key]);
    });
  }

  it('a directory where an entry should be is a corrupt miss, and its failed rewrite a write error', () => {
    const dir = tempDir();
    const { key, facts } = sampleFacts('src/d.ts');
    mkdirSync(entryPath(dir, key), { recursive: true });
    const cache = FactsCache.open({ dir });
    expect(cache.get(key)).toBeUndefined();
    expect(() => cache.set(key, facts)).not.toThrow();
    expect(cache.counters()).toMatchObject({ corrupt: 1, writeErrors: 1 });
  });
});

describe('entries written by a pool worker (adopt)', () => {
  it('serves an adopted entry from the disk entry the worker wrote, then from memory, in this process and a later one', () => {
    const dir = tempDir();
    const { key, facts } = sampleFacts('src/worker.ts');
    // What a worker does: encode, write through its own store of the same folder, post the payload.
    const payload = encodeFacts(facts);
    expect(decodeFacts(payload)).toEqual(facts);
    const written = new DiskStore({ dir }).write(key, payload);
    const cache = FactsCache.open({ dir });
    cache.adopt(key, payload, written);
    expect(cache.counters()).toMatchObject({ writes: 1, writeErrors: 0 });
    expect(cache.get(key)).toEqual(facts);
    expect(cache.get(key)).toEqual(facts);
    expect(cache.counters()).toMatchObject({ hits: 2, diskHits: 1, memoryHits: 1 });
    const later = FactsCache.open({ dir });
    expect(later.get(key)).toEqual(facts);
    expect(later.counters()).toMatchObject({ diskHits: 1 });
  });

  it("counts a worker's failed write as a write error, with its reason, and still serves the facts from memory", () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'plain-file'), 'not a directory');
    const dir = join(parent, 'plain-file', 'cache');
    const { key, facts } = sampleFacts('src/w.ts');
    const payload = encodeFacts(facts);
    const written = new DiskStore({ dir }).write(key, payload);
    expect(written.ok).toBe(false);
    const cache = FactsCache.open({ dir });
    cache.adopt(key, payload, written);
    expect(cache.counters()).toMatchObject({ writes: 0, writeErrors: 1 });
    expect(cache.lastWriteError()).toMatch(/ENOTDIR/);
    expect(cache.get(key)).toEqual(facts);
  });

  it('decodes only payloads of this schema', () => {
    const { facts } = sampleFacts('src/v.ts');
    expect(decodeFacts(encodeFacts({ ...facts, schema: facts.schema + 1 }))).toBeUndefined();
    expect(decodeFacts('{"schema":')).toBeUndefined();
  });
});

describe('unwritable cache dir', () => {
  it('counts write errors, never throws, and still serves from memory', () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'plain-file'), 'not a directory');
    const dir = join(parent, 'plain-file', 'cache'); // mkdir fails with ENOTDIR, even as root
    const cache = FactsCache.open({ dir });
    const entries = [sampleFacts('a.ts'), sampleFacts('b.ts', 5)];
    for (const e of entries) expect(() => cache.set(e.key, e.facts)).not.toThrow();
    expect(cache.counters()).toMatchObject({ writes: 0, writeErrors: 2 });
    expect(cache.lastWriteError()).toMatch(/ENOTDIR/);
    expect(cache.get(entries[0]!.key)).toEqual(entries[0]!.facts);
    const fresh = FactsCache.open({ dir });
    expect(fresh.get(entries[0]!.key)).toBeUndefined();
    expect(fresh.counters()).toMatchObject({ misses: 1, corrupt: 0 });
  });
});

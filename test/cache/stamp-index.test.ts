import { existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactsCache } from '../../src/cache/facts-cache.js';
import { factsKey } from '../../src/cache/key.js';
import { recordStore } from '../../src/cache/disk-store.js';
import { recordSlot } from '../../src/cache/layout.js';
import { RACY_MS, STAMPS_DIR, StampIndex } from '../../src/cache/stamp-index.js';
import { discover } from '../../src/discovery/walk.js';
import { collectFacts } from '../../src/engine/collect.js';
import { tempDir } from './helpers.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const HOUR_MS = 3_600_000;

describe('stamp index', () => {
  it('treats an index holding a path that is not plain and relative, or a value that is not a facts key, as corrupt (empty)', () => {
    const bad: Array<Record<string, unknown>> = [
      { '../outside.ts': ['s', KEY_A] },
      { '/etc/passwd.ts': ['s', KEY_A] },
      { 'src/./a.ts': ['s', KEY_A] },
      { 'src//a.ts': ['s', KEY_A] },
      { 'a\u0000b.ts': ['s', KEY_A] },
      { 'src/a.ts': ['s', '../../../../etc/passwd'] },
      { 'src/a.ts': ['s', KEY_A, 'extra'] },
    ];
    for (const files of bad) {
      const cache = tempDir();
      recordStore(cache, STAMPS_DIR).write(recordSlot('/project'), JSON.stringify({ format: 1, root: '/project', files: { 'src/ok.ts': ['s', KEY_B], ...files } }));
      const loaded = StampIndex.load(cache, '/project');
      expect(loaded.keyOf('src/ok.ts', 's'), JSON.stringify(files)).toBeUndefined();
      expect(loaded.keyOf('src/a.ts', 's'), JSON.stringify(files)).toBeUndefined();
    }
    const cache = tempDir();
    recordStore(cache, STAMPS_DIR).write(recordSlot('/project'), JSON.stringify({ format: 1, root: '/project', files: { 'src/ok.ts': ['s', KEY_B], 'odd\\name.ts': ['s', KEY_A] } }));
    expect(StampIndex.load(cache, '/project').keyOf('src/ok.ts', 's')).toBe(KEY_B);
  });

  it('gives back a recorded key only for the same path and stamp, after a save and a load', () => {
    const cache = tempDir();
    const index = StampIndex.load(cache, '/project');
    index.record('src/a.ts', 'stamp-a', KEY_A, Date.now() - HOUR_MS);
    index.save();
    const loaded = StampIndex.load(cache, '/project');
    expect(loaded.keyOf('src/a.ts', 'stamp-a')).toBe(KEY_A);
    expect(loaded.keyOf('src/a.ts', 'stamp-a2')).toBeUndefined();
    expect(loaded.keyOf('src/b.ts', 'stamp-a')).toBeUndefined();
    expect(StampIndex.load(cache, '/other-project').keyOf('src/a.ts', 'stamp-a')).toBeUndefined();
  });

  it(`leaves out files modified less than ${RACY_MS} ms before the save (they may change again unseen)`, () => {
    const cache = tempDir();
    const now = Date.now();
    const index = StampIndex.load(cache, '/project');
    index.record('old.ts', 'stamp-old', KEY_A, now - RACY_MS - 1);
    index.record('racy.ts', 'stamp-racy', KEY_B, now - RACY_MS + 500);
    index.save(now);
    const loaded = StampIndex.load(cache, '/project');
    expect(loaded.keyOf('old.ts', 'stamp-old')).toBe(KEY_A);
    expect(loaded.keyOf('racy.ts', 'stamp-racy')).toBeUndefined();
  });

  it('writes nothing when a run found every file as the index had it', () => {
    const cache = tempDir();
    const first = StampIndex.load(cache, '/project');
    first.record('a.ts', 's', KEY_A, 0);
    first.save();
    const file = join(cache, STAMPS_DIR, readdirSync(join(cache, STAMPS_DIR))[0]!);
    rmSync(file);
    const second = StampIndex.load(cache, '/project');
    expect(second.keyOf('a.ts', 's')).toBeUndefined(); // the removed index is an empty one
    second.record('a.ts', 's', KEY_A, 0);
    second.save();
    expect(existsSync(file)).toBe(true); // it differed from the (empty) loaded one: written
    const third = StampIndex.load(cache, '/project');
    third.record('a.ts', 's', KEY_A, 0);
    rmSync(file);
    third.save();
    expect(existsSync(file)).toBe(false); // same entries as loaded: not rewritten
  });

  it('treats a corrupt index as empty', () => {
    const cache = tempDir();
    const index = StampIndex.load(cache, '/project');
    index.record('a.ts', 's', KEY_A, 0);
    index.save();
    const dir = join(cache, STAMPS_DIR);
    writeFileSync(join(dir, readdirSync(dir)[0]!), 'not an entry');
    expect(StampIndex.load(cache, '/project').keyOf('a.ts', 's')).toBeUndefined();
  });
});

describe('collecting facts with the stamp index', () => {
  const SOURCE = 'export function f(a: number) {\n  return a;\n}\n';

  /** A project whose one file is old enough to be indexed, analysed once with a cache. */
  async function indexedProject(): Promise<{ root: string; cache: FactsCache; stamps: () => StampIndex }> {
    const root = tempDir();
    const file = join(root, 'a.ts');
    writeFileSync(file, SOURCE);
    const past = new Date(Date.now() - HOUR_MS);
    utimesSync(file, past, past);
    const cacheDir = tempDir();
    const cache = FactsCache.open({ dir: cacheDir });
    const stamps = (): StampIndex => StampIndex.load(cacheDir, root);
    const first = stamps();
    await collectFacts(discover(root).files, { maxFileSize: 1 << 20, workers: 1, store: cache, onFacts: () => undefined, stamps: first });
    first.save();
    return { root, cache, stamps };
  }

  it('does not read a file whose stamp is unchanged (its facts come from the cache by the recorded key)', async () => {
    const { root, cache, stamps } = await indexedProject();
    const files = discover(root).files;
    // Removed after discovery: reading it now would fail, so a result without a skip shows it was not read.
    rmSync(join(root, 'a.ts'));
    const collected = await collectFacts(files, { maxFileSize: 1 << 20, workers: 1, store: cache, onFacts: () => undefined, stamps: stamps(), plan: () => undefined });
    expect(collected.skipped).toEqual([]);
    expect(collected.keys).toEqual([{ path: 'a.ts', key: factsKey({ path: 'a.ts', language: 'typescript', content: SOURCE }) }]);
    expect(collected.facts.map((f) => f.functions.map((fn) => fn.name))).toEqual([['f']]);
  });

  it('reads a file again when its content changed with the same size and mtime (the ctime moved)', async () => {
    const { root, cache, stamps } = await indexedProject();
    const file = join(root, 'a.ts');
    const before = discover(root).files[0]!;
    const changed = SOURCE.replace('f(a', 'g(a');
    writeFileSync(file, changed);
    utimesSync(file, new Date(before.mtimeMs!), new Date(before.mtimeMs!));
    const collected = await collectFacts(discover(root).files, { maxFileSize: 1 << 20, workers: 1, store: cache, onFacts: () => undefined, stamps: stamps(), plan: () => undefined });
    expect(collected.keys).toEqual([{ path: 'a.ts', key: factsKey({ path: 'a.ts', language: 'typescript', content: changed }) }]);
    expect(collected.facts.map((f) => f.functions.map((fn) => fn.name))).toEqual([['g']]);
  });
});

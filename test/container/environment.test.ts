import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FactsCache } from '../../src/cache/facts-cache.js';
import { entryPath } from '../../src/cache/layout.js';
import { environmentChecks, SNAPSHOT_SAMPLE } from '../../src/container/environment.js';
import { sampleFacts, tempDir } from '../cache/helpers.js';

/** A snapshot directory holding `count` facts entries; returns it with the keys in scan (sorted) order. */
function snapshot(count: number): { dir: string; keys: string[] } {
  const dir = tempDir();
  const cache = FactsCache.open({ dir });
  const keys = Array.from({ length: count }, (_, i) => {
    const { key, facts } = sampleFacts(`src/f${i}.ts`, 1 + (i % 3));
    cache.set(key, facts);
    return key;
  });
  return { dir, keys: keys.sort() };
}

async function snapshotCheck(dirs: string[]): Promise<{ status: string; value: string }> {
  const check = environmentChecks({ directory: tempDir(), cacheDir: tempDir(), snapshotDirs: dirs }).find((c) => c.id === 'cache-snapshot')!;
  return (await check.run()) as { status: string; value: string };
}

describe('validate-environment: cache snapshot check', () => {
  it('passes on an intact snapshot and says how many entries it holds', async () => {
    const { dir } = snapshot(3);
    expect(await snapshotCheck([dir])).toMatchObject({ status: 'ok', value: `${dir}: 3 entries` });
  });

  it('fails on a corrupt entry, naming the snapshot', async () => {
    const { dir, keys } = snapshot(3);
    writeFileSync(entryPath(dir, keys[1]!), 'damaged');
    expect(await snapshotCheck([dir])).toMatchObject({ status: 'fail', value: `${dir}: 3 entries, 1 corrupt` });
  });

  it(`verifies an even sample of ${SNAPSHOT_SAMPLE} entries of a large snapshot (its first and last included)`, async () => {
    const total = SNAPSHOT_SAMPLE * 2 + 1;
    const { dir, keys } = snapshot(total);
    expect(await snapshotCheck([dir])).toMatchObject({ status: 'ok', value: `${dir}: ${total} entries, ${SNAPSHOT_SAMPLE} verified` });
    writeFileSync(entryPath(dir, keys[total - 1]!), 'damaged');
    expect(await snapshotCheck([dir])).toMatchObject({ status: 'fail', value: `${dir}: ${total} entries, ${SNAPSHOT_SAMPLE} verified, 1 corrupt` });
  });

  it('warns when there is no snapshot (outside the image)', async () => {
    expect(await snapshotCheck([])).toMatchObject({ status: 'warn', value: 'none' });
  });
});

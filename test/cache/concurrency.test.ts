import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FactsCache } from '../../src/cache/facts-cache.js';
import { factsKey } from '../../src/cache/key.js';
import { cacheStats } from '../../src/cache/maintenance.js';
import { scanCache } from '../../src/cache/scan.js';
import { tempDir } from './helpers.js';

const SCRIPT = fileURLToPath(new URL('./concurrent-writer.mjs', import.meta.url));
const COMPILED = fileURLToPath(new URL('../../dist/cache/facts-cache.js', import.meta.url));
const PROCESSES = 4;
const SHARED = 120;
const OWN = 60;
const START_DELAY_MS = 700;

interface ChildReport {
  writer: { writes: number; writeErrors: number; corrupt: number };
  reader: { corrupt: number };
  mismatches: number;
}

function runChild(args: string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildReport) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

const keyOf = (name: string): string => factsKey({ path: `src/${name}.ts`, language: 'typescript', content: `// ${name}\n${'const x = 1;\n'.repeat(50)}` });

describe('concurrent processes on one cache dir', () => {
  it('lose nothing, corrupt nothing and leave no temp files', async () => {
    expect(existsSync(COMPILED), 'dist/ is missing: run `npm run build` (npm test does it first)').toBe(true);
    const dir = tempDir();
    const startAt = String(Date.now() + START_DELAY_MS);
    const reports = await Promise.all(
      Array.from({ length: PROCESSES }, (_, worker) => runChild([dir, String(worker), String(SHARED), String(OWN), startAt])),
    );
    for (const report of reports) {
      expect(report).toMatchObject({ mismatches: 0, writer: { writes: SHARED + OWN, writeErrors: 0, corrupt: 0 }, reader: { corrupt: 0 } });
    }
    const names = [...Array.from({ length: SHARED }, (_, i) => `shared-${i}`)];
    for (let worker = 0; worker < PROCESSES; worker++) names.push(...Array.from({ length: OWN }, (_, i) => `own-${worker}-${i}`));
    const cache = FactsCache.open({ dir, memoryBytes: 1 });
    for (const name of names) expect(cache.get(keyOf(name))?.path).toBe(`src/${name}.ts`);
    expect(cache.counters()).toMatchObject({ hits: names.length, corrupt: 0 });
    const stats = cacheStats(dir);
    expect(stats).toMatchObject({ entries: names.length, usable: names.length, corrupt: 0, leftovers: 0 });
    expect(scanCache(dir).leftovers).toEqual([]);
  });
});

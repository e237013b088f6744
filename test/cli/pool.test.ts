import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';

/** A corpus big enough for the worker pool: the warmup fixtures, copied into many packages. */
function poolCorpus(copies: number): string {
  const source = join(PROJECT_ROOT, 'warmup-fixtures');
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs|py)$/.test(name)) for (let i = 0; i < copies; i++) files[`copy${i}/${relative(source, path)}`] = readFileSync(path, 'utf8');
    }
  };
  walk(source);
  return makeTree(files);
}

interface Report {
  findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string; fingerprint: string }>;
  summary: { files: number };
  metrics: { workers: number };
}

const analyze = (root: string, workers: number): Report =>
  JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--no-cache', '--workers', String(workers)]).stdout) as Report;

describe('detector pool', () => {
  it('parses in worker threads and reports exactly what the main thread reports', () => {
    const root = poolCorpus(40);
    const pooled = analyze(root, 2);
    const single = analyze(root, 1);
    expect(pooled.metrics.workers).toBe(2);
    expect(single.metrics.workers).toBe(1);
    expect(pooled.summary.files).toBe(single.summary.files);
    expect(pooled.findings.length).toBeGreaterThan(40 * 40);
    expect(pooled.findings).toEqual(single.findings);
  });
});

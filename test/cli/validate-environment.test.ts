import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStore } from '../../src/cache/disk-store.js';
import { versionDirName } from '../../src/cache/layout.js';
import { makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';

interface Report {
  status: string;
  checks: Array<{ id: string; status: string; value: string; hint?: string }>;
}

const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)!;

describe('validate-environment', () => {
  it('passes on a workspace with code, with a self-test that reproduces the golden findings', () => {
    const root = makeTree({ 'src/a.ts': 'export const a = 1;\n', 'b.py': 'x = 1\n' });
    const result = runCli(['validate-environment', '--directory', root, '--json', '--cache-dir', join(root, 'cache')]);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.checks.map((c) => c.id)).toEqual(['node', 'front-ends', 'self-test', 'cache-snapshot', 'workspace', 'cache-dir', 'resources', 'runtime']);
    expect(check(report, 'front-ends').status).toBe('ok');
    expect(check(report, 'self-test')).toMatchObject({ status: 'ok', value: expect.stringContaining('45 findings') });
    expect(check(report, 'workspace').value).toContain('2 analysable files');
    expect(report.status).toBe('passed');
    expect(result.code).toBe(0);
  });

  it('fails with exit 1 and a hint when the workspace is missing', () => {
    const result = runCli(['validate-environment', '--directory', join(makeTree({}), 'nope')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Workspace\s+FAILED/);
    expect(result.stdout).toContain('pass the checked-out workspace with --directory');
  });

  it('fails on warnings only with --strict', () => {
    const empty = makeTree({});
    const lenient = runCli(['validate-environment', '--directory', empty, '--json']);
    const report = JSON.parse(lenient.stdout) as Report;
    expect(check(report, 'workspace').status).toBe('warn');
    expect(lenient.code).toBe(0);
    expect(runCli(['validate-environment', '--directory', empty, '--strict']).code).toBe(1);
  });

  it('warns when the cache directory cannot be written', () => {
    const root = makeTree({ 'a.py': 'x = 1\n', 'blocker': 'a file where a folder should be' });
    const report = JSON.parse(runCli(['validate-environment', '--directory', root, '--json', '--cache-dir', join(root, 'blocker', 'cache')]).stdout) as Report;
    expect(check(report, 'cache-dir').status).toBe('warn');
  });

  it('re-parses a sample of the snapshot from the bundled fixtures, and fails on an entry that differs from its source', () => {
    const snapshot = makeTree({});
    expect(runCli(['warmup-cache', '-d', join(PROJECT_ROOT, 'warmup-fixtures'), '--cache-dir', snapshot]).code).toBe(0);
    const root = makeTree({ 'a.py': 'x = 1\n' });
    const validate = () => JSON.parse(runCli(['validate-environment', '--directory', root, '--json', '--cache-dir', join(root, 'cache')], { env: { CONNASCENCE_SNAPSHOT_DIRS: snapshot } }).stdout) as Report;
    expect(check(validate(), 'cache-snapshot')).toMatchObject({ status: 'ok', value: expect.stringMatching(/, 8 re-parsed$/) });
    // Poison every entry the same way (no function has a body), so that whichever the sample picks differs.
    const store = new DiskStore({ dir: snapshot });
    const entries = join(snapshot, versionDirName());
    for (const key of readdirSync(entries).flatMap((shard) => readdirSync(join(entries, shard)))) {
      const read = store.read(key);
      if (read.status !== 'hit') throw new Error(read.status);
      store.write(key, JSON.stringify({ ...(JSON.parse(read.payload) as object), functions: [] }));
    }
    const poisoned = check(validate(), 'cache-snapshot');
    expect(poisoned.status).toBe('fail');
    expect(poisoned.value).toMatch(/re-parsed entries differ from their source/);
  });
});


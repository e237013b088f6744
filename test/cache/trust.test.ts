import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

/** Issue 14, item 2: a cache folder a pull request can plant inside the checkout is not an attack path. */

const SOURCE = { 'src/run.py': 'import subprocess\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n' };
const git = (root: string, ...args: string[]): string =>
  execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { encoding: 'utf8' });

interface Report {
  findings: Array<{ ruleId: string }>;
  metrics: { cache?: { hits: number; misses: number } };
}
const analyze = (root: string, ...args: string[]) => runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--workers', '1', ...args], { env: { CONNASCENCE_CACHE_DIR: '' } });

describe('cache trust', () => {
  it('the cache folder it creates holds a .gitignore of *, so git never sees it', () => {
    const root = makeTree(SOURCE);
    git(root, 'init', '-q');
    const run = analyze(root);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(root, '.connascence/cache/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('?? src/run.py\n');
  });

  it('a cache folder committed to the repository is not read: one warning, and the findings come from the source', () => {
    const root = makeTree(SOURCE);
    git(root, 'init', '-q');
    const first = analyze(root);
    expect(first.code, first.stderr).toBe(0);
    const clean = (JSON.parse(first.stdout) as Report).findings.map((f) => f.ruleId);
    expect(clean).toContain('SEC_SHELL');
    git(root, 'add', '-A');
    git(root, 'add', '-f', '.connascence');
    git(root, 'commit', '-qm', 'plant the cache');
    const run = analyze(root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('was not used: .connascence/cache holds files tracked by git');
    expect(run.stderr.match(/Warning/g)).toHaveLength(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.metrics.cache).toBeUndefined();
    expect(report.findings.map((f) => f.ruleId)).toEqual(clean);
    // warm-up would fill it: refused, exit 3.
    const warmup = runCli(['warmup-cache', '-d', root], { env: { CONNASCENCE_CACHE_DIR: '' } });
    expect(warmup.code, warmup.stderr).toBe(3);
    expect(warmup.stderr).toContain('holds files tracked by git');
  });

  it('a .connascence link to a folder outside the root is not written through, unless given with --cache-dir', () => {
    const root = makeTree(SOURCE);
    const outside = makeTree({});
    symlinkSync(outside, join(root, '.connascence'));
    const run = analyze(root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('.connascence is a link to a folder outside the analysed directory');
    expect(readdirSync(outside)).toEqual([]);
    expect((JSON.parse(run.stdout) as Report).findings.map((f) => f.ruleId)).toContain('SEC_SHELL');
    const explicit = analyze(root, '--cache-dir', join(root, '.connascence/cache'));
    expect(explicit.code, explicit.stderr).toBe(0);
    expect(explicit.stderr).not.toContain('Warning');
    expect(existsSync(join(outside, 'cache/.gitignore'))).toBe(true);
  });

  it('a link inside the root is used as the cache', () => {
    const root = makeTree(SOURCE);
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, '.connascence'));
    const run = analyze(root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(existsSync(join(root, 'elsewhere/cache/.gitignore'))).toBe(true);
  });
});

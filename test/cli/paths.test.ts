/**
 * Report paths as CI needs them: relative to the working directory when the analysed directory is
 * inside it (GitHub attaches annotations to the pull request's files that way), else relative to the
 * analysed directory. Fingerprints never depend on it. Real CLI, real files.
 */
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';
import { cloneBlock } from '../helpers/code.js';

const FILES = {
  'lib/pkg/__init__.py': '',
  'lib/pkg/mod.py': 'def move(x, y, speed, angle):\n    return x + y + speed + angle\n',
  'lib/web/app.ts': 'export function move(x: number, y: number, speed: number, angle: number): number {\n  return x + y + speed + angle;\n}\n',
};

interface Report {
  root: string;
  base: string;
  findings: Array<{ ruleId: string; file: string; fingerprint: string }>;
  files: Array<{ path: string }>;
}

function json(args: string[], cwd: string): Report {
  const result = runCli(['analyze', ...args, '--format', 'json', '--fail-on', 'none'], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const positions = (report: Report): string[] => report.findings.filter((f) => f.ruleId === 'CON_POSITION').map((f) => f.file);

describe('report paths', () => {
  it('are relative to the working directory when the analysed directory is inside it, in every format', () => {
    const repo = makeTree(FILES);
    const inside = json(['lib'], repo);
    expect(inside.root).toBe(join(repo, 'lib'));
    expect(inside.base).toBe(repo);
    expect(positions(inside)).toEqual(['lib/pkg/mod.py', 'lib/web/app.ts']);
    expect(inside.files.map((f) => f.path)).toEqual(['lib/pkg/__init__.py', 'lib/pkg/mod.py', 'lib/web/app.ts']);

    const sarif = JSON.parse(runCli(['analyze', 'lib', '--format', 'sarif', '--fail-on', 'none'], { cwd: repo }).stdout) as {
      runs: Array<{ originalUriBaseIds: Record<string, { uri: string }>; results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }> }>;
    };
    const run = sarif.runs[0]!;
    expect(run.originalUriBaseIds.SRCROOT!.uri).toBe(`${pathToFileURL(repo).href}/`);
    expect(run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['lib/pkg/mod.py', 'lib/web/app.ts']);

    const github = runCli(['analyze', 'lib', '--format', 'github', '--fail-on', 'none'], { cwd: repo }).stdout;
    expect(github).toContain('file=lib/pkg/mod.py,');
    expect(github).not.toMatch(/file=pkg\//);
    const text = runCli(['analyze', 'lib', '--fail-on', 'none'], { cwd: repo }).stdout;
    expect(text).toMatch(/^lib\/pkg\/mod\.py$/m);
    const markdown = runCli(['analyze', 'lib', '--format', 'markdown', '--fail-on', 'none'], { cwd: repo }).stdout;
    expect(markdown).toContain('lib/web/app.ts');
  });

  it('are relative to the analysed directory when it is not inside the working directory, with the same fingerprints', () => {
    const repo = makeTree(FILES);
    const elsewhere = mkdtempSync(join(tmpdir(), 'connascence-cwd-'));
    const outside = json([join(repo, 'lib'), '--no-cache'], elsewhere);
    expect(outside.base).toBe(join(repo, 'lib'));
    expect(positions(outside)).toEqual(['pkg/mod.py', 'web/app.ts']);
    const inside = json(['lib', '--no-cache'], repo);
    expect(inside.findings.map((f) => f.fingerprint)).toEqual(outside.findings.map((f) => f.fingerprint));
    // The root itself as the working directory: no prefix.
    expect(positions(json(['.', '--no-cache'], join(repo, 'lib')))).toEqual(['pkg/mod.py', 'web/app.ts']);
  });

  it('follow the working directory of each run, even when the cache could replay the last report', () => {
    const repo = makeTree(FILES);
    const elsewhere = mkdtempSync(join(tmpdir(), 'connascence-cwd-'));
    const cacheDir = join(repo, '.cache');
    expect(positions(json(['lib', '--cache-dir', cacheDir], repo))).toEqual(['lib/pkg/mod.py', 'lib/web/app.ts']);
    expect(positions(json([join(repo, 'lib'), '--cache-dir', cacheDir], elsewhere))).toEqual(['pkg/mod.py', 'web/app.ts']);
    expect(positions(json(['lib', '--cache-dir', cacheDir], repo))).toEqual(['lib/pkg/mod.py', 'lib/web/app.ts']);
  });

  it('are the same in a JSON report written from the lines the cache stored (replayed, reused, incremental) as in a fresh one, related locations included', () => {
    const repo = makeTree({ ...FILES, 'lib/web/a.ts': cloneBlock('first'), 'lib/web/b.ts': cloneBlock('second') });
    const cacheDir = join(repo, '.cache');
    const strip = (report: Report): Report => ({ ...report, metrics: undefined }) as Report;
    const fresh = (): Report => strip(json(['lib', '--no-cache'], repo));
    const cached = (flags: string[] = []): Report => strip(json(['lib', '--cache-dir', cacheDir, ...flags], repo));
    const first = fresh();
    const clone = first.findings.find((f) => f.ruleId === 'DUPLICATION') as (Report['findings'][number] & { related?: Array<{ file: string }> }) | undefined;
    expect(clone?.file).toMatch(/^lib\/web\/[ab]\.ts$/);
    expect(clone?.related?.map((r) => r.file)).toEqual([clone!.file === 'lib/web/a.ts' ? 'lib/web/b.ts' : 'lib/web/a.ts']);
    expect(cached()).toEqual(first);
    // The same judgement with another report requested: the findings come from the stored lines.
    expect(cached(['--max-annotations', '3'])).toEqual(first);
    expect(cached()).toEqual(first);
    appendFileSync(join(repo, 'lib/pkg/mod.py'), 'LIMIT = 42\n');
    expect(cached()).toEqual(fresh());
  });
});

/**
 * Regression detection between runs (`connascence compare`, `analyze --compare-to`): real reports
 * of real runs, edited between them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareReports, parseReport, type ComparedReport } from '../../src/compare/compare.js';
import { makeTree, runCli } from '../helpers/cli.js';

const TREE: Record<string, string> = {
  'src/a.ts': 'export function price(qty: number): number {\n  return qty * 1.0725;\n}\n',
  'src/b.ts': 'export function place(a: number, b: number, c: number, d: number): number {\n  return a + b + c + d;\n}\n',
};
const ENV = { GITHUB_ACTIONS: '' };

function report(root: string, out: string): void {
  const result = runCli(['analyze', root, '--no-cache', '--fail-on', 'none', '-f', `json=${out}`], { env: ENV });
  expect(result.code, result.stderr).toBe(0);
}

const made = (over: Partial<ComparedReport> = {}): ComparedReport => ({
  file: 'r.json',
  findings: [],
  scores: { overall: 80, nasaCompliance: 90, duplication: 95, connascenceIndex: 10 },
  files: 100,
  durationMs: 1000,
  ...over,
});
const finding = (ruleId: string, fingerprint: string) => ({ ruleId, severity: 'medium', file: 'a.ts', line: 1, message: 'm', fingerprint });

describe('compareReports', () => {
  it('matches findings by rule and fingerprint as multisets and judges each score in its own direction', () => {
    const base = made({ findings: [finding('A', '1'), finding('A', '1'), finding('B', '2')] });
    const head = made({ findings: [finding('A', '1'), finding('C', '3')], scores: { overall: 79, nasaCompliance: 91, duplication: 95, connascenceIndex: 12 }, durationMs: 2000 });
    const c = compareReports(base, head, { maxScoreDrop: 1, maxSlowdown: 40 });
    expect(c.added.map((f) => f.ruleId)).toEqual(['C']);
    expect(c.removed.map((f) => f.ruleId).sort()).toEqual(['A', 'B']);
    expect(c.byRule).toEqual([{ ruleId: 'A', added: 0, removed: 1 }, { ruleId: 'B', added: 0, removed: 1 }, { ruleId: 'C', added: 1, removed: 0 }]);
    // overall fell by 1 (allowed), the connascence index rose by 2 (worse: lower is better), NASA rose (better).
    expect(c.scores.map((s) => [s.key, s.worseBy])).toEqual([['overall', 1], ['nasaCompliance', -1], ['duplication', 0], ['connascenceIndex', 2]]);
    expect(c.throughput).toEqual({ base: 100, head: 50, changePercent: -50 });
    expect(c.regressions).toEqual([
      'score connascenceIndex got worse by 2 points (10 -> 12; at most 1, --max-score-drop)',
      'throughput fell by 50% (100 -> 50 files/s; at most 40%, --max-slowdown)',
    ]);
    expect(compareReports(base, base, { maxScoreDrop: 0 }).regressions).toEqual([]);
  });

  it('refuses what is not a report, naming the field', () => {
    expect(() => parseReport([], 'x.json')).toThrow(/x\.json is not a connascence JSON report: \/ must be an object/);
    expect(() => parseReport({ schemaVersion: '2.0.0' }, 'x.json')).toThrow(/\/schemaVersion must be a 1\.x version/);
    expect(() => parseReport({ schemaVersion: '1.4.0', summary: { files: 1, scores: { overall: 'high' } } }, 'x.json')).toThrow(/\/summary\/scores\/overall must be a number/);
  });
});

describe('connascence compare', () => {
  it('lists the findings added and removed and the score changes, and exits 1 on a regression', () => {
    const root = makeTree(TREE);
    const dir = mkdtempSync(join(tmpdir(), 'connascence-compare-'));
    report(root, join(dir, 'base.json'));
    // One finding fixed (the literal), one added (another parameter: a new CON_POSITION message).
    writeFileSync(join(root, 'src/a.ts'), 'const RATE = 1.0725;\nexport function price(qty: number): number {\n  return qty * RATE;\n}\n');
    writeFileSync(join(root, 'src/c.ts'), 'export const late = (x: number): number => x * 4242;\n');
    report(root, join(dir, 'head.json'));
    const text = runCli(['compare', join(dir, 'base.json'), join(dir, 'head.json')], { env: ENV });
    expect(text.stdout).toMatch(/^Findings: 1 added, 1 removed$/m);
    expect(text.stdout).toMatch(/^Added:\n {2}src\/c\.ts:1 CON_MEANING /m);
    expect(text.stdout).toMatch(/^Removed:\n {2}src\/a\.ts:2 CON_MEANING /m);
    expect(text.stdout).toMatch(/^Throughput: [\d.]+ -> [\d.]+ files\/s/m);
    const json = runCli(['compare', join(dir, 'base.json'), join(dir, 'head.json'), '--format', 'json', '--max-score-drop', '1000'], { env: ENV });
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { format: string; added: unknown[]; removed: unknown[]; regressions: string[] };
    expect([parsed.format, parsed.added.length, parsed.removed.length, parsed.regressions]).toEqual(['connascence-compare', 1, 1, []]);
    // A slower head: its metrics say it took ten times as long.
    const slow = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as { metrics: { durationMs: number } };
    const baseMs = (JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as { metrics: { durationMs: number } }).metrics.durationMs;
    slow.metrics.durationMs = Math.max(baseMs, 1) * 10;
    writeFileSync(join(dir, 'slow.json'), JSON.stringify(slow));
    const slowed = runCli(['compare', join(dir, 'base.json'), join(dir, 'slow.json'), '--max-score-drop', '1000', '--max-slowdown', '50', '-f', 'markdown', '-o', join(dir, 'c.md')], { env: ENV });
    expect(slowed.code).toBe(1);
    expect(readFileSync(join(dir, 'c.md'), 'utf8')).toMatch(/❌ \*\*regression: throughput fell by \d+(\.\d+)?% /);
    // Without a limit on throughput, the same pair passes.
    expect(runCli(['compare', join(dir, 'base.json'), join(dir, 'slow.json'), '--max-score-drop', '1000'], { env: ENV }).code).toBe(0);
  });

  it('exits 2 on a file that is not a report, and analyze --compare-to reads it before analysing', () => {
    const root = makeTree(TREE);
    const dir = mkdtempSync(join(tmpdir(), 'connascence-compare-'));
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion":"1.4.0","summary":{}}');
    report(root, join(dir, 'good.json'));
    const bad = runCli(['compare', join(dir, 'bad.json'), join(dir, 'good.json')], { env: ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json is not a connascence JSON report: \/summary\/scores must be an object/);
    const missing = runCli(['analyze', root, '--no-cache', '--compare-to', join(dir, 'nope.json')], { env: ENV });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the report .*nope\.json/);
    expect(missing.stdout).toBe('');
  });

  it('analyze --compare-to prints the comparison and fails a run that makes a score worse, though its gate passes', () => {
    const root = makeTree(TREE);
    const dir = mkdtempSync(join(tmpdir(), 'connascence-compare-'));
    report(root, join(dir, 'base.json'));
    expect(runCli(['analyze', root, '--no-cache', '--fail-on', 'none', '--compare-to', join(dir, 'base.json')], { env: ENV }).code).toBe(0);
    writeFileSync(join(root, 'src/c.ts'), 'export const late = (x: number): number => x * 4242 + 7777;\n');
    const worse = runCli(['analyze', root, '--no-cache', '--fail-on', 'none', '-f', 'json', '--compare-to', join(dir, 'base.json')], { env: ENV });
    expect(worse.code).toBe(1);
    expect((JSON.parse(worse.stdout) as { gate: { passed: boolean } }).gate.passed).toBe(true);
    expect(worse.stderr).toMatch(/^Findings: 2 added, 0 removed$/m);
    expect(worse.stderr).toMatch(/^Result: regression: score /m);
    expect(runCli(['analyze', root, '--no-cache', '--fail-on', 'none', '--compare-to', join(dir, 'base.json'), '--max-score-drop', '1000'], { env: ENV }).code).toBe(0);
  });
});

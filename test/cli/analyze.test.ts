import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

/** Four positional parameters: a CON_POSITION finding under standard (max 3), none under lenient (max 5). */
const FOUR_PARAMS_TS = 'export function move(x: number, y: number, speed: number, angle: number): number {\n  return x + y + speed + angle;\n}\n';
const FOUR_PARAMS_PY = 'def move(x, y, speed, angle):\n    return x + y + speed + angle\n';

interface JsonReport {
  policy: string;
  findings: Array<{ ruleId: string; file: string; line: number; severity: string }>;
  summary: { files: number; lines: number; bySeverity: Record<string, number>; byRule: Record<string, number>; scores: Record<string, number> };
}

function analyzeJson(root: string, ...flags: string[]): { code: number; report: JsonReport; stderr: string } {
  const result = runCli(['analyze', root, '--format', 'json', ...flags]);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

const positions = (report: JsonReport): string[] =>
  report.findings.filter((f) => f.ruleId === 'CON_POSITION').map((f) => `${f.file}:${f.line}`);

describe('analyze', () => {
  it('honours .gitignore and skips dependency and build folders', () => {
    const root = makeTree({
      'src/app.ts': FOUR_PARAMS_TS,
      'src/generated/gen.ts': FOUR_PARAMS_TS,
      'src/.gitignore': 'generated/\n',
      'ignored.py': FOUR_PARAMS_PY,
      '.gitignore': 'ignored.py\n',
      'node_modules/dep/index.js': FOUR_PARAMS_TS,
      '.venv/lib/mod.py': FOUR_PARAMS_PY,
      'dist/app.js': FOUR_PARAMS_TS,
      'build/app.py': FOUR_PARAMS_PY,
      'lib/tool.py': FOUR_PARAMS_PY,
    });
    const { report } = analyzeJson(root, '--fail-on', 'none');
    expect(report.summary.files).toBe(2);
    expect(positions(report)).toEqual(['lib/tool.py:1', 'src/app.ts:1']);
  });

  it('applies the policy presets', () => {
    const root = makeTree({ 'a.ts': FOUR_PARAMS_TS, 'b.py': FOUR_PARAMS_PY });
    expect(positions(analyzeJson(root).report)).toEqual(['a.ts:1', 'b.py:1']);
    expect(positions(analyzeJson(root, '--policy', 'lenient').report)).toEqual([]);
    expect(analyzeJson(root, '--policy', 'strict').report.policy).toBe('strict');
  });

  it('lets connascence.config.json override thresholds, severities, enablement and globs', () => {
    const files = { 'a.ts': FOUR_PARAMS_TS, 'b.py': FOUR_PARAMS_PY, 'vendor/c.ts': FOUR_PARAMS_TS };
    const threshold = makeTree({ ...files, 'connascence.config.json': JSON.stringify({ rules: { CON_POSITION: { options: { threshold: 4 } } } }) });
    expect(positions(analyzeJson(threshold).report)).toEqual([]);
    const severity = makeTree({ ...files, 'connascence.config.json': JSON.stringify({ rules: { CON_POSITION: 'critical' }, exclude: ['vendor/'] }) });
    const severe = analyzeJson(severity).report;
    expect(severe.findings.filter((f) => f.ruleId === 'CON_POSITION').map((f) => f.severity)).toEqual(['critical', 'critical']);
    const off = makeTree({ ...files, 'connascence.config.json': JSON.stringify({ rules: { CON_POSITION: 'off' } }) });
    expect(positions(analyzeJson(off).report)).toEqual([]);
    const include = makeTree({ ...files, 'connascence.config.json': JSON.stringify({ include: ['**/*.py'] }) });
    expect(positions(analyzeJson(include).report)).toEqual(['b.py:1']);
  });

  it('gates on --fail-on with exit codes 0 and 1', () => {
    const root = makeTree({ 'a.ts': FOUR_PARAMS_TS, 'connascence.config.json': JSON.stringify({ rules: { CON_POSITION: 'high' } }) });
    expect(runCli(['analyze', root]).code).toBe(1);
    expect(runCli(['analyze', root, '--fail-on', 'critical']).code).toBe(0);
    expect(runCli(['analyze', root, '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['analyze', root, '--fail-on', 'low', '--policy', 'lenient']).code).toBe(0);
  });

  it('writes the report to --output and says where on stderr', () => {
    const root = makeTree({ 'a.ts': FOUR_PARAMS_TS });
    const out = join(root, 'reports', 'result.sarif');
    const result = runCli(['analyze', root, '--format', 'sarif', '--output', out, '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(result.stderr).toContain('Wrote sarif report to');
  });

  it('computes summary counts and scores from the code it read', () => {
    const root = makeTree({ 'a.ts': FOUR_PARAMS_TS, 'b.py': FOUR_PARAMS_PY });
    const { report } = analyzeJson(root);
    expect(report.summary.files).toBe(2);
    expect(report.summary.lines).toBe(5);
    expect(report.summary.byRule.CON_POSITION).toBe(2);
    expect(report.summary.bySeverity.medium).toBeGreaterThanOrEqual(2);
    expect(report.summary.scores.duplication).toBe(100);
    const clean = makeTree({ 'a.ts': 'export const x = 1;\n' });
    const cleanScores = analyzeJson(clean).report.summary.scores;
    expect(cleanScores.connascenceIndex).toBe(0);
    expect(report.summary.scores.connascenceIndex).toBeGreaterThan(cleanScores.connascenceIndex);
  });
});

describe('rules command', () => {
  it('lists every rule with thresholds per policy, as text and JSON', () => {
    const text = runCli(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/CON_POSITION\s+medium\s+3\s+2\s+5\s+3/);
    const catalog = JSON.parse(runCli(['rules', '--json']).stdout) as Array<{ id: string; presets: Record<string, { enabled: boolean }> }>;
    expect(catalog.map((r) => r.id)).toContain('PARSE_ERROR');
    expect(catalog.length).toBeGreaterThanOrEqual(23);
    const explained = runCli(['rules', '--explain', 'CON_POSITION']);
    expect(explained.stdout).toContain('## Why is this bad?');
    expect(runCli(['rules', '--explain', 'NOPE']).code).toBe(2);
  });
});

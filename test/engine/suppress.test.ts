/** Inline suppressions end to end (README "Inline suppressions"): real front-ends, the real CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directiveIn } from '../../src/languages/shared/directives.js';
import { makeTree, runCli } from '../helpers/cli.js';

const TS = `// connascence-disable-file CON_MEANING -- table of rates
export function f(a: number, b: number, c: number, d: number): number {
  return a + b + c + d * 1.5;
}

/* connascence-disable-next-line CON_POSITION, NESTING -- framework callback */
export function g(a: number, b: number, c: number, d: number): number {
  return a + b + c + d;
}

export function h(a: number, b: number, c: number, d: number): number { // connascence-disable-line CON_POSITION -- old API
  return a;
}

// connascence-disable-next-line
export function i(a: number, b: number, c: number, d: number): number {
  return a;
}
// connascence-disable-file CON_POSITION
`;
const PY = `# connascence-disable CON_POSITION -- generated handlers
def one(a, b, c, d):
    return a

def two(a, b, c, d):
    return a
# connascence-enable CON_POSITION

def three(a, b, c, d):
    return a * 7.25  # connascence-disable-line CON_MEANING
`;

interface Report {
  summary: { suppressed?: number; bySeverity: Record<string, number> };
  findings: Array<{ ruleId: string; file: string; line: number; message: string }>;
  suppressed?: Array<{ ruleId: string; file: string; line: number; suppression: { kind: string; line: number; reason?: string } }>;
}

const json = (stdout: string): Report => JSON.parse(stdout) as Report;
const listed = (report: Report): string[] => report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

describe('directive comments', () => {
  it('are read with their rules and reason, and refused without a rule id or when misplaced', () => {
    const at = { line: 3, column: 1, endLine: 3 };
    expect(directiveIn(' connascence-disable-next-line CON_POSITION, NESTING -- a reason ', at, false)).toEqual({ kind: 'disable-next-line', rules: ['CON_POSITION', 'NESTING'], reason: 'a reason', ...at });
    expect(directiveIn('* connascence-disable-line SEC_SHELL *', at, false)).toEqual({ kind: 'disable-line', rules: ['SEC_SHELL'], ...at });
    expect(directiveIn(' connascence-disable -- why', at, false)?.problem).toMatch(/names no rule/);
    expect(directiveIn(' connascence-disable-file CON_MEANING', at, false)?.problem).toMatch(/first comment block/);
    expect(directiveIn(' connascence-disable-file CON_MEANING', at, true)?.problem).toBeUndefined();
    expect(directiveIn(' connascence-disable-next-line con_position', at, false)?.problem).toMatch(/not a rule id/);
    expect(directiveIn(' see connascence-disable-line X', at, false)).toBeUndefined();
    expect(directiveIn(' connascence-disabled X', at, false)).toBeUndefined();
  });
});

describe('inline suppressions', () => {
  it('switch off what they name, in TypeScript and Python, and report the invalid and the unused ones', () => {
    const root = makeTree({ 'a.ts': TS, 'b.py': PY });
    const result = runCli(['analyze', root, '--format', 'json', '--no-cache', '--fail-on', 'none']);
    expect(result.code, result.stderr).toBe(0);
    const report = json(result.stdout);
    expect(listed(report)).toEqual([
      'CON_POSITION a.ts:2', // the disable-file after code (line 19) is refused
      'UNUSED_SUPPRESSION a.ts:6', // NESTING suppressed nothing
      'INVALID_SUPPRESSION a.ts:15',
      'CON_POSITION a.ts:16', // a suppression without a rule id switches nothing off
      'INVALID_SUPPRESSION a.ts:19',
      'CON_POSITION b.py:9',
    ]);
    expect(report.suppressed!.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.suppression.kind} ${f.suppression.reason ?? ''}`)).toEqual([
      'CON_MEANING a.ts:3 disable-file table of rates',
      'CON_POSITION a.ts:7 disable-next-line framework callback',
      'CON_POSITION a.ts:11 disable-line old API',
      'CON_POSITION b.py:2 disable generated handlers',
      'CON_POSITION b.py:5 disable generated handlers',
      'CON_MEANING b.py:10 disable-line ',
    ]);
    expect(report.summary.suppressed).toBe(6);
    // Counts follow what is listed: the gate sees no suppressed finding.
    expect(Object.values(report.summary.bySeverity).reduce((a, b) => a + b, 0)).toBe(report.findings.length);
  });

  it('require a reason when the config says so', () => {
    const root = makeTree({ 'b.py': PY, 'connascence.config.json': JSON.stringify({ requireSuppressionReason: true }) });
    const report = json(runCli(['analyze', root, '--format', 'json', '--no-cache', '--fail-on', 'none']).stdout);
    expect(report.findings.filter((f) => f.ruleId === 'INVALID_SUPPRESSION').map((f) => f.message)).toEqual(['connascence-disable-line has no reason after "--" (the config sets requireSuppressionReason); it switches nothing off.']);
    expect(listed(report)).toContain('CON_MEANING b.py:10');
  });

  it('are counted in every format, left out of SARIF unless --include-suppressed, and applied alike cold, warm and incremental', () => {
    const root = makeTree({ 'a.ts': TS, 'b.py': PY });
    const cacheDir = mkdtempSync(join(tmpdir(), 'suppress-cache-'));
    const args = ['analyze', root, '--fail-on', 'none', '--cache-dir', cacheDir];
    const cold = runCli([...args, '--format', 'json']).stdout;
    expect(runCli([...args, '--format', 'json']).stdout.replace(/"metrics"[\s\S]*/, '')).toBe(cold.replace(/"metrics"[\s\S]*/, ''));
    writeFileSync(join(root, 'a.ts'), `${TS}export const more = 2;\n`);
    expect(json(runCli([...args, '--format', 'json']).stdout).suppressed).toEqual(json(cold).suppressed);
    expect(runCli([...args, '--format', 'text']).stdout).toContain('6 findings suppressed by connascence-disable comments');
    expect(runCli([...args, '--format', 'markdown']).stdout).toContain('6 findings suppressed by connascence-disable comments');
    expect(runCli([...args, '--format', 'github']).stdout).toMatch(/, 6 suppressed/);
    type Sarif = { runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ kind: string; justification?: string }> }> }> };
    const plain = JSON.parse(runCli([...args, '--format', 'sarif']).stdout) as Sarif;
    expect(plain.runs[0]!.results.some((r) => r.suppressions)).toBe(false);
    const all = JSON.parse(runCli([...args, '--format', 'sarif', '--include-suppressed']).stdout) as Sarif;
    const marked = all.runs[0]!.results.filter((r) => r.suppressions);
    expect(marked).toHaveLength(6);
    expect(marked[0]!.suppressions).toEqual([{ kind: 'inSource', justification: 'table of rates' }]);
  });

  it('keep suppressed findings out of a baseline', () => {
    const root = makeTree({ 'b.py': PY });
    expect(runCli(['baseline', 'create', root, '--no-cache']).code).toBe(0);
    const entries = (JSON.parse(readFileSync(join(root, 'connascence-baseline.json'), 'utf8')) as { entries: Array<{ rule: string }> }).entries;
    expect(entries.map((e) => e.rule)).toEqual(['CON_POSITION']);
  });
});

describe('hostile suppression comments', () => {
  it('keep the first 1000 of a file, say the rest were ignored, and stay fast', () => {
    // 6,000 closed regions: 12,000 comments, of which the first 1000 (500 regions) are kept.
    const lines = Array.from({ length: 6000 }, (_, i) => `// connascence-disable CON_MEANING\nexport function f${i}(x: number): number { return x * ${i + 1000.5}; }\n// connascence-enable CON_MEANING\n`);
    const root = makeTree({ 'many.ts': lines.join('') });
    const result = runCli(['analyze', root, '--format', 'json', '--no-cache', '--fail-on', 'none']);
    expect(result.code, result.stderr).toBe(0);
    const report = json(result.stdout);
    const invalid = report.findings.filter((f) => f.ruleId === 'INVALID_SUPPRESSION');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.message).toContain('past the first 1000');
    // The 500 regions kept suppress their magic number; the ignored comments suppress nothing.
    expect(report.summary.suppressed).toBe(500);
    expect(report.findings.filter((f) => f.ruleId === 'CON_MEANING')).toHaveLength(5500);
  });
});

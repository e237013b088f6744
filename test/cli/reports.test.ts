/**
 * Several reports from one run, the step summary, budgets and the GitHub-facing limits (issue 16),
 * through the real CLI on real files.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendStepSummary, fitted } from '../../src/cli/step-summary.js';
import { makeTree, runCli } from '../helpers/cli.js';

/** Many findings at three levels: magic numbers (medium), long parameter lists (medium/high), a secret (high). */
const TREE: Record<string, string> = {
  'src/a.ts': Array.from({ length: 30 }, (_, i) => `export function f${i}(a: number, b: number, c: number, d: number, e: number): number {\n  return a * ${1000 + i} + b + c + d + e;\n}\n`).join('\n'),
  'src/keys.ts': "export const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';\n",
  'app/main.py': 'def run(a, b, c, d, e):\n    return a * 86400 + b + c + d + e\n',
};

const NO_ACTIONS = { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' };

function analyse(root: string, args: string[], env: NodeJS.ProcessEnv = NO_ACTIONS) {
  return runCli(['analyze', root, '--no-cache', ...args], { env });
}

describe('several reports from one run', () => {
  it('writes each report to its file, the bare one to standard output, all of one run', () => {
    const root = makeTree(TREE);
    const out = mkdtempSync(join(tmpdir(), 'connascence-reports-'));
    const result = analyse(root, ['--fail-on', 'none', '-f', 'text', '-f', `sarif=${out}/r.sarif`, '-f', `json=${out}/sub/r.json`, '--format', `markdown=${out}/summary.md`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Gate: passed/m);
    const json = JSON.parse(readFileSync(join(out, 'sub/r.json'), 'utf8')) as { findings: Array<{ fingerprint: string }>; summary: { findings: number } };
    const sarif = JSON.parse(readFileSync(join(out, 'r.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> };
    // One run: the same findings in each.
    expect(sarif.runs[0]!.results.map((r) => Object.values(r.partialFingerprints)[0]).sort()).toEqual(json.findings.map((f) => f.fingerprint).sort());
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(`${json.summary.findings} findings`);
    expect(result.stderr.match(/^Wrote (sarif|json|markdown) report to /gm)).toHaveLength(3);
    // --output still names the file of the one report without a destination.
    expect(analyse(root, ['--fail-on', 'none', '-f', 'json', '-o', `${out}/o.json`, '-f', `text=${out}/t.txt`]).code).toBe(0);
    expect(existsSync(join(out, 'o.json')) && existsSync(join(out, 't.txt'))).toBe(true);
  });

  it('refuses two reports on standard output, one file twice, and an unknown format (exit 2)', () => {
    const root = makeTree(TREE);
    for (const [args, message] of [
      [['-f', 'text', '-f', 'json'], /at most one report can go to standard output/],
      [['-f', 'json=r.json', '-f', 'sarif=r.json'], /writes two reports to .*r\.json/],
      [['-f', 'xml=r.xml'], /the format must be one of text, json, sarif, markdown, github/],
      [['-f', 'json='], /empty file name/],
      [['-f', 'json=a.json', '-o', 'b.json'], /--output names the file of the one report without a destination/],
    ] as Array<[string[], RegExp]>) {
      const result = analyse(root, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('takes the config reports when no --format is given, and keeps their files inside the root', () => {
    const root = makeTree({ ...TREE, 'connascence.config.json': JSON.stringify({ failOn: 'none', reports: ['text', 'sarif=reports/r.sarif'] }) });
    const result = analyse(root, []);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Gate: passed/m);
    expect(existsSync(join(root, 'reports/r.sarif'))).toBe(true);
    // --format wins over the config.
    expect(analyse(root, ['-f', 'json']).stdout.startsWith('{')).toBe(true);
    const outside = mkdtempSync(join(tmpdir(), 'connascence-outside-'));
    symlinkSync(outside, join(root, 'out-link'));
    for (const [path, message] of [
      ['../escape.sarif', /leads out of it/],
      [`${outside}/abs.sarif`, /not a relative path/],
      ['.git/hooks/r.sarif', /inside \.git/],
      ['out-link/new/r.sarif', /resolves to a folder outside it/],
    ] as Array<[string, RegExp]>) {
      writeFileSync(join(root, 'connascence.config.json'), JSON.stringify({ reports: [`sarif=${path}`] }));
      const refused = analyse(root, []);
      expect(refused.code, path).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
    expect(existsSync(join(outside, 'new'))).toBe(false);
  });
});

describe('the GitHub Actions step summary', () => {
  it('is appended on GitHub Actions, never overwritten, and --no-step-summary opts out', () => {
    const root = makeTree(TREE);
    const summary = join(mkdtempSync(join(tmpdir(), 'connascence-summary-')), 'step_summary.md');
    writeFileSync(summary, '## an earlier step\n');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    expect(analyse(root, ['--fail-on', 'none', '-f', 'json'], env).code).toBe(0);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('## an earlier step\n')).toBe(true);
    expect(text).toContain('## connascence report');
    expect(analyse(root, ['--fail-on', 'none', '--no-step-summary'], env).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe(text);
    // Not on GitHub Actions: nothing.
    expect(analyse(root, ['--fail-on', 'none'], { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: summary }).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe(text);
  });

  it('stays under the limit: cut at a line with a note of what was left out', () => {
    const markdown = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`).join('\n');
    const cut = fitted(markdown, 10_000);
    expect(Buffer.byteLength(cut.text)).toBeLessThanOrEqual(10_000);
    expect(cut.text).toMatch(/\| row \d+ \| x+ \|\n\n_… \d+ bytes of this summary were left out/);
    expect(cut.leftOut).toBe(Buffer.byteLength(markdown) - Buffer.byteLength(cut.text.slice(0, cut.text.indexOf('\n\n_…'))));
    const file = join(mkdtempSync(join(tmpdir(), 'connascence-summary-')), 's.md');
    writeFileSync(file, 'y'.repeat(4000));
    expect(appendStepSummary(file, markdown, 10_000)).toMatch(/cut to fit/);
    expect(readFileSync(file).length).toBeLessThanOrEqual(10_000);
    // A file already full: the summary is left out, with a warning.
    writeFileSync(file, 'y'.repeat(9_990));
    expect(appendStepSummary(file, markdown, 10_000)).toMatch(/was left out/);
    expect(readFileSync(file).length).toBe(9_990);
  });
});

describe('budgets', () => {
  it('fail the gate naming each budget with its counts, in every format, even with --fail-on none', () => {
    const root = makeTree({ ...TREE, 'connascence.config.json': JSON.stringify({ failOn: 'none', budgets: { total: 1000, medium: 3, rules: { CON_MEANING: 2, SEC_SECRET: 5 } } }) });
    const out = mkdtempSync(join(tmpdir(), 'connascence-budgets-'));
    const result = analyse(root, ['-f', 'text', '-f', `json=${out}/r.json`, '-f', `sarif=${out}/r.sarif`, '-f', `markdown=${out}/r.md`, '-f', `github=${out}/gh.txt`]);
    expect(result.code).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { gate: { passed: boolean; reasons: string[] }; summary: { bySeverity: { medium: number }; byRule: Record<string, number> } };
    expect(json.gate.passed).toBe(false);
    expect(json.gate.reasons).toEqual([`budget medium: ${json.summary.bySeverity.medium} > 3`, `budget CON_MEANING: ${json.summary.byRule.CON_MEANING} > 2`]);
    const lastLine = result.stdout.trimEnd().split('\n').at(-1)!;
    for (const reason of json.gate.reasons) {
      expect(lastLine).toContain(reason);
      expect(readFileSync(join(out, 'r.md'), 'utf8')).toContain(reason.replace('>', '\\>').replace('_', '\\_'));
      expect(readFileSync(join(out, 'gh.txt'), 'utf8').trimEnd().split('\n').at(-1)).toContain(reason);
    }
    const sarif = JSON.parse(readFileSync(join(out, 'r.sarif'), 'utf8')) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }> };
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.filter((n) => n.level === 'error').map((n) => n.message.text)).toEqual(json.gate.reasons.map((r) => `Gate failed: ${r}`));
    // Beside --fail-on: both limits are named.
    const both = analyse(root, ['--fail-on', 'high', '-f', 'json']);
    expect((JSON.parse(both.stdout) as { gate: { reasons: string[] } }).gate.reasons[0]).toMatch(/^\d+ findings? at or above high$/);
  });

  it('count only new findings with a baseline', () => {
    const root = makeTree({ ...TREE, 'connascence.config.json': JSON.stringify({ failOn: 'none', budgets: { total: 0 } }) });
    expect(runCli(['baseline', 'create', root, '--no-cache']).code).toBe(0);
    expect(analyse(root, []).code).toBe(0);
    writeFileSync(join(root, 'src/new.ts'), 'export const late = (x: number): number => x * 4242;\n');
    const result = analyse(root, ['-f', 'json']);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { gate: { reasons: string[] } }).gate.reasons).toEqual(['budget total: 1 > 0']);
  });

  it('are validated: an unknown rule or a negative count is an exit-2 error naming the key', () => {
    for (const [budgets, at] of [[{ rules: { NO_SUCH_RULE: 1 } }, /budgets\/rules/], [{ high: -1 }, /budgets\/high/], [{ often: 3 }, /budgets/]] as Array<[unknown, RegExp]>) {
      const root = makeTree({ ...TREE, 'connascence.config.json': JSON.stringify({ budgets }) });
      const result = analyse(root, []);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(at);
    }
  });
});

describe('GitHub annotations', () => {
  it('are capped per level, most severe first, with a closing notice for the rest', () => {
    const root = makeTree(TREE);
    const lines = analyse(root, ['-f', 'github', '--fail-on', 'none']).stdout.trimEnd().split('\n');
    const levels = (prefix: string): number => lines.filter((line) => line.startsWith(prefix) && !line.includes('title=connascence::')).length;
    expect(levels('::warning ')).toBe(10);
    expect(levels('::error ')).toBeGreaterThan(0);
    expect(lines.findIndex((line) => line.startsWith('::warning '))).toBeGreaterThan(lines.findIndex((line) => line.startsWith('::error ')));
    expect(lines.at(-2)).toMatch(/^::notice title=connascence::\d+ more findings not annotated \(at most 10 per level, --max-annotations\)/);
    const one = analyse(root, ['-f', 'github', '--fail-on', 'none', '--max-annotations', '1']).stdout.split('\n');
    expect(one.filter((line) => line.startsWith('::warning ')).length).toBe(1);
  });
});

describe('SARIF for GitHub code scanning', () => {
  it('has a category per analysed folder, keeps the most severe results within --sarif-max-results, and leaves unchanged ones out with --sarif-new-only', () => {
    const root = makeTree(TREE);
    mkdirSync(join(root, 'out'));
    const sarifOf = (args: string[], cwd = root) => {
      const result = runCli(['analyze', 'src', '--no-cache', '--fail-on', 'none', '-f', 'sarif', ...args], { cwd, env: NO_ACTIONS });
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { runs: Array<{ automationDetails: { id: string }; results: Array<{ level: string; baselineState?: string }>; invocations: Array<{ toolExecutionNotifications?: Array<{ message: { text: string } }> }> }> }).runs[0]!;
    };
    const all = sarifOf([]);
    expect(all.automationDetails.id).toBe('connascence/src/');
    expect(sarifOf(['--sarif-category', 'lint/backend']).automationDetails.id).toBe('lint/backend/');
    const few = sarifOf(['--sarif-max-results', '3']);
    expect(few.results).toHaveLength(3);
    expect(few.results.map((r) => r.level)).toContain('error');
    expect(few.invocations[0]!.toolExecutionNotifications!.map((n) => n.message.text)).toContain(`${all.results.length - 3} results were left out: this log holds the 3 most severe and new ones (--sarif-max-results; GitHub code scanning keeps 5000 per run).`);
    // A baseline of today: nothing is new, so nothing is uploaded with --sarif-new-only.
    expect(runCli(['baseline', 'create', 'src', '--no-cache'], { cwd: root }).code).toBe(0);
    expect(sarifOf([]).results.every((r) => r.baselineState === 'unchanged')).toBe(true);
    writeFileSync(join(root, 'src/new.ts'), 'export const late = (x: number): number => x * 4242;\n');
    expect(sarifOf(['--sarif-new-only']).results.map((r) => r.baselineState)).toEqual(['new']);
  });
});

/**
 * Suppressions leave a trace (README "Inline suppressions"): a suppressed critical or high finding is
 * named by rule and severity in the text report, markdown, the step summary, SARIF (a notification,
 * or a suppressed result with --include-suppressed) and the github annotations; and a
 * `connascence-disable` without its `connascence-enable` is INVALID_SUPPRESSION and suppresses
 * nothing, so it cannot switch a rule off for the rest of a file. The real CLI on real files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeSpan } from '../../src/report/markdown.js';
import { makeTree, runCli } from '../helpers/cli.js';
import { sarifValidator } from '../report/schemas.js';

interface Finding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  message: string;
}
interface JsonReport {
  findings: Finding[];
  suppressed?: Array<Finding & { suppression: { kind: string; line: number; reason?: string } }>;
  summary: { suppressed?: number };
}
interface SarifNote {
  level: string;
  message: { text: string };
  locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
  associatedRule?: { id: string; index?: number };
  properties?: { severity?: string };
}
interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    results: Array<{ ruleId: string; suppressions?: Array<{ kind: string; justification?: string }> }>;
    invocations: Array<{ toolExecutionNotifications?: SarifNote[] }>;
  }>;
}

const validateSarif = sarifValidator();

/** Every format of one run of the real CLI, the step summary included. */
function analyseAll(root: string, args: readonly string[] = []): { code: number; text: string; json: JsonReport; sarif: SarifLog; markdown: string; summary: string; github: string } {
  const out = mkdtempSync(join(tmpdir(), 'connascence-trace-'));
  const summary = join(out, 'summary.md');
  writeFileSync(summary, '');
  const formats = ['-f', 'text', '-f', `json=${join(out, 'r.json')}`, '-f', `sarif=${join(out, 'r.sarif')}`, '-f', `markdown=${join(out, 'r.md')}`, '-f', `github=${join(out, 'r.github')}`];
  const result = runCli(['analyze', root, '--no-cache', ...formats, ...args], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
  expect([0, 1], result.stderr).toContain(result.code);
  const read = (name: string): string => readFileSync(join(out, name), 'utf8');
  const run = { code: result.code, text: result.stdout, json: JSON.parse(read('r.json')) as JsonReport, sarif: JSON.parse(read('r.sarif')) as SarifLog, markdown: read('r.md'), summary: read('summary.md'), github: read('r.github') };
  rmSync(out, { recursive: true, force: true });
  expect(validateSarif(run.sarif), JSON.stringify(validateSarif.errors)).toBe(true);
  return run;
}

/** A reason with what a terminal, a table, GFM and a workflow log would each take for their own. */
const REASON = 'trusted \u001b[31minput | see [docs](http:evil.example) ::error::x';

const PY = `import os
import pickle

def run(cmd):
    os.system(cmd)  # connascence-disable-line SEC_SHELL -- ${REASON}

def load(blob):
    # connascence-disable-next-line SEC_DESERIALIZE
    return pickle.loads(blob)

# connascence-disable-next-line CON_POSITION -- framework callback
def handler(a, b, c, d, e):
    return a
`;

describe('suppressed critical, high and safety findings', () => {
  it('are named by rule and severity in every format without --include-suppressed, escaped, and leave the gate', () => {
    const run = analyseAll(makeTree({ 'app.py': PY }));
    expect(run.code).toBe(0);
    const suppressed = run.json.suppressed ?? [];
    const listed = suppressed.filter((f) => f.severity === 'critical' || f.severity === 'high');
    expect(listed.map((f) => `${f.ruleId} ${f.severity} ${f.line}`).sort()).toEqual(['SEC_DESERIALIZE critical 9', 'SEC_SHELL critical 5']);
    expect(suppressed.some((f) => f.ruleId === 'CON_POSITION')).toBe(true);

    // Text: one line each, the comment's reason made printable.
    expect(run.text).toContain('Suppressed critical, high and safety findings (2, not counted by the gate):');
    expect(run.text).toMatch(/^ {2}app\.py:5:5 {2}critical {2}SEC_SHELL {2}.*\[connascence-disable-line at line 5: trusted \\u\{1b\}\[31minput \| see/m);
    expect(run.text).toMatch(/^ {2}app\.py:9:\d+ {2}critical {2}SEC_DESERIALIZE .*\(no reason given\)\]$/m);
    expect(run.text).not.toContain('\u001b');
    // A medium one is counted, not named.
    expect(run.text).not.toMatch(/^ {2}app\.py:\d+:\d+ {2}\w+ {2}CON_POSITION/m);

    // Markdown and the step summary: a table, every cell escaped.
    for (const markdown of [run.markdown, run.summary]) {
      expect(markdown).toContain('### Suppressed critical, high and safety findings');
      expect(markdown).toContain(`| critical | ${codeSpan('SEC_SHELL', true)} | ${codeSpan('app.py:5:5', true)} | connascence-disable-line at line 5 | ${codeSpan(REASON, true)} |`);
      expect(markdown).toMatch(/\| critical \| ` SEC_DESERIALIZE ` \| ` app\.py:9:\d+ ` \| connascence-disable-next-line at line 8 \| \(none\) \|/);
      // The reason is inside a code span, where no link can start; nowhere else.
      expect(markdown.replace(/` [^`\n]* `/g, '')).not.toContain('[docs](');
      expect(markdown).not.toMatch(/\| CON\\_POSITION \| app\.py/);
    }

    // SARIF: no suppressed result (code scanning would show it as an open alert), a warning notification at the finding instead.
    const sarif = run.sarif.runs[0]!;
    expect(sarif.results.map((r) => r.ruleId)).not.toContain('SEC_SHELL');
    const notes = (sarif.invocations[0]!.toolExecutionNotifications ?? []).filter((n) => n.message.text.startsWith('Suppressed '));
    expect(notes.map((n) => n.associatedRule?.id).sort()).toEqual(['SEC_DESERIALIZE', 'SEC_SHELL']);
    const shell = notes.find((n) => n.associatedRule?.id === 'SEC_SHELL')!;
    expect(shell).toMatchObject({ level: 'warning', properties: { severity: 'critical' } });
    expect(shell.message.text).toContain(`Suppressed critical finding SEC_SHELL: `);
    expect(shell.message.text).toContain(REASON);
    expect(shell.locations![0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'app.py' }, region: { startLine: 5 } });
    expect(sarif.tool.driver.rules[shell.associatedRule!.index!]!.id).toBe('SEC_SHELL');

    // GitHub annotations: a notice at each, its reason on the notice's one line.
    const notices = run.github.split('\n').filter((line) => line.startsWith('::notice file=app.py'));
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^::notice file=app\.py,line=5,title=Suppressed critical SEC_SHELL::/);
    for (const line of run.github.split('\n').filter((l) => l.includes('evil.example'))) expect(line.startsWith('::notice file=app.py,line=5,')).toBe(true);
  });

  it('of a safety rule are named whatever severity the config gave it, beside the switch that lowered it', () => {
    const root = makeTree({ 'app.py': PY, 'connascence.config.json': JSON.stringify({ rules: { SEC_SHELL: 'low', SEC_DESERIALIZE: 'medium' } }) });
    const run = analyseAll(root);
    expect(run.text).toContain('Suppressed critical, high and safety findings (2, not counted by the gate):');
    expect(run.text).toMatch(/^ {2}app\.py:5:5 {2}low {2}SEC_SHELL /m);
    expect(run.text).toMatch(/^ {2}app\.py:9:\d+ {2}medium {2}SEC_DESERIALIZE /m);
    expect(run.text).toContain('  SEC_SHELL severity lowered from critical to low  (connascence.config.json: rules.SEC_SHELL)');
    expect(run.markdown).toContain(`| low | ${codeSpan('SEC_SHELL', true)} | ${codeSpan('app.py:5:5', true)} |`);
    const notes = (run.sarif.runs[0]!.invocations[0]!.toolExecutionNotifications ?? []).filter((n) => n.message.text.startsWith('Suppressed '));
    expect(notes.map((n) => `${n.associatedRule?.id} ${n.properties?.severity}`).sort()).toEqual(['SEC_DESERIALIZE medium', 'SEC_SHELL low']);
    // A medium finding of another rule is counted only.
    expect(run.text).not.toMatch(/^ {2}app\.py:\d+:\d+ {2}\w+ {2}CON_POSITION/m);
  });

  it('are suppressed results with --include-suppressed, with their justification, and no notification besides', () => {
    const run = analyseAll(makeTree({ 'app.py': PY }), ['--include-suppressed']);
    const sarif = run.sarif.runs[0]!;
    const shell = sarif.results.find((r) => r.ruleId === 'SEC_SHELL');
    expect(shell?.suppressions).toEqual([{ kind: 'inSource', justification: REASON }]);
    expect(sarif.results.find((r) => r.ruleId === 'SEC_DESERIALIZE')?.suppressions).toEqual([{ kind: 'inSource' }]);
    expect((sarif.invocations[0]!.toolExecutionNotifications ?? []).filter((n) => n.message.text.startsWith('Suppressed '))).toEqual([]);
    // The human formats name them all the same.
    expect(run.text).toContain('Suppressed critical, high and safety findings (2');
  });
});

describe('a connascence-disable without its connascence-enable', () => {
  it('is INVALID_SUPPRESSION and suppresses nothing: the shell call after the first code block fails the gate, in Python and TypeScript', () => {
    const root = makeTree({
      'tool.py': '# connascence-disable SEC_SHELL -- build helpers\nimport os\n\ndef version():\n    return 1\n\ndef run(cmd):\n    os.system(cmd)\n',
      'tool.ts': "/* connascence-disable SEC_SHELL */\nimport { execSync } from 'node:child_process';\n\nexport function run(cmd: string): void {\n  execSync(cmd);\n}\n",
    });
    const result = runCli(['analyze', root, '--no-cache', '-f', 'json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const by = (rule: string): string[] => report.findings.filter((f) => f.ruleId === rule).map((f) => `${f.file}:${f.line}`).sort();
    expect(by('SEC_SHELL')).toEqual(['tool.py:8', 'tool.ts:5']);
    expect(by('INVALID_SUPPRESSION')).toEqual(['tool.py:1', 'tool.ts:1']);
    expect(report.findings.find((f) => f.ruleId === 'INVALID_SUPPRESSION')!.message).toContain('has no matching connascence-enable SEC_SHELL before the end of the file');
    expect(report.suppressed ?? []).toEqual([]);
  });

  it('suppresses within its region once closed; a rule left open makes the whole comment invalid', () => {
    const closed = '# connascence-disable SEC_SHELL -- fixed build commands\nimport os\n\ndef run(cmd):\n    os.system(cmd)\n# connascence-enable SEC_SHELL\n\ndef later(cmd):\n    os.system(cmd)\n';
    const half = '# connascence-disable SEC_SHELL, CON_POSITION\nimport os\n\ndef run(cmd):\n    os.system(cmd)\n# connascence-enable CON_POSITION\n';
    const result = runCli(['analyze', makeTree({ 'closed.py': closed, 'half.py': half }), '--no-cache', '-f', 'json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.suppressed?.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['SEC_SHELL closed.py:5']);
    const shells = report.findings.filter((f) => f.ruleId === 'SEC_SHELL').map((f) => `${f.file}:${f.line}`).sort();
    expect(shells).toEqual(['closed.py:9', 'half.py:5']);
    const invalid = report.findings.filter((f) => f.ruleId === 'INVALID_SUPPRESSION');
    expect(invalid.map((f) => `${f.file}:${f.line}`)).toEqual(['half.py:1']);
    expect(invalid[0]!.message).toContain('connascence-enable SEC_SHELL before');
  });

  it('an enable before the disable does not close it', () => {
    const text = '# connascence-enable SEC_SHELL\n# connascence-disable SEC_SHELL\nimport os\n\ndef run(cmd):\n    os.system(cmd)\n';
    const report = JSON.parse(runCli(['analyze', makeTree({ 'a.py': text }), '--no-cache', '-f', 'json', '--fail-on', 'none']).stdout) as JsonReport;
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['INVALID_SUPPRESSION', 'SEC_SHELL']);
  });
});

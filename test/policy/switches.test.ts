/**
 * Switching safety off is visible (README "Trusted configuration"): every setting that weakens a
 * safety rule or leaves source files out is listed, with where it came from, in every format (text,
 * JSON, SARIF tool configuration notifications, markdown, the step summary, github annotations).
 * The real CLI on real files; the JSON and SARIF are checked against their schemas.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData } from '../../src/report/github.js';
import { escapeCell } from '../../src/report/markdown.js';
import { printable } from '../../src/printable.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { makeTree, runCli } from '../helpers/cli.js';
import { reportValidator, sarifValidator } from '../report/schemas.js';

const SHELL = 'import os\n\ndef run(cmd):\n    os.system(cmd)\n';
const LIB = 'def helper(x):\n    return x\n';

interface Switch {
  setting: string;
  rule?: string;
  change: string;
  source: string;
}
interface JsonReport {
  policySettings: { preset: string; config?: string; configInRoot?: boolean; failOn: string; rules: Record<string, { enabled: boolean; severity: string }>; overrides: Array<{ files: string[]; rules: Record<string, { enabled: boolean; severity: string }> }> };
  switches?: Switch[];
  findings: Array<{ ruleId: string }>;
  metrics: { cache?: { judgements?: string } };
}
interface SarifLog {
  runs: Array<{ invocations: Array<{ toolConfigurationNotifications?: Array<{ level: string; message: { text: string }; associatedRule?: { id: string }; properties: { setting: string; source: string } }> }> }>;
}

const validateReport = reportValidator();
const validateSarif = sarifValidator();

interface Run {
  code: number;
  text: string;
  json: JsonReport;
  sarif: SarifLog;
  markdown: string;
  summary: string;
  github: string;
}

/** One run of the real CLI writing every format, the step summary included. */
function analyseAll(root: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Run {
  const out = mkdtempSync(join(tmpdir(), 'connascence-switch-out-'));
  const summary = join(out, 'summary.md');
  writeFileSync(summary, '');
  const formats = ['-f', 'text', '-f', `json=${join(out, 'r.json')}`, '-f', `sarif=${join(out, 'r.sarif')}`, '-f', `markdown=${join(out, 'r.md')}`, '-f', `github=${join(out, 'r.github')}`];
  const result = runCli(['analyze', root, ...formats, ...args], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, ...env } });
  expect([0, 1], result.stderr).toContain(result.code);
  const read = (name: string): string => readFileSync(join(out, name), 'utf8');
  const run = { code: result.code, text: result.stdout, json: JSON.parse(read('r.json')) as JsonReport, sarif: JSON.parse(read('r.sarif')) as SarifLog, markdown: read('r.md'), summary: read('summary.md'), github: read('r.github') };
  rmSync(out, { recursive: true, force: true });
  expect(validateReport(run.json), JSON.stringify(validateReport.errors)).toBe(true);
  expect(validateSarif(run.sarif), JSON.stringify(validateSarif.errors)).toBe(true);
  return run;
}

const sourceOf = (entry: Switch): string => (entry.source.startsWith('--') ? entry.source : `${entry.source}: ${entry.setting}`);

/** The switch is in every format, with its setting and source. */
function expectListedEverywhere(run: Run, setting: string, source: string): Switch {
  const entry = run.json.switches?.find((s) => s.setting === setting && s.source === source);
  expect(entry, `${setting} from ${source} in ${JSON.stringify(run.json.switches)}`).toBeDefined();
  const where = sourceOf(entry!);
  expect(run.text).toContain(`  ${printable(entry!.change)}  (${printable(where)})`);
  const row = `| ${escapeCell(entry!.change)} | ${escapeCell(where)} |`;
  expect(run.markdown).toContain(row);
  expect(run.summary).toContain(row);
  const notes = run.sarif.runs[0]!.invocations[0]!.toolConfigurationNotifications ?? [];
  const note = notes.find((n) => n.properties.setting === setting && n.properties.source === source);
  expect(note?.level).toBe('warning');
  expect(note?.message.text).toContain(`${entry!.change} (${where})`);
  if (entry!.rule !== undefined) expect(note?.associatedRule?.id).toBe(entry!.rule);
  expect(run.github).toContain(`::warning title=connascence settings::${escapeData(printable(`${entry!.change} (${where})`))}`);
  return entry!;
}

const SAFETY = ALL_RULES.filter((rule) => rule.meta.safety === true).map((rule) => rule.meta.id);

describe('settings that weaken safety, in every report', () => {
  it('the safety set is the rules whose meta says so, and holds the security, dynamic code, parse and skipped-file rules', () => {
    expect(SAFETY).toEqual(expect.arrayContaining(['SEC_SHELL', 'SEC_SECRET', 'SEC_DESERIALIZE', 'NASA_8_DYNAMIC_CODE', 'PARSE_ERROR', 'SKIPPED_FILE']));
  });

  it('each safety rule switched off by the config is listed, with the config file and key', () => {
    const root = makeTree({ 'src/app.py': SHELL, 'connascence.config.json': JSON.stringify({ rules: Object.fromEntries(SAFETY.map((id) => [id, 'off'])) }) });
    const run = analyseAll(root);
    expect(run.code).toBe(0);
    expect(run.json.findings.map((f) => f.ruleId)).not.toContain('SEC_SHELL');
    for (const id of SAFETY) expect(expectListedEverywhere(run, `rules.${id}`, 'connascence.config.json').change).toBe(`${id} switched off`);
    expect(run.text).toContain('connascence.config.json is inside the analysed directory: a pull request can change it');
    expect(run.json.policySettings).toMatchObject({ preset: 'standard', config: 'connascence.config.json', configInRoot: true });
    expect(run.json.policySettings.rules.SEC_SHELL).toMatchObject({ enabled: false, severity: 'critical' });
  });

  it('a severity lowered below the gate, an override per glob, and the gate threshold are listed', () => {
    const config = { failOn: 'critical', rules: { SEC_SHELL: 'low' }, overrides: [{ files: ['src/**'], rules: { PARSE_ERROR: 'off', NASA_8_DYNAMIC_CODE: { severity: 'medium' }, CON_POSITION: 'off' } }] };
    const root = makeTree({ 'src/app.py': SHELL, 'connascence.config.json': JSON.stringify(config) });
    const run = analyseAll(root);
    expect(run.code).toBe(0);
    expect(expectListedEverywhere(run, 'rules.SEC_SHELL', 'connascence.config.json').change).toBe('SEC_SHELL severity lowered from critical to low');
    expect(expectListedEverywhere(run, 'overrides[0].rules.PARSE_ERROR', 'connascence.config.json').change).toBe('PARSE_ERROR switched off for the files matching src/**');
    expect(expectListedEverywhere(run, 'overrides[0].rules.NASA_8_DYNAMIC_CODE', 'connascence.config.json').change).toContain('lowered from high to medium');
    expectListedEverywhere(run, 'failOn', 'connascence.config.json');
    // A rule outside the safety set is not a switch; the effective settings still show it.
    expect(run.json.switches!.map((s) => s.setting)).not.toContain('overrides[0].rules.CON_POSITION');
    expect(run.json.policySettings.overrides[0]!.rules).toMatchObject({ CON_POSITION: { enabled: false }, PARSE_ERROR: { enabled: false }, NASA_8_DYNAMIC_CODE: { enabled: true, severity: 'medium' } });
    expect(run.json.policySettings.rules.SEC_SHELL).toMatchObject({ enabled: true, severity: 'low' });
  });

  it('test and vendored globs covering every file, and generated files skipped, are listed with the files they take', () => {
    for (const [config, setting, words] of [
      [{ tests: ['**'] }, 'tests', '2 of 2 analysed files are tests'],
      [{ vendored: ['**'] }, 'vendored', '2 of 2 analysed files are vendored'],
      [{ vendored: ['**'], generated: 'skip' }, 'generated', 'judged by no rule, the safety rules included'],
    ] as const) {
      const root = makeTree({ 'src/app.py': SHELL, 'lib/util.py': LIB, 'connascence.config.json': JSON.stringify(config) });
      const run = analyseAll(root);
      expect(expectListedEverywhere(run, setting, 'connascence.config.json').change).toContain(words);
    }
    // Globs that mark no more than the defaults do are no switch.
    const plain = analyseAll(makeTree({ 'src/app.py': SHELL, 'test/test_app.py': LIB, 'connascence.config.json': JSON.stringify({ tests: ['test/**'] }) }));
    expect(plain.json.switches).toBeUndefined();
    expect(plain.markdown).not.toContain('Safety switched off');
    expect(plain.sarif.runs[0]!.invocations[0]!.toolConfigurationNotifications).toBeUndefined();
  });

  it('exclude and include globs, from the config or the flags, and a lowered size limit are listed', () => {
    const files = { 'src/app.py': SHELL, 'lib/util.py': LIB };
    const fromConfig = analyseAll(makeTree({ ...files, 'connascence.config.json': JSON.stringify({ exclude: ['src/**'], maxFileSize: 40 }) }));
    expect(fromConfig.json.findings.map((f) => f.ruleId)).not.toContain('SEC_SHELL');
    expect(expectListedEverywhere(fromConfig, 'exclude', 'connascence.config.json').change).toBe('source files matching src/** are not analysed');
    expect(expectListedEverywhere(fromConfig, 'maxFileSize', 'connascence.config.json').change).toContain('larger than 40 bytes');
    const fromFlags = analyseAll(makeTree(files), ['--exclude', 'src/**', '--include', 'lib/**', '--max-file-size', '1000']);
    expectListedEverywhere(fromFlags, 'exclude', '--exclude');
    expectListedEverywhere(fromFlags, 'include', '--include');
    expectListedEverywhere(fromFlags, 'maxFileSize', '--max-file-size');
  });

  it('a run with no such setting lists none, and its JSON still shows the effective settings', () => {
    const run = analyseAll(makeTree({ 'src/app.py': SHELL }));
    expect(run.code).toBe(1);
    expect(run.json.switches).toBeUndefined();
    expect(run.text).not.toContain('weaken');
    expect(run.github).not.toContain('connascence settings');
    expect(run.json.policySettings).toMatchObject({ preset: 'standard', failOn: 'high' });
    expect(run.json.policySettings.config).toBeUndefined();
    expect(Object.keys(run.json.policySettings.rules).sort()).toEqual(ALL_RULES.map((rule) => rule.meta.id).sort());
  });

  it('a config from outside the checkout is named by its absolute path, not as one a pull request controls', () => {
    const outside = mkdtempSync(join(tmpdir(), 'connascence-trusted-'));
    const config = join(outside, 'connascence.config.json');
    writeFileSync(config, JSON.stringify({ rules: { SEC_SECRET: 'off' } }));
    const run = analyseAll(makeTree({ 'src/app.py': SHELL }), ['--config', config]);
    expectListedEverywhere(run, 'rules.SEC_SECRET', config);
    expect(run.json.policySettings).toMatchObject({ config, configInRoot: false });
    expect(run.text).not.toContain('a pull request can change it');
  });

  it('hostile globs are escaped in text, markdown and annotations', () => {
    const glob = 'src/\u001b[31m[x](http:evil.example)|::error::**';
    const run = analyseAll(makeTree({ 'src/app.py': SHELL, 'connascence.config.json': JSON.stringify({ overrides: [{ files: [glob], rules: { SEC_SHELL: 'off' } }] }) }));
    const entry = expectListedEverywhere(run, 'overrides[0].rules.SEC_SHELL', 'connascence.config.json');
    expect(entry.change).toContain(glob);
    expect(run.text).not.toContain('\u001b');
    expect(run.markdown).toContain('\\[x\\](http:evil.example)');
    expect(run.markdown).not.toContain('[x](');
    const quoting = run.github.split('\n').filter((line) => line.includes('evil.example'));
    expect(quoting.length).toBeGreaterThan(0);
    for (const line of quoting) expect(line.startsWith('::warning title=connascence settings::')).toBe(true);
  });

  it('a merge of shards lists the switches of the config and flags the shards ran with', () => {
    const config = { rules: { SEC_SHELL: 'off' }, vendored: ['**'] };
    const root = makeTree({ 'src/app.py': SHELL, 'lib/util.py': LIB, 'lib/more.py': LIB, 'connascence.config.json': JSON.stringify(config) });
    const single = analyseAll(root, ['--no-cache', '--exclude', 'docs/**']);
    const dir = mkdtempSync(join(tmpdir(), 'connascence-switch-shards-'));
    const partials = [1, 2].map((i) => {
      const file = join(dir, `shard-${i}.partial`);
      const result = runCli(['analyze', root, '--no-cache', '--exclude', 'docs/**', '--shard', `${i}/2`, '-f', `partial=${file}`]);
      expect(result.code, result.stderr).toBe(0);
      return file;
    });
    const merged = runCli(['merge', ...partials, '-d', root, '-f', 'json'], { env: { GITHUB_ACTIONS: '' } });
    expect(merged.code, merged.stderr).toBe(0);
    const report = JSON.parse(merged.stdout) as JsonReport;
    expect(report.switches).toEqual(single.json.switches);
    expect(report.switches!.map((entry) => `${entry.setting} ${entry.source}`)).toEqual(['rules.SEC_SHELL connascence.config.json', 'exclude --exclude', 'vendored connascence.config.json']);
    expect(report.policySettings).toEqual(single.json.policySettings);
  });

  it('a replayed report lists the same switches, and the same policy set by a flag instead of the config is listed with its flag', () => {
    const cache = mkdtempSync(join(tmpdir(), 'connascence-switch-cache-'));
    const files = { 'src/app.py': SHELL, 'lib/util.py': LIB, 'connascence.config.json': JSON.stringify({ exclude: ['src/**'] }) };
    const root = makeTree(files);
    // Dated an hour back: old enough for the stamp index (newer files are always read, and nothing is replayed).
    const past = new Date(Date.now() - 3_600_000);
    for (const path of Object.keys(files)) utimesSync(join(root, path), past, past);
    const first = analyseAll(root, ['--cache-dir', cache]);
    const again = analyseAll(root, ['--cache-dir', cache]);
    expect(again.json.metrics.cache?.judgements).toBe('replayed');
    expect(again.json.switches).toEqual(first.json.switches);
    expect(again.text).toBe(first.text);
    rmSync(join(root, 'connascence.config.json'));
    const byFlag = analyseAll(root, ['--cache-dir', cache, '--exclude', 'src/**']);
    expect(byFlag.json.switches).toEqual([{ setting: 'exclude', change: 'source files matching src/** are not analysed', source: '--exclude' }]);
    expectListedEverywhere(byFlag, 'exclude', '--exclude');
  });
});

/**
 * Output stays inert: whatever a report given to `compare` or `--compare-to`, a partial given to
 * `merge`, a baseline or an analysed file holds (rule ids, messages, paths, reasons, severities),
 * nothing the tool prints can start a GitHub workflow command (`::error::` at a line's start,
 * `##[command]` anywhere in a line), paint a terminal, or become a link, an image or HTML in
 * markdown; and a report named by a workflow is never written through a link inside the checkout.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePartial, encodePartial } from '../../src/shard/partial.js';
import { makeTree, runCli } from '../helpers/cli.js';

const ENV = { GITHUB_ACTIONS: '' };

/** A rule id, message and path as a hostile pull request or artifact would write them. */
const RULE = '::error file=x.py,line=1::forged rule ##[add-mask]secret \u001b[31mRED\u202e';
const MESSAGE = [
  '::warning::first\n::error::second line\r##[stop-commands]tok \u0007',
  '<img src=x onerror=alert(1)> <b>bold</b> [link](https://evil.example/a) ![img](https://evil.example/i.png)',
  'https://evil.example/p www.evil.example ops@evil.example | pipe ``` ticks %0A::notice::x *em* _u_',
].join(' ');
const PATH = '::error::path.py\n::notice::p.py';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** No line of `output` is a workflow command (unless `ours` says it is one of the tool's), none holds `##[` or a control character. */
function expectInert(output: string, what: string, ours: (line: string) => boolean = () => false): void {
  for (const line of output.split('\n')) {
    expect(line, `${what}: ${JSON.stringify(line)}`).not.toMatch(CONTROL);
    expect(line, what).not.toContain('##[');
    if (line.trimStart().startsWith('::')) expect(ours(line), `${what}: a forged workflow command: ${line}`).toBe(true);
  }
}

/** Our annotations: `::level file=…,line=N,…,title=…::message`, properties and message escaped (no raw `:` or `,` in a property). */
const annotation = (line: string): boolean => /^::(error|warning|notice) (?:[a-zA-Z]+=[^:,]*,)*[a-zA-Z]+=[^:,]*::/.test(line) || line.startsWith('::notice title=connascence::');

/**
 * The markdown without its code spans (CommonMark: a run of n backticks opens a span that the next
 * run of exactly n closes; an unmatched run is literal text).
 */
function outsideCodeSpans(markdown: string): string {
  let out = '';
  let at = 0;
  while (at < markdown.length) {
    const open = markdown.indexOf('`', at);
    if (open < 0) break;
    let n = open;
    while (markdown[n] === '`') n++;
    const fence = n - open;
    let close = -1;
    for (let i = markdown.indexOf('`', n); i >= 0; i = markdown.indexOf('`', i)) {
      let j = i;
      while (markdown[j] === '`') j++;
      if (j - i === fence) {
        close = i;
        break;
      }
      i = j;
    }
    out += markdown.slice(at, open);
    if (close < 0) {
      out += markdown.slice(open, n);
      at = n;
    } else at = close + fence;
  }
  return out + markdown.slice(at);
}

/** Markdown where nothing from the input can be a link, an image, HTML or a table cell of its own. */
function expectInertMarkdown(markdown: string, what: string): void {
  expectInert(markdown, what);
  const plain = outsideCodeSpans(markdown);
  for (const bad of ['http', 'www.', '@', '<', '](', 'evil', 'onerror', 'forged']) expect(plain, `${what}: ${bad} outside a code span`).not.toContain(bad);
  // Every table row has the cells of its header: no pipe from the input split one.
  const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
  const cellsOf = (row: string): number => row.slice(1, -1).split(/(?<!\\)\|/).length;
  for (let i = 0; i < rows.length; i++) if (!/^\|\s*-/.test(rows[i]!)) expect(cellsOf(rows[i]!), `${what}: ${rows[i]}`).toBeGreaterThan(0);
  const tables = markdown.split('\n\n').filter((block) => block.startsWith('|'));
  for (const table of tables) {
    const [header, ...rest] = table.split('\n').filter((line) => line.startsWith('|'));
    for (const row of rest) expect(cellsOf(row), `${what}: ${row}`).toBe(cellsOf(header!));
  }
}

function report(findings: unknown[]): string {
  return JSON.stringify({ schemaVersion: '1.0.0', summary: { scores: { overall: 90, nasaCompliance: 90, duplication: 90, connascenceIndex: 1 }, files: 1 }, metrics: { durationMs: 10 }, findings });
}

describe('output stays inert', () => {
  it('compare prints a hostile report in every format without a workflow command, a control character or a link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inert-compare-'));
    const hostile = [{ ruleId: RULE, severity: 'critical\u001b[0m', file: PATH, line: 3, message: MESSAGE, fingerprint: 'f1' }];
    writeFileSync(join(dir, 'base.json'), report([{ ...hostile[0], fingerprint: 'gone', file: 'www.evil.example/old.py' }]));
    writeFileSync(join(dir, 'head.json'), report(hostile));
    for (const format of ['text', 'markdown', 'json']) {
      const result = runCli(['compare', join(dir, 'base.json'), join(dir, 'head.json'), '-f', format], { env: ENV });
      expect(result.code, result.stderr).toBe(0);
      expectInert(`${result.stdout}\n${result.stderr}`, `compare ${format}`);
      if (format === 'markdown') expectInertMarkdown(result.stdout, 'compare markdown');
      if (format === 'json') {
        // Escaped for the log, the same text for a reader.
        const parsed = JSON.parse(result.stdout) as { added: Array<{ ruleId: string; message: string; file: string }> };
        expect(parsed.added[0]).toMatchObject({ ruleId: RULE, message: MESSAGE, file: PATH });
      }
      if (format === 'text') expect(result.stdout).toContain('\\u{1b}[31mRED\\u{202e}');
    }
    // The same report as the base of --compare-to: the comparison goes to standard error.
    const root = makeTree({ 'a.py': 'x = 1\n' });
    const run = runCli(['analyze', root, '--compare-to', join(dir, 'head.json'), '--fail-on', 'none', '--no-cache'], { env: ENV });
    expect(run.stderr).toContain('Removed:');
    expectInert(`${run.stdout}\n${run.stderr}`, '--compare-to');
  });

  it('merge prints hostile partials in every format without a forged command, and keeps the exact text in JSON and SARIF', () => {
    const root = makeTree({ 'a.py': 'import os\n\ndef run(cmd):\n    os.system(cmd)\n', 'b.ts': 'export const b = 1;\n' });
    const dir = mkdtempSync(join(tmpdir(), 'inert-merge-'));
    const file = join(dir, 'one.partial');
    const shard = runCli(['analyze', root, '--no-cache', '--shard', '1/1', '-f', `partial=${file}`], { env: ENV });
    expect(shard.code, shard.stderr).toBe(0);
    const partial = decodePartial(readFileSync(file), file);
    partial.findings.push({ ruleId: RULE, severity: 'high', file: PATH, line: 2, column: 1, message: MESSAGE, fingerprint: '0123456789abcdef', related: [{ file: 'www.evil.example/r.py', line: 1, message: MESSAGE }] });
    partial.skipped.push({ path: 'x\n::error::skipped.py', reason: '::warning::reason ##[error]r' as 'binary', detail: MESSAGE });
    writeFileSync(file, encodePartial(partial).join(''));
    for (const format of ['text', 'markdown', 'github', 'json', 'sarif']) {
      const result = runCli(['merge', file, '--directory', root, '-f', format, '--fail-on', 'none'], { env: ENV });
      expect(result.code, `${format}: ${result.stderr}`).toBe(0);
      expectInert(`${result.stdout}\n${result.stderr}`, `merge ${format}`, format === 'github' ? annotation : undefined);
      if (format === 'markdown') expectInertMarkdown(result.stdout, 'merge markdown');
      if (format === 'json') expect((JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; message: string }> }).findings.find((f) => f.ruleId === RULE)?.message).toBe(MESSAGE);
      if (format === 'sarif') {
        const sarif = JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }> }> };
        const text = sarif.runs[0]!.results.find((r) => r.ruleId === RULE)!.message.text;
        // SARIF's embedded links `[text](target)`: literal brackets are escaped, as the format says.
        expect(text).toContain('\\[link\\](https://evil.example/a)');
        expect(text.replace(/\\([[\]\\])/g, '$1')).toBe(MESSAGE);
      }
      if (format === 'github') {
        const forged = result.stdout.split('\n').filter((line) => line.includes('forged rule'));
        expect(forged).toHaveLength(1);
        expect(forged[0]).toMatch(/^::error file=%3A%3Aerror%3A%3Apath.py\\n%3A%3Anotice%3A%3Ap.py,line=2,col=1,title=%3A%3Aerror file=x.py%2Cline=1%3A%3Aforged rule ##\\u\{5b\}add-mask\]secret \\u\{1b\}\[31mRED\\u\{202e\}::/);
      }
    }
  });

  it('prints a hostile baseline (show, and the reports of a run against it) inertly', () => {
    const root = makeTree({ 'a.py': 'import os\n\ndef run(cmd):\n    os.system(cmd)\n' });
    const entries = [{ rule: RULE, path: 'www.evil.example/a.py', fingerprint: '::error::fp', message: MESSAGE }];
    writeFileSync(join(root, 'connascence-baseline.json'), JSON.stringify({ format: 'connascence-baseline', version: 1, entries }));
    const show = runCli(['baseline', 'show', root], { env: ENV });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('\\u{1b}[31mRED');
    expectInert(`${show.stdout}\n${show.stderr}`, 'baseline show');
    for (const format of ['text', 'markdown', 'github']) {
      const result = runCli(['analyze', root, '-f', format, '--fail-on', 'none', '--no-cache'], { env: ENV });
      expect(result.code, result.stderr).toBe(0);
      expectInert(`${result.stdout}\n${result.stderr}`, `baseline ${format}`, format === 'github' ? annotation : undefined);
      if (format === 'markdown') expectInertMarkdown(result.stdout, 'baseline markdown');
    }
  });

  it('prints what an analysed file holds (names, literals in messages) inertly in every format', () => {
    const root = makeTree({
      'www.evil.example/ops@evil.example.py': 'import os\n\ndef run(cmd):\n    os.system(cmd)\n',
      'lit.py': `def f(x):\n    if x == "https://evil.example/<img src=x>[a](b)##[error]e":\n        return 1\n    if x == "https://evil.example/<img src=x>[a](b)##[error]e":\n        return 2\n    if x == "https://evil.example/<img src=x>[a](b)##[error]e":\n        return 3\n    return 0\n`,
    });
    writeFileSync(join(root, '::error::evil\n##[warning]x.py'), 'import os\n\ndef g(c):\n    os.system(c)\n');
    for (const format of ['text', 'markdown', 'github']) {
      const result = runCli(['analyze', root, '-f', format, '--fail-on', 'none', '--no-cache', '--policy', 'strict'], { env: ENV });
      expect(result.code, result.stderr).toBe(0);
      expectInert(`${result.stdout}\n${result.stderr}`, `files ${format}`, format === 'github' ? annotation : undefined);
      if (format === 'markdown') {
        expect(result.stdout).toContain('evil.example');
        expectInertMarkdown(result.stdout, 'files markdown');
      }
    }
  });
});

describe('reports are not written through a link the checkout committed', () => {
  /** A checkout with `reports` or `reports/x.sarif` planted as a link out of it. */
  function checkout(link: 'folder' | 'file'): { root: string; elsewhere: string; victim: string } {
    const root = makeTree({ 'a.py': 'import os\n\ndef run(cmd):\n    os.system(cmd)\n' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'inert-elsewhere-'));
    const victim = join(elsewhere, 'victim.txt');
    writeFileSync(victim, 'keep me');
    if (link === 'folder') symlinkSync(elsewhere, join(root, 'reports'));
    else {
      mkdirSync(join(root, 'reports'));
      symlinkSync(victim, join(root, 'reports', 'x.sarif'));
    }
    return { root, elsewhere, victim };
  }

  it('refuses (exit 3) every way a workflow names a report path through a link inside the checkout', () => {
    for (const link of ['folder', 'file'] as const) {
      const { root, elsewhere, victim } = checkout(link);
      const dir = mkdtempSync(join(tmpdir(), 'inert-partials-'));
      const partial = join(dir, 'one.partial');
      expect(runCli(['analyze', '.', '--no-cache', '--shard', '1/1', '-f', `partial=${partial}`], { cwd: root, env: ENV }).code).toBe(0);
      writeFileSync(join(dir, 'r.json'), report([]));
      const commands: Array<[string, string[]]> = [
        ['-f FORMAT=FILE', ['analyze', '.', '--no-cache', '-f', 'sarif=reports/x.sarif']],
        ['--output', ['analyze', '.', '--no-cache', '-f', 'sarif', '--output', 'reports/x.sarif']],
        ['a root below', ['analyze', root, '--no-cache', '-f', `json=${join(root, 'reports', 'x.sarif')}`]],
        ['--shard', ['analyze', '.', '--no-cache', '--shard', '1/1', '-f', 'partial=reports/x.sarif']],
        ['merge', ['merge', partial, '-f', 'sarif=reports/x.sarif']],
        ['compare', ['compare', join(dir, 'r.json'), join(dir, 'r.json'), '-o', 'reports/x.sarif']],
        ['baseline', ['baseline', 'create', '.', '--no-cache', '--force', '--baseline', 'reports/x.sarif']],
      ];
      for (const [how, args] of commands) {
        const result = runCli(args, { cwd: root, env: ENV });
        expect(result.code, `${link} ${how}: ${result.stderr}`).toBe(3);
        expect(result.stderr, `${link} ${how}`).toMatch(/is a symbolic link inside .*nothing is written through it/);
        expect(readFileSync(victim, 'utf8'), `${link} ${how}`).toBe('keep me');
        expect(readdirSync(elsewhere), `${link} ${how}`).toEqual(['victim.txt']);
      }
    }
  });

  it('writes where no link is in the way: new folders are created, and a link outside the checkout is the operator\'s', () => {
    const root = makeTree({ 'a.py': 'x = 1\n' });
    expect(runCli(['analyze', '.', '--no-cache', '-f', 'sarif=reports/deep/x.sarif'], { cwd: root, env: ENV }).code).toBe(0);
    expect(existsSync(join(root, 'reports', 'deep', 'x.sarif'))).toBe(true);
    // Outside the working directory and the analysed one: a link the operator made is followed.
    const outside = mkdtempSync(join(tmpdir(), 'inert-operator-'));
    const target = mkdtempSync(join(tmpdir(), 'inert-target-'));
    symlinkSync(target, join(outside, 'out'));
    const result = runCli(['analyze', root, '--no-cache', '-f', `sarif=${join(outside, 'out', 'x.sarif')}`], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(target)).toEqual(['x.sarif']);
  });
});

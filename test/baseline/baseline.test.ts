/**
 * Baselines end to end (README "Adopting on an existing codebase"): the real CLI on real files, git
 * for renames and merges. Each edit that does not change a finding keeps it unchanged; each edit of
 * the offending code makes it new.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

const TREE: Record<string, string> = {
  "src/orders.ts": "import { price } from './pricing';\n\nexport function place(id: string, qty: number, unit: number, tax: number, note: string): number {\n  return price(qty, unit) * tax + id.length + note.length;\n}\n\nexport function total(items: number[]): number {\n  let sum = 0;\n  for (const item of items) {\n    if (item > 0) sum += item;\n    else sum -= item;\n  }\n  const scaled = sum * 1.0725;\n  return scaled;\n}\n",
  "src/pricing.ts": "import { place } from './orders';\n\nexport function price(qty: number, unit: number): number {\n  return qty * unit + (place.length > 0 ? 0 : 1);\n}\n\nexport function grade(score: number): string {\n  if (score > 90) return 'a';\n  if (score > 80) return 'b';\n  if (score > 70) return 'c';\n  if (score > 60) return 'd';\n  if (score > 50) return 'e';\n  if (score > 40) return 'f';\n  if (score > 30) return 'g';\n  if (score > 20) return 'h';\n  if (score > 10) return 'i';\n  return 'j';\n}\n",
  "src/report.ts": "export function summarise(rows: string[]): string {\n  const seen = new Set<string>();\n  const out: string[] = [];\n  for (const row of rows) {\n    if (seen.has(row)) continue;\n    seen.add(row);\n    out.push(row.trim().toUpperCase());\n  }\n  return out.join(', ');\n}\n",
  "src/legacy.ts": "export function condense(rows: string[]): string {\n  const seen = new Set<string>();\n  const out: string[] = [];\n  for (const row of rows) {\n    if (seen.has(row)) continue;\n    seen.add(row);\n    out.push(row.trim().toUpperCase());\n  }\n  return out.join(', ');\n}\n",
};

interface Report {
  gate: { passed: boolean };
  findings: Array<{ ruleId: string; file: string; message: string; baselineState?: string }>;
  baseline?: { file: string; new: number; unchanged: number; absent: Array<{ rule: string; path: string }> };
}

function git(root: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function repo(files: Record<string, string> = TREE): string {
  const root = makeTree(files);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'start');
  return root;
}

function analyse(root: string, ...extra: string[]): Report {
  const result = runCli(['analyze', root, '--format', 'json', '--no-cache', '--fail-on', 'none', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

function create(root: string, ...extra: string[]): void {
  const result = runCli(['baseline', 'create', root, '--no-cache', ...extra]);
  expect(result.code, result.stderr).toBe(0);
}

const edit = (root: string, path: string, change: (text: string) => string): void => writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));
const counts = (report: Report): [number, number, number] => [report.baseline!.new, report.baseline!.unchanged, report.baseline!.absent.length];
const newOnes = (report: Report): string[] => report.findings.filter((f) => f.baselineState === 'new').map((f) => `${f.ruleId} ${f.file}`);

describe('baseline file', () => {
  it('holds one sorted entry per finding and line, no line numbers, paths relative to its folder', () => {
    const root = repo();
    create(root);
    const text = readFileSync(join(root, 'connascence-baseline.json'), 'utf8');
    const lines = text.split('\n');
    const entryLines = lines.filter((line) => line.trimStart().startsWith('{"rule"'));
    expect(entryLines).toHaveLength(15);
    const entries = entryLines.map((line) => JSON.parse(line.replace(/,$/, '')) as Record<string, string>);
    expect(entries.map((e) => Object.keys(e))).toEqual(entries.map(() => ['rule', 'path', 'fingerprint', 'message']));
    const keys = entries.map((e) => `${e.path}\u0000${e.rule}\u0000${e.fingerprint}`);
    expect(keys).toEqual([...keys].sort());
    expect(text).not.toMatch(/"line"/);
    expect(JSON.parse(text)).toMatchObject({ format: 'connascence-baseline', version: 2 });
    // One line per file with entries: its content's sha256 (the evidence of a move without git).
    const fileLines = lines.filter((line) => line.trimStart().startsWith('{"path"')).map((line) => JSON.parse(line.replace(/,$/, '')) as { path: string; sha256: string });
    expect(fileLines.map((f) => f.path)).toEqual([...new Set(entries.map((e) => e.path))].sort());
    expect(fileLines.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);

    // Elsewhere with --baseline: paths relative to that file, and it works from any directory.
    mkdirSync(join(root, 'ci'));
    create(root, '--baseline', join(root, 'ci/base.json'));
    expect(readFileSync(join(root, 'ci/base.json'), 'utf8')).toContain('"path":"../src/orders.ts"');
    const fromElsewhere = runCli(['analyze', 'src/..', '--format', 'json', '--no-cache', '--baseline', 'ci/base.json'], { cwd: root });
    expect(counts(JSON.parse(fromElsewhere.stdout) as Report)).toEqual([0, 15, 0]);
  });

  it('is used from the root by itself, gates on new findings only, and --no-baseline turns it off', () => {
    const root = repo();
    create(root);
    expect(runCli(['analyze', root, '--no-cache', '--fail-on', 'low']).code).toBe(0);
    expect(runCli(['analyze', root, '--no-cache', '--fail-on', 'low', '--no-baseline']).code).toBe(1);
    edit(root, 'src/report.ts', (text) => `${text}\nexport function later(a: number, b: number, c: number, d: number): number {\n  return a + b + c + d;\n}\n`);
    const result = runCli(['analyze', root, '--no-cache', '--fail-on', 'medium']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Gate: failed (fail on medium: 1 finding at or above medium)');
    expect(result.stdout).toContain('Baseline connascence-baseline.json: 1 new, 15 unchanged (not listed), 0 absent (fixed)');
    // Only the new finding is listed.
    expect(result.stdout).toContain('later takes 4 positional parameters');
    expect(result.stdout).not.toContain('Magic number');
  });
});

describe('fingerprints a baseline matches', () => {
  it.each([
    ['lines inserted above', (root: string) => edit(root, 'src/pricing.ts', (t) => `// header\n\n\n${t}`)],
    ['whitespace and comments', (root: string) => edit(root, 'src/orders.ts', (t) => t.replaceAll('  ', '    ').replace('let sum = 0;', 'let sum = 0; // running total\n  /* note */'))],
    ['a function moved within its file', (root: string) => edit(root, 'src/pricing.ts', (t) => { const at = t.indexOf('export function grade'); return `${t.slice(0, t.indexOf('export function price'))}${t.slice(at)}\n${t.slice(t.indexOf('export function price'), at)}`; })],
    ['a file renamed with git mv, its importers updated (cycle and its own findings)', (root: string) => {
      mkdirSync(join(root, 'src/money'));
      git(root, 'mv', 'src/pricing.ts', 'src/money/pricing.ts');
      edit(root, 'src/money/pricing.ts', (t) => t.replace("'./orders'", "'../orders'"));
      edit(root, 'src/orders.ts', (t) => t.replace("'./pricing'", "'./money/pricing'"));
    }],
    ['a file renamed that a clone and an algorithm copy name', (root: string) => {
      mkdirSync(join(root, 'src/text'));
      git(root, 'mv', 'src/report.ts', 'src/text/summary.ts');
    }],
  ])('keeps every finding unchanged after %s', (_name, change) => {
    const root = repo();
    create(root);
    change(root);
    const report = analyse(root);
    expect(newOnes(report)).toEqual([]);
    expect(counts(report)).toEqual([0, 15, 0]);
  });

  it.each([
    ['a new parameter', 'CON_POSITION src/orders.ts', (root: string) => edit(root, 'src/orders.ts', (t) => t.replace('note: string)', 'note: string, extra: number)'))],
    ['a branch that crosses the threshold', 'COMPLEXITY src/pricing.ts', (root: string) => edit(root, 'src/pricing.ts', (t) => t.replace("  return 'j';", "  if (score > 5) return 'k';\n  return 'j';"))],
    ['a new literal', 'CON_MEANING src/orders.ts', (root: string) => edit(root, 'src/orders.ts', (t) => t.replace('return scaled;', 'return scaled + 0.3345;'))],
  ])('makes the finding new after %s', (_name, expected, change) => {
    const root = repo();
    create(root);
    change(root);
    const report = analyse(root);
    // Another parameter count is another finding: the old one is gone (absent) and this one is new.
    expect(newOnes(report).filter((f) => !f.startsWith('CON_MEANING src/pricing.ts'))).toEqual([expected]);
  });
});

describe('baseline commands', () => {
  it('update only shrinks unless --add-new, prune drops deleted files, and a subset run reports nothing else as fixed', () => {
    const root = repo({ ...TREE, 'tools/run.py': 'def run(a, b, c, d):\n    return a + b + c + d\n' });
    create(root);
    // Fix one magic number, add a new one.
    edit(root, 'src/orders.ts', (t) => t.replace('sum * 1.0725', 'sum').replace('return scaled;', 'return scaled + 0.3345;'));
    const before = analyse(root);
    expect(counts(before)).toEqual([1, 15, 1]);
    expect(before.baseline!.absent).toEqual([expect.objectContaining({ rule: 'CON_MEANING', path: 'src/orders.ts' })]);
    // Runs over part of the tree: the entries of the other files are not absent.
    expect(counts(analyse(root, '--include', 'src/orders.ts', '--include', 'src/pricing.ts'))).toEqual([1, 11, 1]);
    expect(counts(analyse(join(root, 'src'), '--baseline', join(root, 'connascence-baseline.json')))).toEqual([1, 14, 1]);

    const update = runCli(['baseline', 'update', root, '--no-cache', '--json']);
    expect(update.code, update.stderr).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject({ entries: 15, added: 0, removed: 1, notAdded: 1 });
    expect(counts(analyse(root))).toEqual([1, 15, 0]);
    expect(JSON.parse(runCli(['baseline', 'update', root, '--no-cache', '--add-new', '--json']).stdout)).toMatchObject({ entries: 16, added: 1, removed: 0 });
    expect(counts(analyse(root))).toEqual([0, 16, 0]);
    // update over a subdirectory keeps the entries of the rest.
    expect(JSON.parse(runCli(['baseline', 'update', join(root, 'src'), '--no-cache', '--baseline', join(root, 'connascence-baseline.json'), '--json']).stdout)).toMatchObject({ entries: 16, removed: 0 });

    rmSync(join(root, 'src/legacy.ts'));
    expect(JSON.parse(runCli(['baseline', 'prune', root, '--json']).stdout)).toMatchObject({ removed: 1, entries: 15 });
    const show = JSON.parse(runCli(['baseline', 'show', root, '--json']).stdout) as { entries: number; byRule: Record<string, number> };
    expect(show.entries).toBe(15);
    expect(show.byRule.CON_MEANING).toBe(10);
  });

  it('merges two branches that each accepted findings in other files without a conflict', () => {
    const root = repo();
    create(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'baseline');
    const accept = (branch: string, path: string, code: string): void => {
      git(root, 'checkout', '-qb', branch, 'main');
      edit(root, path, (t) => `${t}${code}`);
      expect(runCli(['baseline', 'update', root, '--no-cache', '--add-new']).code).toBe(0);
      git(root, 'commit', '-qam', branch);
    };
    accept('one', 'src/legacy.ts', '\nexport const rate = (x: number): number => x * 3.75;\n');
    accept('two', 'src/pricing.ts', '\nexport const fee = (x: number): number => x * 0.0425;\n');
    git(root, 'checkout', '-q', 'main');
    git(root, 'merge', '-q', 'one');
    git(root, 'merge', '-q', '--no-edit', 'two'); // throws on a conflict
    expect(counts(analyse(root))).toEqual([0, 17, 0]);
  });

  it('refuses a bad baseline with exit 2 naming what is wrong, and one the config leads out of the root', () => {
    const root = repo();
    const cases: Array<[string, RegExp]> = [
      ['{', /is not valid JSON/],
      ['{"format":"connascence-baseline","version":9,"entries":[]}', /\/version is 9, newer than/],
      ['{"format":"connascence-baseline","version":1,"entries":[{"rule":1,"path":"a.ts","fingerprint":"f","message":""}]}', /\/entries\/0\/rule must be a string/],
      ['{"format":"connascence-baseline","version":1,"entries":[{"rule":"X","path":"/etc/passwd","fingerprint":"f","message":""}]}', /\/entries\/0\/path must be a relative path/],
      ['[]', /\/ must be an object/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(root, 'connascence-baseline.json'), text);
      const result = runCli(['analyze', root, '--no-cache']);
      expect(result.code, text).toBe(2);
      expect(result.stderr, text).toMatch(message);
    }
    rmSync(join(root, 'connascence-baseline.json'));
    const outside = makeTree({ 'b.json': '{"format":"connascence-baseline","version":1,"entries":[]}' });
    writeFileSync(join(root, 'connascence.config.json'), JSON.stringify({ baseline: join('..', dirname(join(outside, 'b.json')).split('/').pop()!, 'b.json') }));
    const viaConfig = runCli(['analyze', root, '--no-cache']);
    expect(viaConfig.code).toBe(2);
    expect(viaConfig.stderr).toContain('outside the analysed directory');
    rmSync(join(root, 'connascence.config.json'));
    symlinkSync(join(outside, 'b.json'), join(root, 'connascence-baseline.json'));
    expect(runCli(['analyze', root, '--no-cache']).stderr).toContain('outside the analysed directory');
    // Given on the command line, the same file is the user's choice.
    renameSync(join(root, 'connascence-baseline.json'), join(root, 'link.json'));
    expect(runCli(['analyze', root, '--no-cache', '--baseline', join(root, 'link.json')]).code).toBe(0);
  });
});

describe('baseline in the reports', () => {
  it('shows the three counts in text, markdown and JSON, baselineState in SARIF, and replays a stored report only for the same baseline', () => {
    const root = repo();
    create(root);
    edit(root, 'src/orders.ts', (t) => t.replace('sum * 1.0725', 'sum').replace('return scaled;', 'return scaled + 0.3345;'));
    const markdown = runCli(['analyze', root, '--no-cache', '--format', 'markdown']).stdout;
    expect(markdown).toContain('Baseline ` connascence-baseline.json `: 1 new, 14 unchanged (not listed), 1 absent (fixed)');
    const sarif = JSON.parse(runCli(['analyze', root, '--no-cache', '--format', 'sarif']).stdout) as { runs: Array<{ results: Array<{ baselineState?: string }> }> };
    const states = sarif.runs[0]!.results.map((r) => r.baselineState);
    expect(states.filter((s) => s === 'new')).toHaveLength(1);
    expect(states.filter((s) => s === 'unchanged')).toHaveLength(14);
    const github = runCli(['analyze', root, '--no-cache', '--format', 'github']).stdout;
    expect(github.split('\n').filter((line) => line.startsWith('::'))).toHaveLength(1);
    expect(github).toContain('15 findings (1 new, 14 in the baseline, 1 fixed)');

    // With the cache, a stored report is replayed only for the same baseline bytes.
    const cached = (): Report => JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']).stdout) as Report;
    expect(counts(cached())).toEqual([1, 14, 1]);
    const replayed = cached();
    expect(counts(replayed)).toEqual([1, 14, 1]);
    // States added to stored lines (a cached run) read the same as a run that wrote every finding.
    expect(replayed.findings).toEqual(analyse(root).findings);
    expect(replayed.findings.every((f) => f.baselineState === 'new' || f.baselineState === 'unchanged')).toBe(true);
    expect(runCli(['baseline', 'update', root, '--add-new']).code).toBe(0);
    expect(counts(cached())).toEqual([0, 15, 0]);
  });
});

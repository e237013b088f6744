/**
 * A baseline accepts only what it names (issue 30, item 3; README "How a baseline matches"), over
 * the class of ways a pull request could make an entry stand for another finding: a deleted file
 * whose entries would match elsewhere, a second call of a safety sink in the same file, and a
 * hand-written entry for a path that never existed. And the other side: a genuine move (git rename,
 * committed or not; the same content without git) still carries medium and low findings, never
 * critical or high ones. The real CLI, real files, real git.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

interface Entry {
  rule: string;
  path: string;
  fingerprint: string;
  message: string;
}

interface Report {
  gate: { passed: boolean };
  findings: Array<{ ruleId: string; severity: string; file: string; line: number; message: string; baselineState?: string }>;
  baseline: { new: number; unchanged: number; absent: Entry[]; stale: Entry[] };
}

const HANDLER_PY = [
  'import os',
  'import pickle',
  '',
  '',
  'def handle(request):',
  '    os.system("convert " + request.args["file"])',
  '',
  '',
  'def restore(request):',
  '    return pickle.loads(request.data)',
  '',
  '',
  'def evaluate(request):',
  '    return eval(request.args["expr"])',
  '',
  '',
  'def place(order_id, qty, unit, tax, note):',
  '    return qty * unit * tax + len(order_id) + len(note)',
  '',
].join('\n');

const HANDLER_TS = [
  "import { exec } from 'node:child_process';",
  '',
  'export function handle(query: { file: string }): void {',
  '  exec(`convert ${query.file} out.png`);',
  '}',
  '',
  'export function place(id: string, qty: number, unit: number, tax: number, note: string): number {',
  '  return qty * unit * tax + id.length + note.length;',
  '}',
  '',
].join('\n');

function git(root: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A tree with a baseline of all its findings, committed with it when `withGit`. */
function baselined(files: Record<string, string>, withGit = true): string {
  const root = makeTree(files);
  if (withGit) {
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'start');
  }
  const created = runCli(['baseline', 'create', root, '--no-cache']);
  expect(created.code, created.stderr).toBe(0);
  if (withGit) {
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'baseline');
  }
  return root;
}

function analyse(root: string, ...extra: string[]): Report {
  const result = runCli(['analyze', root, '--format', 'json', '--no-cache', '--fail-on', 'none', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const states = (report: Report): string[] => report.findings.map((f) => `${f.baselineState} ${f.ruleId} ${f.file}`).sort();
const newOnes = (report: Report): string[] => report.findings.filter((f) => f.baselineState === 'new').map((f) => `${f.ruleId} ${f.file}`).sort();
const stalePaths = (report: Report): string[] => [...new Set(report.baseline.stale.map((e) => `${e.rule} ${e.path}`))].sort();
const entriesOf = (root: string): Entry[] => (JSON.parse(readFileSync(join(root, 'connascence-baseline.json'), 'utf8')) as { entries: Entry[] }).entries;
const writeBaseline = (root: string, entries: Entry[]): void =>
  writeFileSync(join(root, 'connascence-baseline.json'), JSON.stringify({ format: 'connascence-baseline', version: 2, files: [], entries }));

describe('a deleted file lends its entries to no other file', () => {
  it.each([
    ['with the same content elsewhere (a copy, even staged as a rename)', (root: string) => {
      writeFileSync(join(root, 'app/other.py'), readFileSync(join(root, 'app/handler.py')));
      git(root, 'rm', '-q', 'app/handler.py');
      git(root, 'add', '-A');
    }],
    ['with other content elsewhere (no evidence of a move)', (root: string) => {
      rmSync(join(root, 'app/handler.py'));
      writeFileSync(join(root, 'app/other.py'), `# another module\n${HANDLER_PY.replace('qty * unit * tax', 'qty * unit + tax')}`);
    }],
  ])('%s: every critical and high finding there is new, the entries left are stale', (name, change) => {
    const root = baselined({ 'app/handler.py': HANDLER_PY });
    change(root);
    const report = analyse(root);
    expect(newOnes(report).filter((f) => !f.startsWith('CON_POSITION'))).toEqual(['NASA_8_DYNAMIC_CODE app/other.py', 'SEC_DESERIALIZE app/other.py', 'SEC_SHELL app/other.py']);
    expect(stalePaths(report)).toEqual(expect.arrayContaining(['NASA_8_DYNAMIC_CODE app/handler.py', 'SEC_DESERIALIZE app/handler.py', 'SEC_SHELL app/handler.py']));
    // The medium finding moves only on evidence: the same content (or a rename git reports).
    const position = report.findings.find((f) => f.ruleId === 'CON_POSITION')!;
    expect(position.baselineState).toBe(name.startsWith('with the same content') ? 'unchanged' : 'new');
    // The default gate fails: nothing critical came in through the deleted file's entries.
    const gate = runCli(['analyze', root, '--no-cache']);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/stale \(no such file: app\/handler\.py\)/);
  });
});

describe('safety fingerprints name the function and what is run', () => {
  // Each change replaces or adds a sink; `marker` is text on the line of the finding that must be new.
  const cases: Array<[string, string, string, (text: string) => string, string, string]> = [
    ['os.system moved to another function', 'app/handler.py', HANDLER_PY, (t) => `${t.replace('    os.system("convert " + request.args["file"])', '    pass')}\n\ndef purge(request):\n    os.system("rm -rf " + request.args["dir"])\n`, 'SEC_SHELL', 'rm -rf'],
    ['os.system of other data in the same function', 'app/handler.py', HANDLER_PY, (t) => t.replace('os.system("convert " + request.args["file"])', 'os.system("rm " + request.args["target"])'), 'SEC_SHELL', '"rm "'],
    ['a second os.system added above the accepted one', 'app/handler.py', HANDLER_PY, (t) => t.replace('def handle(request):', 'def early(request):\n    os.system(request.args["cmd"])\n\n\ndef handle(request):'), 'SEC_SHELL', 'request.args["cmd"]'],
    ['pickle.loads moved to another function', 'app/handler.py', HANDLER_PY, (t) => `${t.replace('    return pickle.loads(request.data)', '    return None')}\n\ndef restore_session(request):\n    return pickle.loads(request.cookies["session"])\n`, 'SEC_DESERIALIZE', 'cookies'],
    ['eval of other data in the same function', 'app/handler.py', HANDLER_PY, (t) => t.replace('return eval(request.args["expr"])', 'return eval(request.body)'), 'NASA_8_DYNAMIC_CODE', 'request.body'],
    ['exec moved to another function (TypeScript)', 'src/handler.ts', HANDLER_TS, (t) => `${t.replace('  exec(`convert ${query.file} out.png`);', '  void query;')}\nexport function purge(query: { dir: string }): void {\n  exec(\`rm -rf \${query.dir}\`);\n}\n`, 'SEC_SHELL', 'rm -rf'],
    ['a secret of the same name moved to another function', 'src/handler.ts', `${HANDLER_TS}\nexport function connect(): string {\n  const apiToken = 'f3a9c2d17be04e55';\n  return apiToken;\n}\n`, (t) => `${t.replace("  const apiToken = 'f3a9c2d17be04e55';\n  return apiToken;", "  return '';")}\nexport function reconnect(): string {\n  const apiToken = 'a81f0c99d2e34b17';\n  return apiToken;\n}\n`, 'SEC_SECRET', 'a81f0c99d2e34b17'],
  ];
  it.each(cases)('%s is a new finding, and the accepted one is not', (_name, path, text, change, rule, marker) => {
    const root = baselined({ [path]: text });
    expect(newOnes(analyse(root))).toEqual([]);
    const changed = change(readFileSync(join(root, path), 'utf8'));
    writeFileSync(join(root, path), changed);
    const line = changed.split('\n').findIndex((l) => l.includes(marker)) + 1;
    expect(line).toBeGreaterThan(0);
    const report = analyse(root);
    expect(report.findings.filter((f) => f.baselineState === 'new').map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([`${rule} ${path}:${line}`]);
  });

  it('keeps a safety finding unchanged when only lines, whitespace and comments around it change', () => {
    const root = baselined({ 'app/handler.py': HANDLER_PY, 'src/handler.ts': HANDLER_TS });
    writeFileSync(join(root, 'app/handler.py'), `# header\n\n${HANDLER_PY.replace('os.system("convert " + request.args["file"])', 'os.system(  # the converter\n        "convert "  +  request.args["file"]\n    )')}`);
    writeFileSync(join(root, 'src/handler.ts'), `// header\n\n${HANDLER_TS.replace('exec(`convert ${query.file} out.png`);', 'exec(\n    /* the converter */ `convert ${query.file} out.png`,\n  );')}`);
    const report = analyse(root);
    expect(newOnes(report)).toEqual([]);
    expect(report.baseline.absent).toEqual([]);
  });
});

describe('an entry for a path that does not exist is stale, never a wildcard', () => {
  it('matches no finding elsewhere, is listed as stale in text and JSON, and update and prune drop it', () => {
    const root = baselined({ 'app/handler.py': HANDLER_PY });
    const real = entriesOf(root);
    // Hand-written: the real entries moved to a path that never existed, plus a copy there of each.
    const forged = real.map((entry) => ({ ...entry, path: 'never/there.py' }));
    writeBaseline(root, forged);
    const report = analyse(root);
    expect(newOnes(report)).toEqual(['CON_POSITION app/handler.py', 'NASA_8_DYNAMIC_CODE app/handler.py', 'SEC_DESERIALIZE app/handler.py', 'SEC_SHELL app/handler.py']);
    expect(report.baseline.stale).toHaveLength(forged.length);
    expect(report.baseline.absent).toEqual([]);
    const text = runCli(['analyze', root, '--no-cache']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`0 absent (fixed), ${forged.length} stale (no such file: never/there.py)`);
    expect(runCli(['analyze', root, '--no-cache', '--format', 'markdown']).stdout).toContain(`${forged.length} stale (no such file: \` never/there.py \`)`);

    // A file on that path later is a new file: the stale entries never matched anything exactly.
    writeBaseline(root, [...real, ...forged]);
    const update = runCli(['baseline', 'update', root, '--no-cache', '--json']);
    expect(update.code, update.stderr).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject({ entries: real.length, removed: forged.length, stale: forged.length });
    expect(entriesOf(root).map((e) => e.path)).toEqual(real.map(() => 'app/handler.py'));
    writeBaseline(root, [...real, ...forged]);
    expect(JSON.parse(runCli(['baseline', 'prune', root, '--json']).stdout)).toMatchObject({ entries: real.length, removed: forged.length, stale: forged.length });
  });
});

describe('a genuine move keeps medium and low findings, never critical or high ones', () => {
  const moved = (report: Report): { kept: string[]; renewed: string[] } => ({
    kept: report.findings.filter((f) => f.baselineState === 'unchanged').map((f) => f.ruleId).sort(),
    renewed: report.findings.filter((f) => f.baselineState === 'new').map((f) => `${f.severity} ${f.ruleId}`).sort(),
  });
  const SAFETY_NEW = ['critical SEC_DESERIALIZE', 'critical SEC_SHELL', 'high NASA_8_DYNAMIC_CODE'];

  it.each([
    ['git mv, committed', true, (root: string) => {
      mkdirSync(join(root, 'web'));
      git(root, 'mv', 'app/handler.py', 'web/handler.py');
      git(root, 'commit', '-qm', 'move');
    }],
    ['git mv, not committed', true, (root: string) => {
      mkdirSync(join(root, 'web'));
      git(root, 'mv', 'app/handler.py', 'web/handler.py');
    }],
    ['git mv with an edit, committed (git still pairs them)', true, (root: string) => {
      mkdirSync(join(root, 'web'));
      git(root, 'mv', 'app/handler.py', 'web/handler.py');
      writeFileSync(join(root, 'web/handler.py'), `"""Request handlers."""\n${readFileSync(join(root, 'web/handler.py'), 'utf8')}`);
      git(root, 'commit', '-qam', 'move and edit');
    }],
    ['a plain move without git, same content', false, (root: string) => {
      mkdirSync(join(root, 'web'));
      renameSync(join(root, 'app/handler.py'), join(root, 'web/handler.py'));
    }],
  ])('%s', (_name, withGit, change) => {
    const root = baselined({ 'app/handler.py': HANDLER_PY, 'app/other.py': 'def other(a, b, c, d):\n    return a + b + c + d\n' }, withGit);
    change(root);
    const report = analyse(root);
    expect(moved(report)).toEqual({ kept: ['CON_POSITION', 'CON_POSITION'], renewed: SAFETY_NEW });
    // The critical and high entries of the old path match nothing: stale.
    expect(stalePaths(report)).toEqual(['NASA_8_DYNAMIC_CODE app/handler.py', 'SEC_DESERIALIZE app/handler.py', 'SEC_SHELL app/handler.py']);
    // update carries the moved entries to the new path and drops the stale ones; --add-new accepts the rest after review.
    const update = runCli(['baseline', 'update', root, '--no-cache', '--json']);
    expect(JSON.parse(update.stdout)).toMatchObject({ removed: 3, stale: 3, notAdded: 3 });
    expect(entriesOf(root).filter((e) => e.path === 'web/handler.py').map((e) => e.rule)).toEqual(['CON_POSITION']);
  });

  it('an edited file moved without git has no evidence: its findings are new, its entries stale', () => {
    const root = baselined({ 'app/handler.py': HANDLER_PY }, false);
    mkdirSync(join(root, 'web'));
    writeFileSync(join(root, 'web/handler.py'), `"""Request handlers."""\n${HANDLER_PY}`);
    rmSync(join(root, 'app/handler.py'));
    const report = analyse(root);
    expect(states(report).every((state) => state.startsWith('new '))).toBe(true);
    expect(report.baseline.stale.map((e) => e.rule).sort()).toEqual(['CON_POSITION', 'NASA_8_DYNAMIC_CODE', 'SEC_DESERIALIZE', 'SEC_SHELL']);
  });

  it('reads a version 1 baseline (no recorded content): a move then needs git', () => {
    const root = baselined({ 'app/handler.py': HANDLER_PY }, false);
    writeFileSync(join(root, 'connascence-baseline.json'), JSON.stringify({ format: 'connascence-baseline', version: 1, entries: entriesOf(root) }));
    expect(newOnes(analyse(root))).toEqual([]);
    mkdirSync(join(root, 'web'));
    renameSync(join(root, 'app/handler.py'), join(root, 'web/handler.py'));
    expect(newOnes(analyse(root))).toEqual(['CON_POSITION web/handler.py', 'NASA_8_DYNAMIC_CODE web/handler.py', 'SEC_DESERIALIZE web/handler.py', 'SEC_SHELL web/handler.py']);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeTree, runCli } from '../helpers/cli.js';

const GOOD_TS = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

function json(stdout: string): { findings: Array<{ ruleId: string; file: string; line: number }>; skipped: Array<{ path: string; reason: string }>; summary: { files: number } } {
  return JSON.parse(stdout);
}

describe('analyze on bad input', () => {
  it('reports one PARSE_ERROR for a file with a syntax error and analyses the others', () => {
    const root = makeTree({ 'good.ts': GOOD_TS, 'broken.ts': 'export function f( {\n  return 1;\n', 'broken.py': 'def f(:\n    pass\n' });
    const result = runCli(['analyze', root, '--format', 'json']);
    const report = json(result.stdout);
    const parseErrors = report.findings.filter((f) => f.ruleId === 'PARSE_ERROR');
    expect(parseErrors.map((f) => f.file).sort()).toEqual(['broken.py', 'broken.ts']);
    expect(report.summary.files).toBe(3);
    expect(result.code).toBe(1); // PARSE_ERROR is high: the default gate fails
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('reports a file nested deeper than the parsers can recurse as PARSE_ERROR instead of crashing the run', () => {
    // 20,000 nested brackets overflowed the parser's native stack: the whole process died with SIGSEGV.
    const deep = `export const data = ${'['.repeat(20_000)}${']'.repeat(20_000)};\n`;
    const ternaries = `export const pick = ${'a ? '.repeat(20_000)}1${' : 2'.repeat(20_000)};\n`;
    const root = makeTree({ 'good.ts': GOOD_TS, 'deep.js': deep, 'ternaries.ts': ternaries });
    const result = runCli(['analyze', root, '--format', 'json', '--no-cache']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; file: string; message: string }>; summary: { files: number } };
    const parseErrors = report.findings.filter((f) => f.ruleId === 'PARSE_ERROR');
    expect(parseErrors.map((f) => f.file).sort()).toEqual(['deep.js', 'ternaries.ts']);
    expect(parseErrors[0]!.message).toContain('nested more than 1000 levels deep');
    expect(report.summary.files).toBe(3);
  });

  it('parses a long operator chain of a small run on a worker, whose stack it does not overflow', () => {
    // 100,000 terms nest 100,000 levels: the main thread's 8 MB stack overflowed (SIGSEGV) from ~75,000.
    const chain = `export const total = ${Array.from({ length: 100_000 }, () => 'a').join('+')};\n`;
    const root = makeTree({ 'good.ts': GOOD_TS, 'chain.ts': chain });
    const result = runCli(['analyze', root, '--format', 'json', '--no-cache', '--workers', '1', '--max-file-size', '1MiB']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }>; summary: { files: number }; metrics: { workers: number } };
    expect(report.findings.filter((f) => f.ruleId === 'PARSE_ERROR')).toEqual([]);
    expect(report.summary.files).toBe(2);
    expect(report.metrics.workers).toBe(2);
  });

  it('skips binary and too large files with a reason, and keeps going', () => {
    let x = 7;
    const noise = Buffer.alloc(1880, 0).map(() => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
    const root = makeTree({
      'good.ts': GOOD_TS,
      'blob.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
      // An MPEG transport stream named like TypeScript: 0x47 sync bytes every 188 bytes, the rest noise.
      'video.ts': Buffer.from(noise.map((b, i) => (i % 188 === 0 ? 0x47 : b))),
      'big.js': `// ${'x'.repeat(4000)}\n`,
    });
    const result = runCli(['analyze', root, '--format', 'json', '--max-file-size', '2KiB']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.skipped.map((s) => `${s.path}:${s.reason}`).sort()).toEqual(['big.js:too-large', 'blob.js:binary', 'video.ts:binary']);
    expect(report.summary.files).toBe(1);
    expect(result.stderr).toContain('Skipped big.js (too-large)');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('reports each skipped source file as a SKIPPED_FILE finding in every format, cold, warm and incremental', () => {
    // A file padded past the limit or stuffed with control bytes passed a medium gate unseen. (With
    // nothing hidden in them: what a scan finds raises the severity, see skipped-scan.test.ts.)
    const root = makeTree({
      'good.ts': GOOD_TS,
      'padded.py': `import os\nx = 1\n# ${'x'.repeat(4000)}\n`,
      'stuffed.ts': Buffer.from([...Buffer.from('f(x);'), ...Array(200).fill(1)]),
      'notes.bin': Buffer.from([0, 1, 2, 3]),
      'ignored/huge.js': `// ${'x'.repeat(4000)}\n`,
      '.gitignore': 'ignored/\n',
    });
    const cacheDir = mkdtempSync(join(tmpdir(), 'skipped-cache-'));
    const args = ['analyze', root, '--max-file-size', '2KiB', '--fail-on', 'medium', '--cache-dir', cacheDir];
    const skippedOf = (stdout: string): string[] => json(stdout).findings.filter((f) => f.ruleId === 'SKIPPED_FILE').map((f) => `${f.file}:${f.line}`);
    for (const run of ['cold', 'warm']) {
      const result = runCli([...args, '--format', 'json']);
      expect(result.code, run).toBe(1);
      expect(skippedOf(result.stdout), run).toEqual(['padded.py:1', 'stuffed.ts:1']);
    }
    writeFileSync(join(root, 'good.ts'), `${GOOD_TS}export const two = 2;\n`);
    const incremental = runCli([...args, '--format', 'json']);
    expect(skippedOf(incremental.stdout)).toEqual(['padded.py:1', 'stuffed.ts:1']);
    const text = runCli([...args, '--format', 'text']);
    expect(text.stdout).toMatch(/padded\.py\n\s+1:1\s+medium\s+Not analysed \(too-large\).*SKIPPED_FILE/);
    const sarif = JSON.parse(runCli([...args, '--format', 'sarif']).stdout) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(sarif.runs[0]!.results.filter((r) => r.ruleId === 'SKIPPED_FILE').map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['padded.py', 'stuffed.ts']);
    expect(runCli([...args, '--format', 'github']).stdout).toMatch(/^::warning file=stuffed\.ts,line=1,.*SKIPPED_FILE/m);
    expect(runCli([...args, '--format', 'markdown']).stdout).toContain('| medium | ` SKIPPED_FILE ` | ` padded.py:1:1 ` |');
    // The default gate (fail on high) passes; --fail-on medium (above) does not.
    expect(runCli(['analyze', root, '--max-file-size', '2KiB', '--no-cache']).code).toBe(0);
  });

  it('lists a file whose name is not valid UTF-8, or that sits in such a folder, as skipped under its escaped name, never ENOENT', () => {
    const root = makeTree({ 'ok.py': 'x = 1\n', '\uFFFD.py': 'y = 2\n' }); // a valid name holding U+FFFD is analysed
    const raw = (name: string): Buffer => Buffer.concat([Buffer.from(`${root}/`), Buffer.from(name, 'latin1')]);
    writeFileSync(raw('caf\xe9.py'), 'import os\nos.system(input())\n');
    writeFileSync(raw('notes\xff.txt'), 'not source');
    mkdirSync(raw('pkg\xfe/sub'), { recursive: true });
    writeFileSync(raw('pkg\xfe/sub/evil.ts'), 'eval(x);\n');
    const result = runCli(['analyze', root, '--format', 'json', '--no-cache', '--fail-on', 'medium']);
    expect(result.code).toBe(1);
    const report = json(result.stdout);
    expect(report.summary.files).toBe(2);
    expect(report.skipped.map((s) => `${s.path}:${s.reason}`)).toEqual(['caf\\xe9.py:not-utf8', 'pkg\\xfe/sub/evil.ts:not-utf8']);
    expect(report.findings.map((f) => `${f.ruleId}:${f.file}`)).toEqual(['SKIPPED_FILE:caf\\xe9.py', 'SKIPPED_FILE:pkg\\xfe/sub/evil.ts']);
    expect(result.stderr).not.toContain('ENOENT');
  });

  it('analyses files with invalid UTF-8 (as U+FFFD) or a NUL byte in a comment, which their runtimes run', () => {
    const root = makeTree({
      'latin1.py': Buffer.from('# -*- coding: latin-1 -*-\nimport os\n\ndef run(cmd):\n    name = "caf\xe9"\n    os.system(cmd)\n', 'latin1'),
      'nul.js': Buffer.from('// a NUL \u0000 in a comment\nconst { exec } = require("child_process");\nexport function run(cmd) {\n  exec(cmd);\n}\n'),
    });
    const result = runCli(['analyze', root, '--format', 'json', '--no-cache', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.skipped).toEqual([]);
    expect(report.summary.files).toBe(2);
    // The gate sees what the files do: both run a shell command from an argument.
    expect(report.findings.filter((f) => f.ruleId === 'SEC_SHELL').map((f) => f.file).sort()).toEqual(['latin1.py', 'nul.js']);
  });

  it('does not loop forever on a symbolic link cycle and says so', () => {
    const root = makeTree({ 'pkg/mod.py': 'def f(x):\n    return x\n' });
    symlinkSync('..', join(root, 'pkg', 'loop'));
    symlinkSync('missing-target', join(root, 'dangling.ts'));
    const result = runCli(['analyze', root, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.summary.files).toBe(1);
    expect(report.skipped.map((s) => s.reason)).toContain('symlink-loop');
    expect(report.skipped.map((s) => s.path)).toContain('dangling.ts');
  });

  it('neither reads nor caches a file reached through a link that leaves the root', () => {
    const outside = makeTree({ 'evil.py': 'import os\n\ndef run(cmd):\n    os.system(cmd)\n' });
    const root = makeTree({ 'ok.py': 'def f(x):\n    return x\n' });
    symlinkSync(join(outside, 'evil.py'), join(root, 'evil.py'));
    symlinkSync(outside, join(root, 'host'));
    const result = runCli(['analyze', root, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.summary.files).toBe(1);
    // Not read: its only finding says so (SKIPPED_FILE, medium), none comes from its content.
    expect(report.findings.filter((f) => f.file === 'evil.py').map((f) => f.ruleId)).toEqual(['SKIPPED_FILE']);
    expect(report.skipped.filter((s) => s.reason === 'outside-root').map((s) => s.path).sort()).toEqual(['evil.py', 'host']);
  });

  it('prints hostile file names so that they can neither paint the terminal nor forge a workflow command', () => {
    const root = makeTree({ 'ok.py': 'def f(x):\n    return x\n' });
    writeFileSync(join(root, 'x\n::error file=README.md::forged.py'), 'def f(:\n');
    writeFileSync(join(root, '::warning file=a.py::planted.py'), 'import os\n\ndef g(c):\n    os.system(c)\n');
    writeFileSync(join(root, 'esc\u001b[31mred\u202e.py'), 'import os\n\ndef g(c):\n    os.system(c)\n');
    writeFileSync(join(root, 'big\n::notice::n.py'), 'x = 1\n'.repeat(200));
    for (const format of ['text', 'github', 'markdown']) {
      const result = runCli(['analyze', root, '--format', format, '--fail-on', 'none', '--max-file-size', '1000']);
      expect(result.code, format).toBe(0);
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output, format).not.toMatch(/[\u001b\u202e]/);
      const commands = output.split('\n').filter((line) => line.trimStart().startsWith('::'));
      if (format === 'github') {
        // The lowered --max-file-size is a setting every report lists (README "Trusted configuration").
        expect(commands.filter((line) => line.startsWith('::warning title=connascence settings::'))).toHaveLength(1);
        const annotations = commands.filter((line) => !line.startsWith('::warning title=connascence settings::'));
        expect(annotations).toHaveLength(4); // PARSE_ERROR, two SEC_SHELL and SKIPPED_FILE for the padded file
        for (const line of annotations) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]*,line=\d+,/);
      } else expect(commands, format).toEqual([]);
      const shown = { text: 'x\\n::error file=README.md::forged.py', github: 'file=x\\n%3A%3Aerror file=README.md%3A%3Aforged.py', markdown: 'x ::error file=README.md::forged.py' }[format];
      expect(output, format).toContain(shown);
    }
  });

  it('exits 2 with a clear message for a missing directory', () => {
    const result = runCli(['analyze', join(tmpdir(), 'connascence-does-not-exist-42')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('does not exist');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 2 for a directory with nothing to analyse, 0 with --allow-empty', () => {
    const root = mkdtempSync(join(tmpdir(), 'connascence-empty-'));
    mkdirSync(join(root, 'node_modules/x'), { recursive: true });
    const empty = runCli(['analyze', root]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('No JavaScript/TypeScript or Python files');
    expect(runCli(['analyze', root, '--allow-empty']).code).toBe(0);
  });

  it('exits 2 naming the path of a bad key in connascence.config.json', () => {
    const root = makeTree({
      'a.ts': GOOD_TS,
      'connascence.config.json': JSON.stringify({ rules: { COMPLEXITY: { options: { treshold: 3 } } } }),
    });
    const result = runCli(['analyze', root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/rules/COMPLEXITY/options/treshold');
    const unknownRule = makeTree({ 'a.ts': GOOD_TS, 'connascence.config.json': '{"rules":{"NOPE":"off"}}' });
    const second = runCli(['analyze', unknownRule]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('/rules/NOPE: unknown rule id');
    const broken = makeTree({ 'a.ts': GOOD_TS, 'connascence.config.json': '{"policy": ' });
    expect(runCli(['analyze', broken]).stderr).toContain('is not valid JSON');
  });

  it('exits 2 naming the path of a rule option that is negative, fractional, infinite or absurd', () => {
    const cases: Array<[string, string]> = [
      ['{"rules":{"CON_POSITION":{"options":{"threshold":-1}}}}', '/rules/CON_POSITION/options/threshold: must be >= 0'],
      ['{"rules":{"COMPLEXITY":{"options":{"threshold":2.5}}}}', '/rules/COMPLEXITY/options/threshold: must be integer'],
      ['{"rules":{"DUPLICATION":{"options":{"minTokens":1e12}}}}', '/rules/DUPLICATION/options/minTokens: must be <= 1000000'],
      ['{"rules":{"NESTING":{"options":{"threshold":1e400}}}}', '/rules/NESTING/options/threshold: must be <= 1000'],
      ['{"rules":{"CON_MEANING":{"options":{"allow":["x"]}}}}', '/rules/CON_MEANING/options/allow/0: must be number'],
      ['{"rules":{"GOD_OBJECT":{"options":{"methods":"20"}}}}', '/rules/GOD_OBJECT/options/methods: must be integer'],
    ];
    for (const [config, message] of cases) {
      const result = runCli(['analyze', makeTree({ 'a.ts': GOOD_TS, 'connascence.config.json': config })]);
      expect(result.code, config).toBe(2);
      expect(result.stderr, config).toContain(message);
    }
  });

  it('reads a config file that starts with a UTF-8 byte order mark', () => {
    const root = makeTree({ 'a.ts': GOOD_TS, 'connascence.config.json': '\ufeff{"rules":{"COMPLEXITY":{"options":{"threshold":12}}}}' });
    const result = runCli(['analyze', root]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('exits 2 for an unknown format or policy', () => {
    const root = makeTree({ 'a.ts': GOOD_TS });
    expect(runCli(['analyze', root, '--format', 'xml']).code).toBe(2);
    expect(runCli(['analyze', root, '--policy', 'paranoid']).code).toBe(2);
    expect(runCli(['analyze', root, '--max-file-size', 'lots']).code).toBe(2);
  });

  it.each(['text', 'json', 'sarif', 'github', 'markdown'])('reports a source line holding -987654 as it is written (%s)', (format) => {
    // The report once stamped its own rendering time over the last "-987654" it held, user content included.
    const root = makeTree({ 'scale.ts': 'export function scale(x: number): number {\n  return x * -987654;\n}\n' });
    const result = runCli(['analyze', root, '--no-cache', '--format', format, '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-987654');
  });

  it('lets --max-file-size on the command line win over maxFileSize in the config file', () => {
    const root = makeTree({ 'good.ts': GOOD_TS, 'connascence.config.json': JSON.stringify({ maxFileSize: 10 }) });
    const fromConfig = json(runCli(['analyze', root, '--no-cache', '--format', 'json', '--fail-on', 'none', '--allow-empty']).stdout);
    expect(fromConfig.skipped.map((s) => s.reason)).toEqual(['too-large']);
    const fromFlag = json(runCli(['analyze', root, '--no-cache', '--format', 'json', '--fail-on', 'none', '--max-file-size', '1MiB']).stdout);
    expect(fromFlag.skipped).toEqual([]);
    expect(fromFlag.summary.files).toBe(1);
  });

  it('skips a file over 16 MiB with the reason even when --max-file-size allows it, instead of a parser failure', () => {
    // A 64 MB minified file gave PARSE_ERROR "Failed to convert rust String" (Node 20) after ~1.3 GB.
    const line = 'var a=[1,2,3],b={c:a};function f(x){return x+1}\n';
    const root = makeTree({ 'good.ts': GOOD_TS, 'huge.min.js': line.repeat(Math.ceil((17 * 1024 * 1024) / line.length)) });
    const result = runCli(['analyze', root, '--no-cache', '--format', 'json', '--fail-on', 'none', '--max-file-size', '100MB']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.skipped).toEqual([{ path: 'huge.min.js', reason: 'too-large', detail: expect.stringContaining('the most the parsers are given') }]);
    expect(report.findings.filter((f) => f.ruleId === 'PARSE_ERROR')).toEqual([]);
    expect(result.stderr).toContain('Skipped huge.min.js (too-large)');
  });

  it('refuses an empty directory argument and empty --include/--exclude patterns as usage errors (exit 2)', () => {
    const root = makeTree({ 'good.ts': GOOD_TS });
    // `analyze ""` analysed the current directory; `--include ''` was an internal error (exit 4).
    for (const args of [['analyze', ''], ['analyze', root, '--include', ''], ['analyze', root, '--include', ' '], ['analyze', root, '--exclude', '']]) {
      const result = runCli([...args, '--no-cache'], { cwd: root });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/empty (string|pattern)/);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('matches a glob that makes backtracking matchers hang in linear time, and refuses an oversized one (exit 2)', () => {
    // picomatch took more than a minute per path on `**/*a*a*a*a*a*a*a*a*a*ab`: a pull request's config could hang the gate.
    const name = `${'a'.repeat(200)}.ts`;
    const root = makeTree({ [name]: GOOD_TS, 'src/b.ts': GOOD_TS, 'connascence.config.json': JSON.stringify({ tests: [`**/${'*a'.repeat(30)}b`] }) });
    const hard = runCli(['analyze', root, '--format', 'json', '--no-cache', '--include', `**/${'*a'.repeat(30)}.ts`, '--include', '{*a,*a}{*a,*a}{*a,*a}{*a,*a}b']);
    expect(hard.code, hard.stderr).toBe(0);
    expect(json(hard.stdout).summary.files).toBe(1);
    for (const [config, args, named] of [
      [{ tests: ['x'.repeat(2000)] }, [], /Invalid tests glob .*longer than 1024/],
      [{ vendored: ['{a,b}'.repeat(9)] }, [], /Invalid vendored glob .*more than 256 alternatives/],
      [{}, ['--include', 'src/+(a|b).ts'], /Invalid include glob .*extended globs/],
    ] as const) {
      writeFileSync(join(root, 'connascence.config.json'), JSON.stringify(config));
      const result = runCli(['analyze', root, '--no-cache', ...args]);
      expect(result.code, JSON.stringify(config)).toBe(2);
      expect(result.stderr).toMatch(named);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
  });

  it.each(['tcp://[::1', 'ftp://x', 'tcp://host:notaport'])('says DOCKER_HOST=%s is malformed, exit 3 (it was an internal error)', (host) => {
    const result = runCli(['image', 'verify', 'connascence-runtime:none'], { env: { DOCKER_HOST: host } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`DOCKER_HOST=${host} is not an address of a Docker engine`);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    ['--output', '/proc/self/nope/report.txt', 'Cannot write the report'],
    ['--cache-dir', '/proc/1/nope/cache', 'Cannot create the cache folder'],
  ])('fails fast with exit 3 when %s %s cannot be created (recursive mkdir spun forever under /proc)', (flag, path, message) => {
    const root = makeTree({ 'good.ts': GOOD_TS });
    const result = runCli(['analyze', root, flag, path]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 3 with one line when standard output is a full device (/dev/full)', () => {
    const root = makeTree({ 'good.ts': GOOD_TS });
    const result = spawnSync(process.execPath, [BIN, 'analyze', root, '--no-cache'], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'], encoding: 'utf8' });
    expect(result.status).toBe(3);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('cannot write to standard output: ENOSPC')]);
  });
});

/**
 * A file over the size limit or binary-looking is not parsed, but a bounded scan of its text still
 * looks for what the safety rules report: padding a file past the limit cannot turn a critical
 * finding into a medium SKIPPED_FILE that the default gate lets through.
 */
import { closeSync, mkdtempSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

interface Finding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  message: string;
}
interface Report {
  findings: Finding[];
  skipped: Array<{ path: string; reason: string; detail: string }>;
}

const ENV = { GITHUB_ACTIONS: '' };
const LIMIT = ['--max-file-size', '4KiB'];
/** Enough comment lines to push what follows past a 4 KiB limit. */
const pyPad = '# padding padding padding padding padding\n'.repeat(200);
const jsPad = '// padding padding padding padding padding\n'.repeat(200);
const KEY_BODY = 'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u';

function analyze(root: string, extra: string[] = []): { code: number; report: Report; stderr: string } {
  const result = runCli(['analyze', root, '--format', 'json', '--no-cache', ...LIMIT, ...extra], { env: ENV });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}
const skippedFindings = (report: Report): string[] =>
  report.findings.filter((f) => f.ruleId === 'SKIPPED_FILE').map((f) => `${f.file}:${f.line}:${f.severity}`);

describe('a skipped file cannot carry a hidden finding past the default gate', () => {
  it('fails the default gate for each safety pattern padded past the limit, naming what and where', () => {
    const cases: Record<string, { text: string; severity: string; what: string; line: number }> = {
      'shell.py': { text: `import os\n${pyPad}os.system(input())\n`, severity: 'critical', what: 'os.system(', line: 202 },
      'child.js': { text: `${jsPad}require('child_process').exec(process.argv[2]);\n`, severity: 'critical', what: 'child_process', line: 201 },
      'dynamic.ts': { text: `${jsPad}export const run = (code: string) => eval(code);\n`, severity: 'high', what: 'eval(', line: 201 },
      'loads.py': { text: `import pickle\n${pyPad}data = pickle.loads(blob)\n`, severity: 'critical', what: 'pickle.loads(', line: 202 },
      'key.py': { text: `${pyPad}KEY = """-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----"""\n`, severity: 'critical', what: 'private key block', line: 201 },
    };
    for (const [name, { text, severity, what, line }] of Object.entries(cases)) {
      const root = makeTree({ 'ok.py': 'x = 1\n', [name]: text });
      const { code, report } = analyze(root);
      expect(code, name).toBe(1);
      const finding = report.findings.find((f) => f.file === name)!;
      expect(`${finding.ruleId}:${finding.severity}:${finding.line}`, name).toBe(`SKIPPED_FILE:${severity}:${line}`);
      expect(finding.message, name).toContain(`found ${what} at line ${line}`);
      expect(report.skipped.find((s) => s.path === name)!.detail, name).toContain(`found ${what} at line ${line}`);
    }
  });

  it('keeps a big clean file medium, and the default gate passes', () => {
    const root = makeTree({ 'ok.py': 'x = 1\n', 'big.py': `import re\n${pyPad}pattern = re.compile("x")\n`, 'big.js': `${jsPad}const m = /a/.exec(s);\n` });
    const { code, report } = analyze(root);
    expect(code).toBe(0);
    expect(skippedFindings(report)).toEqual(['big.js:1:medium', 'big.py:1:medium']);
    expect(report.skipped[0]!.detail).toContain('found no shell call, dynamic code, unsafe load or key');
  });

  it('scans a binary-looking source file: a hidden exec fails the gate, a clean blob stays medium', () => {
    const noise = Buffer.alloc(3000, 0);
    const root = makeTree({
      'ok.py': 'x = 1\n',
      'stuffed.py': Buffer.concat([noise, Buffer.from('\nexec(payload)\n')]),
      'stuffed.ts': Buffer.concat([Buffer.from('/*'), noise, Buffer.from('*/ require("child_process").execSync(cmd);\n')]),
      'blob.js': Buffer.concat([noise, Buffer.from('\nconst x = 1;\n')]),
    });
    const { code, report } = analyze(root);
    expect(code).toBe(1);
    expect(report.skipped.map((s) => `${s.path}:${s.reason}`)).toEqual(['blob.js:binary', 'stuffed.py:binary', 'stuffed.ts:binary']);
    expect(skippedFindings(report)).toEqual(['blob.js:1:medium', 'stuffed.py:2:high', 'stuffed.ts:1:critical']);
  });

  it('never scans a file reached through a link out of the root, and scans one whose target stays inside', () => {
    const outside = makeTree({ 'evil.py': `import os\n${pyPad}os.system(input())\n` });
    const root = makeTree({ 'ok.py': 'x = 1\n', 'inside/real.py': `import os\n${pyPad}os.system(input())\n` });
    symlinkSync(join(outside, 'evil.py'), join(root, 'evil.py'));
    symlinkSync(join(root, 'inside', 'real.py'), join(root, 'alias.py'));
    const { report } = analyze(root, ['--fail-on', 'none']);
    const evil = report.skipped.find((s) => s.path === 'evil.py')!;
    expect(evil.reason).toBe('outside-root');
    expect(evil.detail).not.toContain('scan');
    expect(skippedFindings(report)).toEqual(['alias.py:202:critical', 'evil.py:1:medium', 'inside/real.py:202:critical']);
  });

  it('reports a file longer than the scan reads as high, and says so', () => {
    const root = makeTree({ 'ok.py': 'x = 1\n' });
    // 65 MiB without a byte written (sparse): binary-looking, and past the 64 MiB the scan reads.
    const fd = openSync(join(root, 'huge.js'), 'w');
    ftruncateSync(fd, 65 * 1024 * 1024);
    closeSync(fd);
    const { code, report } = analyze(root);
    expect(code).toBe(1);
    expect(skippedFindings(report)).toEqual(['huge.js:1:high']);
    expect(report.skipped[0]!.detail).toContain('only its first 64 MiB were scanned');
  });

  it('is not accepted by a baseline entry of the same file skipped with nothing hidden', () => {
    const root = makeTree({ 'a.py': 'x = 1\n', 'big.py': `import os\n${pyPad}os.getcwd()\n` });
    const create = runCli(['baseline', 'create', root, '--no-cache', ...LIMIT], { env: ENV });
    expect(create.code, create.stderr).toBe(0);
    expect(analyze(root).code).toBe(0);
    writeFileSync(join(root, 'big.py'), `import os\n${pyPad}os.system(input())\n`);
    const after = runCli(['analyze', root, '--format', 'json', '--no-cache', ...LIMIT], { env: ENV });
    expect(after.code).toBe(1);
    const report = JSON.parse(after.stdout) as { findings: Array<Finding & { baselineState?: string }> };
    expect(report.findings.filter((f) => f.ruleId === 'SKIPPED_FILE').map((f) => `${f.severity}:${f.baselineState}`)).toEqual(['critical:new']);
  });

  it('keeps the severity through the cache, an incremental run and a sharded run, and drops it when the hidden call goes', () => {
    const root = makeTree({ 'a.py': 'x = 1\n', 'b.py': 'y = 2\n', 'padded.py': `import os\n${pyPad}os.system(input())\n` });
    const cacheDir = mkdtempSync(join(tmpdir(), 'skipped-scan-cache-'));
    const cached = ['--cache-dir', cacheDir];
    for (const run of ['cold', 'warm']) expect(skippedFindings(analyze(root, cached).report), run).toEqual(['padded.py:202:critical']);
    writeFileSync(join(root, 'a.py'), 'x = 3\n');
    expect(skippedFindings(analyze(root, cached).report), 'incremental').toEqual(['padded.py:202:critical']);
    const dir = mkdtempSync(join(tmpdir(), 'skipped-scan-partials-'));
    const partials = [1, 2].map((k) => {
      const file = join(dir, `${k}.partial`);
      const result = runCli(['analyze', root, '--no-cache', ...LIMIT, '--shard', `${k}/2`, '-f', `partial=${file}`], { env: ENV });
      expect(result.code, result.stderr).toBe(0);
      return file;
    });
    const merged = runCli(['merge', ...partials, '--directory', root, '--format', 'json'], { env: ENV });
    expect(merged.code, merged.stderr).toBe(1);
    expect(skippedFindings(JSON.parse(merged.stdout) as Report)).toEqual(['padded.py:202:critical']);
    // Still too large, nothing hidden any more: back to medium, cache or not.
    writeFileSync(join(root, 'padded.py'), `import os\n${pyPad}os.getcwd()\n`);
    const after = analyze(root, cached);
    expect(after.code).toBe(0);
    expect(skippedFindings(after.report)).toEqual(['padded.py:1:medium']);
  });
});

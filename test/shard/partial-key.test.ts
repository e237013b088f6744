/**
 * Issue 30, item 9: partials sealed with CONNASCENCE_PARTIAL_KEY. A partial is as trustworthy as the
 * job that wrote it; with the key, `merge` and `merge --watch` take only partials whose HMAC
 * verifies, so an artifact from anywhere else cannot pass as a shard. Real CLI, real files.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePartial, encodePartial, MAX_PARTIAL_BYTES, oversizedPartial } from '../../src/shard/partial.js';
import { BIN, makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';

const KEY = 'k'.repeat(8) + '-secret-of-the-ci-0123456789';
const OTHER_KEY = 'another-secret-of-someone-else';
const TREE = {
  'src/run.py': 'import os\n\ndef run(cmd):\n    return os.system(cmd)\n',
  'src/a.ts': 'export function a(x: number): number {\n  return x * 31337;\n}\n',
  'src/b.ts': "import { a } from './a';\nexport const b = (): number => a(2);\n",
};
const env = (key?: string): NodeJS.ProcessEnv => ({ GITHUB_ACTIONS: '', CONNASCENCE_PARTIAL_KEY: key ?? '' });

function shards(root: string, count: number, key?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'connascence-keyed-'));
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `shard-${i + 1}.partial`);
    const result = runCli(['analyze', root, '--no-cache', '--shard', `${i + 1}/${count}`, '-f', `partial=${file}`], { env: env(key) });
    expect(result.code, result.stderr).toBe(0);
    return file;
  });
}
const merge = (root: string, files: string[], key?: string) => runCli(['merge', ...files, '-d', root, '--fail-on', 'none', '-f', 'json'], { env: env(key) });
const trailerOf = (file: string): Record<string, unknown> => (JSON.parse(readFileSync(file, 'utf8').trimEnd().split('\n').pop()!) as { trailer: Record<string, unknown> }).trailer;
const rules = (stdout: string): string[] => (JSON.parse(stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId).sort();

/** The attack: the shard's SEC_SHELL finding removed, and the plain sha256 trailer recomputed, as anyone can. */
function forged(file: string): string {
  const partial = decodePartial(readFileSync(file), file);
  partial.findings = partial.findings.filter((f) => f.ruleId !== 'SEC_SHELL');
  const out = join(mkdtempSync(join(tmpdir(), 'connascence-forged-')), 'forged.partial');
  writeFileSync(out, encodePartial(partial).join(''));
  return out;
}

describe('partials sealed with CONNASCENCE_PARTIAL_KEY', () => {
  it('with the key, shards write an HMAC trailer and merge to the findings of unkeyed shards', () => {
    const root = makeTree(TREE);
    const keyed = shards(root, 2, KEY);
    for (const file of keyed) {
      expect(trailerOf(file)).toMatchObject({ 'hmac-sha256': expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(trailerOf(file).sha256).toBeUndefined();
    }
    const plain = merge(root, shards(root, 2));
    const sealed = merge(root, keyed, KEY);
    expect(sealed.code, sealed.stderr).toBe(0);
    expect(rules(sealed.stdout)).toEqual(rules(plain.stdout));
    expect(rules(sealed.stdout)).toContain('SEC_SHELL');
  });

  it('without the key, a forged partial with a recomputed sha256 merges (the plain checksum only detects corruption); with it, exit 2', () => {
    const root = makeTree(TREE);
    const plain = shards(root, 1);
    const attack = forged(plain[0]!);
    const unkeyed = merge(root, [attack]);
    expect(unkeyed.code, unkeyed.stderr).toBe(0);
    expect(rules(unkeyed.stdout)).not.toContain('SEC_SHELL');
    const keyed = merge(root, [attack], KEY);
    expect(keyed.code).toBe(2);
    expect(keyed.stderr).toContain('cannot be merged: it is not sealed with CONNASCENCE_PARTIAL_KEY, which is set');
    expect(keyed.stdout).toBe('');
  });

  it('with the key, refuses a partial sealed with another key, and a sealed partial altered afterwards (exit 2)', () => {
    const root = makeTree(TREE);
    const [one, two] = shards(root, 2, KEY);
    const [, otherTwo] = shards(root, 2, OTHER_KEY);
    const wrongKey = merge(root, [one!, otherTwo!], KEY);
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toMatch(/shard-2\.partial cannot be merged: its MAC does not verify with CONNASCENCE_PARTIAL_KEY/);
    // Altered after sealing (a skipped file added), the HMAC line kept.
    const lines = readFileSync(two!, 'utf8').split('\n');
    const skippedAt = lines.findIndex((line) => line.startsWith('{"skipped":'));
    expect(skippedAt).toBeGreaterThan(0);
    lines[skippedAt] = '{"skipped":[{"path":"src/run.py","reason":"too-large","detail":"hidden"}]}';
    const altered = join(mkdtempSync(join(tmpdir(), 'connascence-altered-')), 'altered.partial');
    writeFileSync(altered, lines.join('\n'));
    const result = merge(root, [one!, altered], KEY);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/altered\.partial cannot be merged: its MAC does not verify/);
  });

  it('without the key, a sealed partial is refused with what to set (exit 2); an empty key is no key', () => {
    const root = makeTree(TREE);
    const keyed = shards(root, 1, KEY);
    const result = merge(root, keyed, '');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it is sealed with a key (an HMAC trailer): set CONNASCENCE_PARTIAL_KEY');
    expect(trailerOf(shards(root, 1, '')[0]!).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a key too short to be a secret is refused by the shard and the merge (exit 2)', () => {
    const root = makeTree(TREE);
    const shard = runCli(['analyze', root, '--no-cache', '--shard', '1/1', '-f', `partial=${join(root, 'x.partial')}`], { env: env('short') });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('CONNASCENCE_PARTIAL_KEY is set but shorter than 16 characters');
    const result = merge(root, shards(root, 1, KEY), 'short');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('shorter than 16 characters');
  });

  it('names a refused partial escaped: a file name with terminal controls reaches the log inert', () => {
    const root = makeTree(TREE);
    const [plain] = shards(root, 1);
    const hostile = join(mkdtempSync(join(tmpdir(), 'connascence-esc-')), 'evil\u001b]0;pwned\u0007\u001b[2J.partial');
    writeFileSync(hostile, readFileSync(plain!));
    const result = merge(root, [hostile], KEY);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not sealed with CONNASCENCE_PARTIAL_KEY');
    expect(result.stderr).not.toMatch(/[\u001b\u0007]/);
  });

  it('merge --watch with the key stops at an unkeyed partial (exit 2) and folds in sealed ones', async () => {
    const root = makeTree(TREE);
    const keyed = shards(root, 2, KEY);
    const watch = (files: string[]): Promise<{ code: number; stderr: string }> => {
      const dir = mkdtempSync(join(tmpdir(), 'connascence-watch-key-'));
      files.forEach((file, i) => writeFileSync(join(dir, `s${i}.partial`), readFileSync(file)));
      const child = spawn(process.execPath, [BIN, 'merge', '--watch', dir, '--expect', '2', '--timeout', '60', '-d', root, '--fail-on', 'none', '-f', 'json'], { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1', ...env(KEY) } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.resume();
      return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stderr })));
    };
    const good = await watch(keyed);
    expect(good.code, good.stderr).toBe(0);
    const [plainOne] = shards(root, 2);
    const bad = await watch([plainOne!, keyed[1]!]);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/s0\.partial cannot be merged: it is not sealed with CONNASCENCE_PARTIAL_KEY/);
    // The plain checksum is what it was: sha256 of every byte before the trailer.
    const bytes = readFileSync(plainOne!);
    const start = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    expect(trailerOf(plainOne!).sha256).toBe(createHash('sha256').update(bytes.subarray(0, start)).digest('hex'));
  });
});

describe('a partial too large to merge', () => {
  it('is named by its size before it is written, with what to do; one at the limit passes', () => {
    const lines = ['{"a":1}\n', 'é'.repeat(10) + '\n'];
    const bytes = 8 + 21;
    expect(oversizedPartial(lines, bytes)).toBeUndefined();
    expect(oversizedPartial(lines, bytes - 1)).toBe(`the partial would be ${bytes} bytes, over the ${bytes - 1} bytes a merge reads: split the run into more shards (--shard K/N with a larger N)`);
    expect(oversizedPartial(lines)).toBeUndefined();
    expect(MAX_PARTIAL_BYTES).toBe(256 * 1024 * 1024);
  });
});

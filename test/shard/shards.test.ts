/**
 * Sharding over a CI matrix (`analyze --shard K/N`, `connascence merge`): the merge of N partials
 * reports exactly what one unsharded run reports, on a tree whose clones, algorithm copies and import
 * cycles span shards, with a baseline and suppressions; partials that do not belong together are
 * refused. The real CLI, real files, real parsers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePartial, encodePartial } from '../../src/shard/partial.js';
import { partition } from '../../src/shard/partition.js';
import { fixtureCopies, makeTree, runCli } from '../helpers/cli.js';
import { cloneBlock } from '../helpers/code.js';

const BLOCK = cloneBlock;

function tree(): Record<string, string> {
  const files: Record<string, string> = { ...fixtureCopies(2) };
  // A cycle through eight modules, clones in eight files: they span every shard of 8.
  for (let i = 0; i < 8; i++) {
    files[`src/ring/m${i}.ts`] = `import { f${(i + 1) % 8} } from './m${(i + 1) % 8}';\nexport function f${i}(): number { return f${(i + 1) % 8}.length; }\n${BLOCK(`clone${i}`)}\n`;
  }
  files['src/quiet.ts'] = '// connascence-disable-next-line CON_MEANING -- the tax rate, documented\nexport const rate = (x: number): number => x * 1.0725;\nexport const other = (x: number): number => x * 31337;\n';
  files['py/a.py'] = 'from . import b\n\ndef run(a, b, c, d, e):\n    return a * 86400 + b + c + d + e\n';
  files['py/b.py'] = 'from . import a\n\nVALUE = 1\n';
  files['py/__init__.py'] = '';
  return files;
}

const ENV = { GITHUB_ACTIONS: '' };

interface Report {
  gate: unknown;
  summary: unknown;
  findings: unknown[];
  files: unknown[];
  skipped: unknown[];
  suppressed?: unknown[];
  baseline?: { new: number; unchanged: number; absent: unknown[] };
}

function unsharded(root: string): Report {
  const result = runCli(['analyze', root, '--no-cache', '--fail-on', 'none', '-f', 'json'], { env: ENV });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

function shards(root: string, count: number, extra: string[] = []): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'connascence-partials-'));
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `shard-${i + 1}.partial`);
    const result = runCli(['analyze', root, '--no-cache', '--shard', `${i + 1}/${count}`, '-f', `partial=${file}`, ...extra], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`Wrote shard ${i + 1}/${count} to `));
    return file;
  });
}

function merged(root: string, partials: string[]): Report {
  const result = runCli(['merge', ...partials, '-d', root, '--fail-on', 'none', '-f', 'json'], { env: ENV });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const same = (report: Report) => ({ gate: report.gate, summary: report.summary, findings: report.findings, files: report.files, skipped: report.skipped, suppressed: report.suppressed, baseline: report.baseline && { ...report.baseline } });

describe('analyze --shard and merge', () => {
  it('merge N partials into exactly the findings of one run, for N = 1, 2, 3 and 8, with a baseline and suppressions', () => {
    const root = makeTree(tree());
    // A baseline of an earlier tree: some findings are new, some unchanged, some fixed.
    expect(runCli(['baseline', 'create', root, '--no-cache'], { env: ENV }).code).toBe(0);
    writeFileSync(join(root, 'src/new.ts'), 'export const late = (x: number): number => x * 4242;\n');
    rmSync(join(root, 'copy0/python/billing/tax.py'));
    const expected = unsharded(root);
    expect(expected.baseline!.new).toBeGreaterThan(0);
    expect(expected.baseline!.unchanged).toBeGreaterThan(0);
    expect(expected.baseline!.absent.length).toBeGreaterThan(0);
    expect(expected.suppressed!.length).toBe(1);
    const ruleIds = new Set((expected.findings as Array<{ ruleId: string }>).map((f) => f.ruleId));
    for (const id of ['DUPLICATION', 'ARCH_CYCLE', 'CON_ALGORITHM']) expect(ruleIds.has(id), id).toBe(true);
    for (const count of [1, 2, 3, 8]) {
      const partials = shards(root, count);
      expect(same(merged(root, partials)), `N = ${count}`).toEqual(same(expected));
    }
  });

  it('refuses partials that do not belong together, naming the problem (exit 2)', () => {
    const root = makeTree(tree());
    const partials = shards(root, 3);
    const refused = (files: string[], message: RegExp): void => {
      const result = runCli(['merge', ...files, '-d', root], { env: ENV });
      expect(result.code, files.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    };
    refused([partials[0]!, partials[2]!], /Shard 2\/3 is missing: the merge needs all 3/);
    refused([partials[0]!, partials[1]!, partials[1]!, partials[2]!], /Shard 2\/3 is given twice/);
    // Another tree: one file more.
    const other = makeTree({ ...tree(), 'src/extra.ts': 'export const x = 1;\n' });
    refused([partials[0]!, partials[1]!, shards(other, 3)[2]!], /does not belong with .*: it analysed another tree/);
    // Other settings.
    refused([partials[0]!, partials[1]!, shards(root, 3, ['--policy', 'strict'])[2]!], /it ran with other settings/);
    // Cut short, and edited: the trailer checksum does not hold.
    const cut = join(mkdtempSync(join(tmpdir(), 'connascence-cut-')), 'cut.partial');
    const bytes = readFileSync(partials[2]!);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 40));
    refused([partials[0]!, partials[1]!, cut], /cut\.partial cannot be merged: its last line is not a trailer|does not end with its trailer/);
    writeFileSync(cut, bytes.toString('utf8').replace('"ruleId":"', '"ruleId":"X'));
    refused([partials[0]!, partials[1]!, cut], /its checksum does not match its content/);
    // Another version of the tool (a whole, valid partial).
    const decoded = decodePartial(bytes, 'p');
    decoded.header.tool = 'connascence 0.0.1 facts-1 extractor-1';
    writeFileSync(cut, encodePartial(decoded).join(''));
    refused([partials[0]!, partials[1]!, cut], /was made by connascence 0\.0\.1 .* Run the shards and the merge with one version/);
    refused([join(root, 'src/quiet.ts')], /is not a connascence partial|does not end with its trailer|last line is not a trailer/);
    // A shard writes nothing but its partial.
    const wrong = runCli(['analyze', root, '--no-cache', '--shard', '1/3', '-f', 'json'], { env: ENV });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--shard writes the shard's partial result/);
    expect(runCli(['analyze', root, '--shard', '4/3', '-f', 'partial=x'], { env: ENV }).stderr).toMatch(/--shard must be K\/N/);
  });
});

describe('partition', () => {
  const files = Array.from({ length: 400 }, (_, i) => ({ path: `src/pkg${i % 17}/file${i}.ts`, size: 200 + ((i * 7919) % 9000) }));

  it('is balanced by size and moves few files when one is added', () => {
    for (const count of [2, 4, 8]) {
      const shards = partition(files, count);
      const loads = new Array<number>(count).fill(0);
      shards.forEach((shard, i) => (loads[shard]! += files[i]!.size + 512));
      const mean = loads.reduce((a, b) => a + b, 0) / count;
      expect(Math.max(...loads), `N = ${count}`).toBeLessThanOrEqual(mean * 1.1 + 9512);
      const more = partition([...files, { path: 'src/new/added.ts', size: 300 }], count);
      const moved = shards.filter((shard, i) => shard !== more[i]).length;
      expect(moved, `N = ${count}`).toBeLessThanOrEqual(files.length * 0.05);
    }
    // Deterministic: the same files, the same shards, whatever the run.
    expect(partition(files, 8)).toEqual(partition(files.map((f) => ({ ...f })), 8));
  });
});

/**
 * The baseline memo (src/baseline/memo.ts): a run with a cache compares only the files whose findings
 * changed since the last comparison. Edit after edit, what it marks must be exactly what a run that
 * reads the baseline and compares in full marks; the memo records show which path ran.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineMemoCache } from '../../src/cache/baseline-memo-cache.js';
import { BASELINES_DIR } from '../../src/cache/layout.js';
import { makeTree, runCli } from '../helpers/cli.js';

const TREE: Record<string, string> = {
  'src/orders.ts': "import { price } from './pricing';\n\nexport function place(id: string, qty: number, unit: number, tax: number, note: string): number {\n  return price(qty, unit) * tax + id.length + note.length;\n}\n\nexport function total(items: number[]): number {\n  let sum = 0;\n  for (const item of items) sum += item * 1.0725;\n  return sum;\n}\n",
  'src/pricing.ts': "import { place } from './orders';\n\nexport function price(qty: number, unit: number): number {\n  return qty * unit * 0.919 + (place.length > 0 ? 0 : 1);\n}\n",
  'src/report.ts': "export function summarise(rows: string[]): string {\n  const seen = new Set<string>();\n  const out: string[] = [];\n  for (const row of rows) {\n    if (seen.has(row)) continue;\n    seen.add(row);\n    out.push(row.trim().toUpperCase());\n  }\n  return out.join(', ');\n}\n",
  'src/legacy.ts': "export function condense(rows: string[]): string {\n  const seen = new Set<string>();\n  const out: string[] = [];\n  for (const row of rows) {\n    if (seen.has(row)) continue;\n    seen.add(row);\n    out.push(row.trim().toUpperCase());\n  }\n  return out.join(', ');\n}\n",
  'app/main.py': 'def run(a, b, c, d, e):\n    return a * 86400 + b + c + d + e\n',
};

interface Report {
  findings: Array<{ ruleId: string; file: string; message: string; fingerprint: string; baselineState?: string }>;
  baseline: { new: number; unchanged: number; absent: Array<{ rule: string; path: string; fingerprint: string }>; stale: Array<{ rule: string; path: string; fingerprint: string }> };
}

const marks = (report: Report) => ({
  findings: report.findings.map((f) => `${f.baselineState} ${f.ruleId} ${f.file} ${f.fingerprint}`),
  counts: [report.baseline.new, report.baseline.unchanged],
  absent: report.baseline.absent.map((e) => `${e.rule} ${e.path} ${e.fingerprint}`).sort(),
  stale: report.baseline.stale.map((e) => `${e.rule} ${e.path} ${e.fingerprint}`).sort(),
});

function analyse(root: string, cache: string | undefined): Report {
  const result = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', ...(cache ? ['--cache-dir', cache] : ['--no-cache'])]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const edit = (root: string, path: string, change: (text: string) => string): void => writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));

/** The mtimes of the two memo records (undefined: not written). */
function records(cache: string, root: string): { memo?: number; entries?: number } {
  const at = (part: 'memo' | 'entries'): number | undefined => {
    try {
      return statSync(join(cache, BASELINES_DIR, BaselineMemoCache.slot(resolve(root), join(resolve(root), 'connascence-baseline.json'), part))).mtimeMs;
    } catch {
      return undefined;
    }
  };
  return { memo: at('memo'), entries: at('entries') };
}

/** Sets both records' mtimes ten minutes back (within the store's touch interval), so that a rewrite shows. */
const AGED = Math.floor(Date.now() / 1000) - 600;
function age(cache: string): void {
  const dir = join(cache, BASELINES_DIR);
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), AGED, AGED);
}
const aged = (mtime: number | undefined): boolean => mtime === AGED * 1000;

describe('baseline memo', () => {
  it('marks edit after edit exactly what a full comparison marks, comparing only the changed files', () => {
    const root = makeTree(TREE);
    const cache = mkdtempSync(join(tmpdir(), 'connascence-memo-cache-'));
    expect(runCli(['baseline', 'create', root, '--no-cache']).code).toBe(0);
    // The first run compares in full and writes both records.
    expect(marks(analyse(root, cache))).toEqual(marks(analyse(root, undefined)));
    expect(records(cache, root).memo).toBeDefined();
    expect(records(cache, root).entries).toBeDefined();

    const steps: Array<[string, () => void, 'memo' | 'none' | 'full' | 'stored']> = [
      // Nothing a finding holds changed: the memo stands as it is (neither record is written).
      ['a comment added at the end', () => edit(root, 'src/orders.ts', (t) => `${t}// note\n`), 'none'],
      // Lines moved: the file is matched again (all unchanged), the memo rewritten, the entries not.
      ['a comment added at the top', () => edit(root, 'src/orders.ts', (t) => `// note\n${t}`), 'memo'],
      // A new finding in one file: that file is matched again, the memo rewritten, the entries not.
      ['a new literal', () => edit(root, 'src/orders.ts', (t) => t.replace('return sum;', 'return sum + 0.3345;')), 'memo'],
      ['a new parameter', () => edit(root, 'app/main.py', (t) => t.replace('e):', 'e, f):').replace('+ e', '+ e + f')), 'memo'],
      // A fixed finding: absent.
      ['a literal removed', () => edit(root, 'src/pricing.ts', (t) => t.replace(' * 0.919', '')), 'memo'],
      ['a function removed', () => edit(root, 'src/report.ts', () => 'export const empty = 1;\n'), 'memo'],
      // A renamed file: its entries may have moved, so the memo gives up (new medium and low findings
      // are open). Its findings went with the function removed above: nothing is taken by content,
      // its entries are stale, and the full comparison is one the memo can stand for: both written.
      ['a file renamed', () => { mkdirSync(join(root, 'src/old')); renameSync(join(root, 'src/legacy.ts'), join(root, 'src/old/legacy.ts')); }, 'stored'],
      // A file moved with the content the baseline recorded for it: its findings are taken by content,
      // a comparison the memo cannot stand for (nothing written).
      ['a file with findings moved, as it was', () => { writeFileSync(join(root, 'src/old/orders.ts'), TREE['src/orders.ts']!); rmSync(join(root, 'src/orders.ts')); }, 'full'],
    ];
    for (const [name, change, path] of steps) {
      change();
      age(cache);
      const cached = marks(analyse(root, cache));
      expect(cached, name).toEqual(marks(analyse(root, undefined)));
      const written = records(cache, root);
      const [memo, entries] = [aged(written.memo), aged(written.entries)];
      if (path === 'none') expect([memo, entries], name).toEqual([true, true]);
      if (path === 'memo') expect([memo, entries], name).toEqual([false, true]);
      // A full comparison with a move is not one the memo can stand for: nothing is written.
      if (path === 'full') expect([memo, entries], name).toEqual([true, true]);
      if (path === 'stored') expect([memo, entries], name).toEqual([false, false]);
    }
    // The fixed and the new are what they should be, not merely the same both ways.
    const last = analyse(root, cache);
    expect(last.findings.filter((f) => f.baselineState === 'new').map((f) => `${f.ruleId} ${f.file}`).sort()).toEqual(['CON_POSITION app/main.py']);
    expect(last.baseline.absent.map((e) => `${e.rule} ${e.path}`).sort()).toEqual(expect.arrayContaining(['CON_MEANING src/pricing.ts', 'CON_POSITION app/main.py']));
    // The moved file's findings came with it; what is left of the old paths is stale (the cycle broke when orders.ts moved).
    expect(last.findings.filter((f) => f.file === 'src/old/orders.ts').map((f) => `${f.baselineState} ${f.ruleId}`).sort()).toEqual(['unchanged CON_MEANING', 'unchanged CON_POSITION']);
    expect(new Set(last.baseline.stale.map((e) => e.path))).toEqual(new Set(['src/legacy.ts', 'src/orders.ts']));
    expect(last.baseline.stale.filter((e) => e.path === 'src/orders.ts').map((e) => e.rule)).toEqual(['ARCH_CYCLE']);
  });

  it('compares in full when the baseline changes or the memo is not one', () => {
    const root = makeTree(TREE);
    const cache = mkdtempSync(join(tmpdir(), 'connascence-memo-cache-'));
    expect(runCli(['baseline', 'create', root, '--no-cache']).code).toBe(0);
    analyse(root, cache);
    // Another baseline (the stamp changes): compared in full, both records rewritten.
    edit(root, 'src/orders.ts', (t) => t.replace('return sum;', 'return sum + 0.3345;'));
    expect(runCli(['baseline', 'update', root, '--add-new', '--no-cache']).code).toBe(0);
    age(cache);
    expect(marks(analyse(root, cache))).toEqual(marks(analyse(root, undefined)));
    expect(aged(records(cache, root).entries)).toBe(false);
    // A memo record that is not a memo (a valid entry of other content), and entries for another baseline.
    const store = new BaselineMemoCache(cache);
    const file = join(resolve(root), 'connascence-baseline.json');
    store.write(BaselineMemoCache.slot(resolve(root), file, 'memo'), '{"format":1,"key":"x","files":[["src/orders.ts","d","nnnn",[0],[]]]}');
    edit(root, 'src/orders.ts', (t) => t.replace('return sum + 0.3345;', 'return sum + 0.3346;'));
    expect(marks(analyse(root, cache))).toEqual(marks(analyse(root, undefined)));
    store.write(BaselineMemoCache.slot(resolve(root), file, 'entries'), '{"format":1,"key":"other","entries":[]}');
    edit(root, 'src/orders.ts', (t) => t.replace('return sum + 0.3346;', 'return sum + 0.3347;'));
    expect(marks(analyse(root, cache))).toEqual(marks(analyse(root, undefined)));
  });
});

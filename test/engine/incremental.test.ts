import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis, type ReportRequest } from '../../src/cli/analysis-reports.js';
import { makeTree } from '../helpers/cli.js';
import { cloneBlock } from '../helpers/code.js';

/**
 * Incremental runs against full runs: after each edit, a run with the cache (which may update the
 * last run's judgement for the changed files) must report exactly what a run without any cache
 * reports, and must say how it judged. Real files, real parsers, the real rules.
 */

const BLOCK = cloneBlock;

const PY_BLOCK = (name: string): string =>
  [
    `def ${name}(items, limit):`,
    '    total = 0',
    '    for item in items:',
    '        if item > limit:',
    '            total += item * 2',
    '        elif item < 0:',
    '            total -= item',
    '        else:',
    '            total += 1',
    '    average = 0 if not items else total / len(items)',
    '    print("total", total, "average", average)',
    '    return round(total + average * 3)',
    '',
  ].join('\n');

function project(): string {
  const files: Record<string, string> = {
    'src/a.ts': `import { b } from './b';\nexport function a(x: number) { return b(x) + 42; }\n${BLOCK('sumA')}`,
    'src/b.ts': `import { a } from './a';\nexport function b(x: number) { return x > 7 ? a(x - 1) : 0; }\n`,
    'src/c.ts': `export let counter = 0;\nexport function bump() { counter += 3; while (true) { if (counter > 99) break; } }\n${BLOCK('sumC')}`,
    'py/x.py': `import os\n\n${PY_BLOCK('sum_x')}`,
    'py/y.py': `from . import x\n\n${PY_BLOCK('sum_y')}`,
  };
  // Enough files that one file's findings are a small share: incremental runs then store patches.
  for (let i = 0; i < 40; i++) {
    const body = Array.from({ length: 12 }, (_, j) => `  const v${j} = a * ${i * 13 + j} + b - c / ${j + 2} + (d > ${i} ? e : ${j});`).join('\n');
    files[`src/f${i}.ts`] = `export function f${i}(a: number, b: number, c: number, d: number, e: number) {\n${body}\n  return v0 + v11 + a + b * ${i + 10} + c + d + e;\n}\n`;
  }
  return makeTree(files);
}

const request = (directory: string, cache: boolean): ReportRequest => ({
  directory,
  formats: ['json'],
  maxFileSize: 1024 * 1024,
  include: [],
  exclude: ['.cache/**'],
  includeTests: false,
  allowEmpty: false,
  verbose: false,
  cache,
  cacheDir: join(directory, '.cache'),
  failOn: 'none',
  toolVersion: '0.0.0-test',
});

interface Report {
  metrics: { cache?: { judgements?: string; misses: number } };
  findings: Array<{ ruleId: string }>;
}

async function run(directory: string, cache: boolean): Promise<{ report: Report; rest: string }> {
  const outcome = await runAnalysis(request(directory, cache));
  const report = JSON.parse(outcome.report!) as Report & Record<string, unknown>;
  const { metrics: _metrics, ...rest } = report;
  return { report, rest: JSON.stringify(rest) };
}

describe('incremental runs', () => {
  it('report exactly what a full run reports, edit after edit, and update the last judgement when they can', async () => {
    const root = project();
    const path = (p: string): string => join(root, p);
    const edits: Array<{ name: string; edit: () => void; status: string }> = [
      { name: 'first run', edit: () => undefined, status: 'miss' },
      { name: 'a statement appended', edit: () => appendFileSync(path('src/f3.ts'), 'export const touch = 5;\n'), status: 'incremental' },
      { name: 'a clone pasted into another file', edit: () => appendFileSync(path('src/f5.ts'), BLOCK('sumF5')), status: 'incremental' },
      { name: 'a Python statement appended', edit: () => appendFileSync(path('py/y.py'), 'touch = 7\n'), status: 'incremental' },
      { name: 'two files at once', edit: () => (appendFileSync(path('src/f2.ts'), 'export const two = 2;\n'), appendFileSync(path('src/f4.ts'), BLOCK('sumF4'))), status: 'incremental' },
      { name: 'an edit undone (its facts are cached)', edit: () => writeFileSync(path('src/f3.ts'), readFileSync(path('src/f3.ts'), 'utf8').replace('export const touch = 5;\n', '')), status: 'incremental' },
      { name: 'a literal changed in the first copy of a clone', edit: () => writeFileSync(path('src/a.ts'), readFileSync(path('src/a.ts'), 'utf8').replace('item * 2', 'item * 4')), status: 'incremental' },
      { name: 'lines shifted above functions', edit: () => writeFileSync(path('src/c.ts'), `// moved\n${readFileSync(path('src/c.ts'), 'utf8')}`), status: 'incremental' },
      { name: 'a clone copy removed', edit: () => writeFileSync(path('src/f5.ts'), readFileSync(path('src/f5.ts'), 'utf8').replace(BLOCK('sumF5'), '')), status: 'incremental' },
      { name: 'an import added', edit: () => appendFileSync(path('src/f6.ts'), "import { f7 } from './f7';\nexport const six = f7;\n"), status: 'incremental' },
      { name: 'an import cycle closed', edit: () => appendFileSync(path('src/f7.ts'), "import { six } from './f6';\nexport const seven = six;\n"), status: 'incremental' },
      { name: 'the import cycle opened again', edit: () => writeFileSync(path('src/f7.ts'), readFileSync(path('src/f7.ts'), 'utf8').replace("import { six } from './f6';\nexport const seven = six;\n", '')), status: 'incremental' },
      { name: 'a Python import cycle closed', edit: () => appendFileSync(path('py/x.py'), 'from . import y\n'), status: 'incremental' },
      { name: 'the Python import deferred to a function', edit: () => writeFileSync(path('py/x.py'), readFileSync(path('py/x.py'), 'utf8').replace('from . import y\n', 'def later():\n    from . import y\n    return y\n')), status: 'incremental' },
      { name: 'a file added', edit: () => writeFileSync(path('src/new.ts'), BLOCK('sumNew')), status: 'miss' },
      { name: 'a file removed', edit: () => rmSync(path('src/f8.ts')), status: 'miss' },
      { name: 'a statement appended again', edit: () => appendFileSync(path('src/f3.ts'), 'export const again = 6;\n'), status: 'incremental' },
    ];
    const statuses: string[] = [];
    const patches: boolean[] = [];
    for (const step of edits) {
      step.edit();
      const cached = await run(root, true);
      const full = await run(root, false);
      expect(cached.rest, step.name).toBe(full.rest);
      statuses.push(`${step.name}: ${cached.report.metrics.cache?.judgements}`);
      const folder = join(root, '.cache/patches-v1');
      patches.push(existsSync(folder) && readdirSync(folder).some((name) => !name.startsWith('.')));
    }
    expect(statuses).toEqual(edits.map((step) => `${step.name}: ${step.status}`));
    // Incremental runs stored patches over the last base, and later ones ran on top of them.
    expect(patches.filter((patch, i) => patch && edits[i + 1]?.status === 'incremental').length).toBeGreaterThan(1);
    // The project has what the project rules look for, so their updates were exercised.
    const rules = new Set((await run(root, false)).report.findings.map((f) => f.ruleId));
    for (const id of ['DUPLICATION', 'CON_ALGORITHM', 'ARCH_CYCLE']) expect(rules.has(id), id).toBe(true);
  }, 120_000);
});

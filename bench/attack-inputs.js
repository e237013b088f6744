/**
 * The bounded-cost attack corpus (issue 30), shared by test/attack/bounded-cost.test.ts (each input at
 * its largest size runs to completion) and bench/attack.js (time and memory at three sizes).
 * Each input: `name`; `sizes`, three, smallest first, the largest 4x the smallest; `write(root, n)`
 * fills an empty folder; `args(root)`, the CLI arguments; `exit`, the exit code expected.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const put = (root, path, text) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const numbers = (n) => Array.from({ length: n }, (_, i) => String(i + 7));
const analyze = (root) => ['analyze', join(root, 'src'), '--no-cache', '--format', 'json', '--fail-on', 'none'];
const ALGORITHM = 'export function sortIt(a) {\n  for (let i = 0; i < a.length; i++) {\n    for (let j = 0; j < a.length - i - 1; j++) {\n      if (a[j] > a[j + 1]) { const t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }\n    }\n  }\n  return a;\n}\n';

export const HOSTILE_INPUTS = [
  { name: 'js call with n arguments', sizes: [10_000, 20_000, 40_000], write: (root, n) => put(root, 'src/a.js', `f(${numbers(n).join(', ')});\n`), args: analyze, exit: 0 },
  { name: 'python call with n arguments', sizes: [10_000, 20_000, 40_000], write: (root, n) => put(root, 'src/a.py', `f(${numbers(n).join(', ')})\n`), args: analyze, exit: 0 },
  { name: 'python operator chain of n literals', sizes: [10_000, 20_000, 40_000], write: (root, n) => put(root, 'src/a.py', `x = ${numbers(n).join(' + ')}\n`), args: analyze, exit: 0 },
  { name: 'string literal %( repeated n times (x3 copies)', sizes: [25_000, 50_000, 100_000], write: (root, n) => put(root, 'src/a.js', `${[1, 2, 3].map((i) => `export const s${i} = '${'%('.repeat(n)}';`).join('\n')}\n`), args: analyze, exit: 0 },
  { name: 'string literal of n zeros after %', sizes: [50_000, 100_000, 200_000], write: (root, n) => put(root, 'src/a.py', `a = '%${'0'.repeat(n)}!'\nb = '%${'0'.repeat(n)}!'\nc = '%${'0'.repeat(n)}!'\n`), args: analyze, exit: 0 },
  { name: 'n files with one identical function (CON_ALGORITHM)', sizes: [1_250, 2_500, 5_000], write: (root, n) => { for (let i = 0; i < n; i++) put(root, `src/f${i}.js`, ALGORITHM); }, args: analyze, exit: 0 },
  {
    name: '.gitignore with **/x/** repeated, folders n deep',
    sizes: [250, 500, 1_000],
    write: (root, n) => {
      put(root, 'src/.gitignore', `${Array.from({ length: 20 }, () => '**/x/**/x/**/x/**/y').join('\n')}\n`);
      put(root, `src/${Array.from({ length: n }, () => 'x').join('/')}/a.js`, 'export const a = 1;\n');
    },
    args: analyze,
    exit: 0,
  },
  {
    name: 'a .gitignore in each of n nested folders',
    sizes: [250, 500, 1_000],
    write: (root, n) => {
      let path = 'src';
      for (let i = 0; i < n; i++) {
        path += '/d';
        put(root, `${path}/.gitignore`, '*.tmp\n!keep.tmp\n/only-here.js\n');
      }
      put(root, `${path}/a.js`, 'export const a = 1;\n');
    },
    args: analyze,
    exit: 0,
  },
  {
    name: 'report for compare nested n deep',
    sizes: [250_000, 500_000, 1_000_000],
    write: (root, n) => {
      put(root, 'old.json', `{"version":${'['.repeat(n)}${']'.repeat(n)}}`);
      put(root, 'new.json', `{"version":${'['.repeat(n)}${']'.repeat(n)}}`);
    },
    args: (root) => ['compare', join(root, 'old.json'), join(root, 'new.json')],
    exit: 2,
  },
  {
    name: 'config nested n deep',
    sizes: [100_000, 200_000, 400_000],
    write: (root, n) => {
      put(root, 'src/a.js', 'export const a = 1;\n');
      put(root, 'config.json', `{"rules":${'['.repeat(n)}${']'.repeat(n)}}`);
    },
    args: (root) => [...analyze(root), '--config', join(root, 'config.json')],
    exit: 2,
  },
];

/**
 * Baseline costs on the bench corpus (issue 15), each figure the median of RUNS runs, run as CI runs
 * it: from the corpus root (`analyze .`), the baseline at its default place there:
 * - a warm run (nothing changed) with and without the baseline, which holds every finding of the corpus;
 * - a run with one file changed, with and without it: a comment appended (no finding changes) and a
 *   new literal (one finding more, so that file is compared again);
 * - the same one-file-changed run with the baseline outside the root (`--baseline /tmp/...`), which
 *   compares in full on every run (src/baseline/memo.ts does not stand for it);
 * - `baseline create` next to a cold `analyze`.
 * Run by `npm run bench` after bench/run.js; `node bench/baseline.js [--node 20|22|PATH] [--runs N]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';
import { resolveBenchNode } from './node-runtime.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'bin', 'run.js');
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const { path: NODE, note } = resolveBenchNode(arg('--node', '22'), join(HERE, '.corpus'));
const RUNS = Number(arg('--runs', '5'));

let cwd = process.cwd();
function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(NODE, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`connascence ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return { ms, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function timed(label, make) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(make().ms);
  return { label, ms: median(times) };
}

const corpus = ensureCorpus({ log: () => {} });
console.log(`\n== baseline (${note}, median of ${RUNS}) ==`);
for (const key of ['ts', 'py']) {
  const dir = corpus[key].dir;
  cwd = dir;
  const cache = mkdtempSync(join(tmpdir(), 'bench-baseline-cache-'));
  const baseline = join(dir, 'connascence-baseline.json');
  const outside = join(mkdtempSync(join(tmpdir(), 'bench-baseline-')), 'baseline.json');
  const common = ['--format', 'json', '--fail-on', 'none', '--cache-dir', cache];
  const cold = timed('cold analyze', () => {
    rmSync(cache, { recursive: true, force: true });
    return run(['analyze', '.', ...common]);
  });
  const create = timed('baseline create (cold)', () => {
    rmSync(cache, { recursive: true, force: true });
    return run(['baseline', 'create', '.', '--cache-dir', cache, '--force']);
  });
  run(['baseline', 'create', '.', '--cache-dir', cache, '--baseline', outside, '--force']);
  const entries = JSON.parse(readFileSync(baseline, 'utf8')).entries.length;
  run(['analyze', '.', ...common]);
  const warm = timed('warm analyze', () => run(['analyze', '.', ...common, '--no-baseline']));
  const warmWith = timed('warm analyze, baseline', () => run(['analyze', '.', ...common]));
  // One file changed: the same file edited anew before each run.
  const target = findFile(dir, key === 'ts' ? '.ts' : '.py');
  const original = readFileSync(target, 'utf8');
  let n = 0;
  const comment = () => writeFileSync(target, `${original}\n${key === 'ts' ? '//' : '#'} bench edit ${n++}\n`);
  const literal = () => writeFileSync(target, `${original}\n${key === 'ts' ? `export const benchEdit = ${1000 + n++} * 7;` : `bench_edit = ${1000 + n++} * 7`}\n`);
  const changed = timed('one file changed', () => (comment(), run(['analyze', '.', ...common, '--no-baseline'])));
  const changedWith = timed('one file changed, baseline', () => (comment(), run(['analyze', '.', ...common])));
  const literalNo = timed('one new finding', () => (literal(), run(['analyze', '.', ...common, '--no-baseline'])));
  const literalWith = timed('one new finding, baseline', () => (literal(), run(['analyze', '.', ...common])));
  const outsideWith = timed('one file changed, outside', () => (comment(), run(['analyze', '.', ...common, '--baseline', outside])));
  writeFileSync(target, original);
  rmSync(baseline, { force: true });
  const pct = (a, b) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  const added = (a, b) => `${(a.ms - b.ms).toFixed(0)} ms`;
  console.log(`${key}: ${entries} baseline entries`);
  for (const row of [cold, create, warm, warmWith, changed, changedWith, literalNo, literalWith, outsideWith]) console.log(`  ${row.label.padEnd(30)} ${row.ms.toFixed(0).padStart(6)} ms`);
  console.log(`  the baseline adds ${pct(warmWith.ms, warm.ms)} to a warm run (target < 5%); to a one-file-changed run ${added(changedWith, changed)} (comment), ${added(literalWith, literalNo)} (new finding) (target < 50 ms)`);
  console.log(`  a baseline outside the root (compared in full) adds ${added(outsideWith, changed)} to a one-file-changed run`);
  console.log(`  baseline create is ${(create.ms / cold.ms).toFixed(2)}x a cold analyze (target < 1.2x)`);
  rmSync(cache, { recursive: true, force: true });
}

function findFile(dir, ext) {
  const out = spawnSync('find', [dir, '-name', `*${ext}`, '-size', '+2k', '-size', '-8k'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
  return out[Math.floor(out.length / 2)];
}

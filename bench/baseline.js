/**
 * Baseline costs on the bench corpus (issue 15), each figure the median of RUNS runs, run as CI runs
 * it: from the corpus root (`analyze .`), the baseline at its default place there:
 * - a warm run (nothing changed) with and without the baseline, which holds every finding of the corpus;
 * - a run with one file changed, with and without it: a comment appended (no finding changes) and a
 *   new literal (one finding more, so that file is compared again);
 * - the same one-file-changed run with the baseline outside the root (`--baseline /tmp/...`), which
 *   compares in full on every run (src/baseline/memo.ts does not stand for it);
 * - `baseline create` next to a cold `analyze`;
 * - a large baseline (issue 30: it cost tens of seconds): LARGE entries (100,000 by default) that all
 *   share one message (`run takes 5 positional parameters`), in files of 100 findings each, against a
 *   warm run: with the baseline at the root (the memo), outside the root (compared in full, every
 *   entry open to a content match in its own file), with one file deleted (its entries stale: the
 *   memo gives up, compared in full) and with the folder renamed (every file moved unchanged, each
 *   matched by its recorded content). Each figure is what the baseline adds to the same run with
 *   --no-baseline, in CPU time (robust to a busy machine) and wall time.
 * Run by `npm run bench` after bench/run.js; `node bench/baseline.js [--node 20|22|PATH] [--runs N]
 * [--large N] [--large-only] [--cli PATH/bin/run.js]` (--cli: another build, for a before/after figure).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';
import { resolveBenchNode } from './node-runtime.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const CLI = arg('--cli', join(HERE, '..', 'bin', 'run.js'));
const LARGE = Number(arg('--large', '100000'));
const LARGE_ONLY = process.argv.includes('--large-only');
const { path: NODE, note } = resolveBenchNode(arg('--node', '22'), join(HERE, '.corpus'));
const RUNS = Number(arg('--runs', '5'));

let cwd = process.cwd();
/** Preloaded into each run: prints the process's CPU time (user + system, every thread) to stderr on exit. */
const CPU_PRELOAD = join(mkdtempSync(join(tmpdir(), 'bench-baseline-cpu-')), 'cpu.cjs');
writeFileSync(CPU_PRELOAD, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, `\\nbench-cpu-us ${u.userCPUTime + u.systemCPUTime}\\n`); });\n");

function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(NODE, ['--require', CPU_PRELOAD, CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`connascence ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  const cpu = /bench-cpu-us (\d+)/.exec(result.stderr);
  return { ms, cpuMs: cpu ? Number(cpu[1]) / 1000 : Number.NaN, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function timed(label, make) {
  const runs = Array.from({ length: RUNS }, () => make());
  return { label, ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

const corpus = LARGE_ONLY ? { ts: {}, py: {} } : ensureCorpus({ log: () => {} });
console.log(`\n== baseline (${note}, median of ${RUNS}) ==`);
for (const key of LARGE_ONLY ? [] : ['ts', 'py']) {
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

largeBaseline();

/** A tree of LARGE findings with one message, its baseline, and what the baseline adds to warm runs. */
function largeBaseline() {
  const PER_FILE = 100;
  const files = Math.max(1, Math.round(LARGE / PER_FILE));
  const dir = mkdtempSync(join(tmpdir(), 'bench-baseline-large-'));
  const method = 'run(a: number, b: number, c: number, d: number, e: number): number { return a + b + c + d + e; }';
  mkdirSync(join(dir, 'src'));
  for (let f = 0; f < files; f++) {
    const lines = Array.from({ length: PER_FILE }, (_, i) => `export const h${i} = { ${method} };`);
    writeFileSync(join(dir, 'src', `f${String(f).padStart(5, '0')}.ts`), `${lines.join('\n')}\n`);
  }
  cwd = dir;
  const cache = join(dir, '..', `${dir.split('/').pop()}-cache`);
  const common = ['--format', 'json', '--fail-on', 'none', '--cache-dir', cache];
  const created = run(['baseline', 'create', '.', '--cache-dir', cache, '--force']);
  const baseline = join(dir, 'connascence-baseline.json');
  const entries = JSON.parse(readFileSync(baseline, 'utf8')).entries.length;
  const outside = join(mkdtempSync(join(tmpdir(), 'bench-baseline-large-out-')), 'baseline.json');
  writeFileSync(outside, readFileSync(baseline, 'utf8').replaceAll('"path":"src/', '"path":"../' + dir.split('/').pop() + '/src/'));
  run(['analyze', '.', ...common]);
  const rows = [];
  const measure = (label, args) => {
    run(['analyze', '.', ...common, ...args]);
    const without = timed(label, () => run(['analyze', '.', ...common, '--no-baseline']));
    const withIt = timed(label, () => run(['analyze', '.', ...common, ...args]));
    rows.push({ label, without, with: withIt });
  };
  measure('baseline at the root (memo)', []);
  measure('baseline outside the root', ['--baseline', outside]);
  // One file deleted: its entries are stale, the memo gives up.
  rmSync(join(dir, 'src', 'f00000.ts'));
  measure('one file deleted (stale entries)', []);
  // The folder renamed, every file with the same content: each matched by the content the baseline
  // recorded (before issue 30, every entry searched the list of findings with its message: quadratic).
  renameSync(join(dir, 'src'), join(dir, 'lib'));
  measure('folder renamed (same content)', []);
  // CPU time (user + system) is what the baseline costs whatever else the machine runs; wall time is shown too.
  console.log(`large: ${entries} baseline entries with one message, ${files} files (baseline create ${created.ms.toFixed(0)} ms)`);
  for (const row of rows) {
    console.log(`  ${row.label.padEnd(34)} ${row.with.ms.toFixed(0).padStart(6)} ms (cpu ${row.with.cpuMs.toFixed(0)} ms); the baseline adds ${(row.with.cpuMs - row.without.cpuMs).toFixed(0).padStart(6)} ms cpu, ${(row.with.ms - row.without.ms).toFixed(0).padStart(6)} ms wall`);
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  rmSync(dirname(outside), { recursive: true, force: true });
}

function findFile(dir, ext) {
  const out = spawnSync('find', [dir, '-name', `*${ext}`, '-size', '+2k', '-size', '-8k'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
  return out[Math.floor(out.length / 2)];
}

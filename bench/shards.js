/**
 * Sharding costs on the bench corpus (issue 17), each figure the median of RUNS runs:
 * - the sum of the CPU time (user + system) of 8 shards next to one unsharded run (target <= 1.3x);
 * - the slowest of N shards for N = 2, 4, 8, run one after another, next to 1.2 x (unsharded wall / N)
 *   + start-up. Start-up is what any analysis process pays before and after its share of the work:
 *   the cold wall time of `analyze` on a tree of one file of the corpus (Node's boot, loading the
 *   engine and the parser, config, report). The bound with `connascence --version` (Node's boot and
 *   the CLI's fast start only) is printed beside it;
 * - `merge` of the 8 partials (target < 0.5 s);
 * - the partials' total size next to the facts cache entries of the same files (target <= 2x);
 * - `merge --watch`: from the last partial landing to the report written (target < 0.3 s).
 * Shards and the unsharded run are cold (--no-cache): a CI matrix job starts without a cache.
 * `--scale K` runs it on a corpus K times the size (K parts of the same shapes, each from its own
 * seed, in a temporary folder): the fixed cost of a shard process (start-up and the JIT warm-up of
 * each thread) weighs 1/K as much there.
 * `node bench/shards.js [--node 20|22|PATH] [--runs N] [--scale K]`; run by `npm run bench` (scale 1).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus, generateCorpus, writeTree } from './corpus.js';
import { resolveBenchNode } from './node-runtime.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'bin', 'run.js');
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const { path: NODE, note } = resolveBenchNode(arg('--node', '22'), join(HERE, '.corpus'));
const RUNS = Number(arg('--runs', '3'));
const ENV = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' };

/** One run: wall ms and CPU ms (user + system) from /proc of the child, via bash's `times`. */
function run(args) {
  const script = `"${NODE}" "${CLI}" ${args.map((a) => `'${a}'`).join(' ')} >/dev/null 2>/tmp/bench-shards-stderr; code=$?; times; exit $code`;
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: ENV });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`connascence ${args.join(' ')}: exit ${result.status}\n${readFileSync('/tmp/bench-shards-stderr', 'utf8')}`);
  // `times` prints the shell's and then its children's user and system time: the second line.
  const children = result.stdout.trim().split('\n').at(-1).split(/\s+/);
  const seconds = (text) => {
    const m = /(\d+)m([\d.]+)s/.exec(text);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  };
  return { wall, cpu: (seconds(children[0]) + seconds(children[1])) * 1000 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const repeat = (make) => {
  const runs = Array.from({ length: RUNS }, make);
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
};

const SCALE = Number(arg('--scale', '1'));
const corpus = SCALE > 1 ? scaledCorpus(SCALE) : ensureCorpus({ log: () => {} });
console.log(`\n== shards (${note}, median of ${RUNS}${SCALE > 1 ? `, corpus x${SCALE}` : ''}) ==`);
const boot = repeat(() => run(['--version'])).wall;
for (const key of ['ts', 'py']) {
  const dir = corpus[key].dir;
  const common = ['--no-cache', '--fail-on', 'none'];
  const startup = analysisStartup(dir, common);
  const whole = repeat(() => run(['analyze', dir, ...common, '-f', 'json']));
  console.log(`${key}: unsharded cold ${whole.wall.toFixed(0)} ms wall, ${whole.cpu.toFixed(0)} ms CPU; start-up ${startup.toFixed(0)} ms (analyze of one file), ${boot.toFixed(0)} ms (--version)`);
  let eight;
  for (const count of [2, 4, 8]) {
    const out = mkdtempSync(join(tmpdir(), `bench-shards-${count}-`));
    const shards = Array.from({ length: count }, (_, i) => repeat(() => run(['analyze', dir, ...common, '--shard', `${i + 1}/${count}`, '-f', `partial=${join(out, `s${i + 1}.partial`)}`])));
    const slowest = Math.max(...shards.map((s) => s.wall));
    const cpu = shards.reduce((sum, s) => sum + s.cpu, 0);
    const bound = 1.2 * (whole.wall / count) + startup;
    const met = (limit) => (slowest <= limit ? 'met' : 'missed');
    console.log(`  N=${count}: slowest shard ${slowest.toFixed(0)} ms (target <= 1.2 x ${(whole.wall / count).toFixed(0)} + ${startup.toFixed(0)} = ${bound.toFixed(0)} ms: ${met(bound)}; with --version as start-up ${(bound - startup + boot).toFixed(0)} ms: ${met(bound - startup + boot)}); shards' CPU ${cpu.toFixed(0)} ms = ${(cpu / whole.cpu).toFixed(2)}x unsharded`);
    if (count === 8) eight = { out, cpu };
    else rmSync(out, { recursive: true, force: true });
  }
  const partials = readdirSync(eight.out).map((name) => join(eight.out, name));
  const merged = repeat(() => run(['merge', ...partials, '-f', 'json', '--fail-on', 'none', '-d', dir]));
  console.log(`  merge of 8 partials: ${merged.wall.toFixed(0)} ms (target < 500 ms)`);
  console.log(`  sum of the 8 shards' CPU: ${(eight.cpu / whole.cpu).toFixed(2)}x the unsharded run's (target <= 1.3x)`);
  // Sizes: the partials against the facts cache entries of the same files.
  const cache = mkdtempSync(join(tmpdir(), 'bench-shards-cache-'));
  run(['analyze', dir, '--cache-dir', cache, '--fail-on', 'none', '-f', 'json']);
  const factsBytes = sizeOf(join(cache, readdirSync(cache).find((name) => name.startsWith('facts-v'))));
  const partialBytes = partials.reduce((sum, path) => sum + statSync(path).size, 0);
  console.log(`  partials ${(partialBytes / 1e6).toFixed(2)} MB, facts cache ${(factsBytes / 1e6).toFixed(2)} MB: ${(partialBytes / factsBytes).toFixed(2)}x (target <= 2x)`);
  rmSync(cache, { recursive: true, force: true });
  const watchMs = [];
  for (let i = 0; i < RUNS; i++) watchMs.push(await watchLatency(partials, dir));
  console.log(`  merge --watch: report written ${median(watchMs).toFixed(0)} ms after the last partial landed (target < 300 ms)`);
  rmSync(eight.out, { recursive: true, force: true });
}

/** Cold wall time of `analyze` on a tree holding only the corpus's first source file. */
function analysisStartup(dir, common) {
  const one = mkdtempSync(join(tmpdir(), 'bench-shards-one-'));
  const first = firstSource(dir);
  mkdirSync(join(one, 'src'));
  copyFileSync(first, join(one, 'src', first.split('/').at(-1)));
  const wall = repeat(() => run(['analyze', one, ...common, '-f', 'json'])).wall;
  rmSync(one, { recursive: true, force: true });
  return wall;
}

function firstSource(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isFile() && /\.(ts|py)$/.test(entry.name)) return path;
    if (entry.isDirectory()) {
      const found = firstSource(path);
      if (found) return found;
    }
  }
  return undefined;
}

/** K parts of the bench corpus's shapes, the first the bench corpus itself, in a temporary folder removed at exit. */
function scaledCorpus(scale) {
  const root = mkdtempSync(join(tmpdir(), 'bench-shards-scaled-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  for (let k = 0; k < scale; k++) {
    const { ts, py } = generateCorpus(k === 0 ? undefined : `connascence-bench:part-${k}`);
    writeTree(join(root, 'ts', `part-${k}`), ts);
    writeTree(join(root, 'py', `part-${k}`), py);
  }
  return { ts: { dir: join(root, 'ts') }, py: { dir: join(root, 'py') } };
}

function sizeOf(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** Starts `merge --watch`, lands 7 partials, waits, lands the last: the latency it reports. */
async function watchLatency(partials, dir) {
  const watched = mkdtempSync(join(tmpdir(), 'bench-watch-'));
  const child = spawn(NODE, [CLI, 'merge', '--watch', watched, '--expect', String(partials.length), '--timeout', '120', '-f', 'json=/dev/null', '--fail-on', 'none', '-d', dir], { env: ENV });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const waitFor = async (text) => {
    while (!stderr.includes(text)) await new Promise((r) => setTimeout(r, 20));
  };
  await waitFor('Waiting for');
  partials.slice(0, -1).forEach((path, i) => copyFileSync(path, join(watched, `p${i}.partial`)));
  await waitFor(`${partials.length - 1} of ${partials.length} in`);
  copyFileSync(partials.at(-1), join(watched, 'last.partial'));
  await new Promise((resolve) => child.on('close', resolve));
  rmSync(watched, { recursive: true, force: true });
  const m = /written (\d+) ms after the last one landed/.exec(stderr);
  if (!m) throw new Error(`merge --watch did not report:\n${stderr}`);
  return Number(m[1]);
}

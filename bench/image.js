#!/usr/bin/env node
// `npm run bench:image`: the analysis-runtime image: build times, size, container start-up, and a CI job
// in the image against a fresh CI job that installs and builds connascence first.
//
// Usage: node bench/image.js [--runs N] [--only LIST] [--strict] [--base-image IMAGE] [--fresh-npm-cache]
//   --runs N            measured `docker run` runs for the start-up section, medians reported (default 5)
//   --only LIST         comma-separated subset of sections (default: all of them)
//                         build  cold build (`image build --no-cache`) of connascence/analysis-runtime:bench,
//                                then a build after a source-only change (a copy of the repository with
//                                one comment changed in src/, `--context COPY`, tag :bench-src, removed
//                                afterwards); steps and steps served from the engine's layer cache
//                         size   image size, and size added over the base image (`docker image inspect`)
//                         start  `docker run --rm IMAGE connascence validate-environment --directory
//                                /opt/connascence/warmup-fixtures` end to end, the command's own
//                                durationMs from --json inside the image, and the whole process timed
//                                inside a running container (21 runs after one unmeasured run)
//                         ci     a fresh CI job (git clone, npm ci, npm run build, analyze -> SARIF) against
//                                a container job (docker create/start with the workspace bind-mounted,
//                                docker exec validate-environment, warmup-cache, analyze -> SARIF, docker rm)
//                       Without `build`, the sections use the existing :bench image.
//   --strict            exit 1 when a gating target of the summary table is FAIL
//   --base-image IMAGE  Node base image (default connascence/node-base:22-bookworm; build it without a
//                       registry with images/node-base/build.sh)
//   --fresh-npm-cache   give the fresh CI job's `npm ci` an empty npm cache (a CI runner without a cache
//                       action). By default it uses this machine's npm cache, which favours the fresh job.
//
// Environment: DOCKER_HOST (default unix:///run/connascence-docker.sock when that socket exists; when no
// engine answers and .ci/docker/start-dockerd.sh exists, it is used to start one), NODE_EXTRA_CA_CERTS
// (passed to the image build as --ca-cert, and left as is for the fresh job's npm ci),
// BENCH_TIMEOUT_S (per-command timeout, default 1800).
//
// Every command is a child process timed with process.hrtime around spawn -> exit. A failing command
// stops the bench: its command line, exit code and the tail of its stderr are printed, exit code 1.
// Targets (summary table): validate-environment inside the image < 300 ms, both as the command's own
// durationMs and as the whole process (Node start to exit, timed by a shell loop in a running container);
// container job saving over the fresh job (1 - container / fresh) >= 85 %. Build times, size and
// `docker run` wall time are informative. Everything lands in bench/.corpus/image-results.json.
// Exit codes: 0 done, 1 a command failed (or --strict and a target was missed), 2 bad arguments.
//
// Needs dist/ (npm run build), the docker CLI and git. Run it alone: concurrent builds or containers on
// the same engine and machine make every number noisier (the 1-min load average is recorded).

import { tail } from './tail.js';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CLI = join(ROOT, 'bin', 'run.js');
const RESULTS_DIR = join(HERE, '.corpus');
const RESULTS_FILE = join(RESULTS_DIR, 'image-results.json');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;
const OUR_SOCKET = '/run/connascence-docker.sock';

const IMAGE_REPO = 'connascence/analysis-runtime';
const TAG = `${IMAGE_REPO}:bench`;
const TAG_SRC = `${IMAGE_REPO}:bench-src`;
const FIXTURES_IN_IMAGE = '/opt/connascence/warmup-fixtures';
const WS_IN_CONTAINER = '/workspace';
/** Top-level entries not copied into the source-change build context (besides .dockerignore's work). */
const CONTEXT_SKIP = new Set(['node_modules', 'dist', '.git', 'bench', '.corpus', '.connascence', 'coverage']);

const TARGETS = {
  validateMs: 300, // validate-environment inside the image (durationMs, and the whole process), below
  savingPct: 85, // 1 - container job / fresh job, at least
};

const SECTIONS = ['build', 'size', 'start', 'ci'];

const argv = process.argv.slice(2);
const KNOWN_FLAGS = new Set(['--runs', '--only', '--strict', '--base-image', '--fresh-npm-cache']);
function argValue(name) {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : undefined;
}
function usageError(message) {
  console.error(`bench:image: ${message}`);
  process.exit(2);
}
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].split('=')[0];
  if (!KNOWN_FLAGS.has(name)) usageError(`unknown argument ${argv[i]} (see the header of bench/image.js)`);
  if (!argv[i].includes('=') && ['--runs', '--only', '--base-image'].includes(name)) i++;
}
const RUNS = Number(argValue('--runs') ?? 5);
const STRICT = argv.includes('--strict');
const FRESH_NPM_CACHE = argv.includes('--fresh-npm-cache');
const BASE_IMAGE = argValue('--base-image') ?? 'connascence/node-base:22-bookworm';
const ONLY = (argValue('--only') ?? SECTIONS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
if (!Number.isInteger(RUNS) || RUNS < 1) usageError(`--runs must be a positive integer, got ${argValue('--runs')}`);
const unknownSections = ONLY.filter((s) => !SECTIONS.includes(s));
if (unknownSections.length || ONLY.length === 0) usageError(`--only takes a comma-separated list of ${SECTIONS.join(', ')}; got ${unknownSections.join(', ') || '(nothing)'}`);
const want = (section) => ONLY.includes(section);

// ---------------------------------------------------------------------------------------------
// Child processes.

/** A command failed: `message` says which and why, `stderr` is the tail of its standard error. */
class CommandError extends Error {
  constructor(message, stderr = '') {
    super(message);
    this.name = 'CommandError';
    this.stderr = stderr;
  }
}

const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${String(a).replace(/'/g, `'\\''`)}'`);
const display = (cmd, args) => [cmd === process.execPath ? 'node' : cmd, ...args].map((a) => (typeof a === 'string' && a.startsWith(`${ROOT}/`) ? relative(ROOT, a) : a)).map(quote).join(' ');


/** Runs `cmd args`; resolves { ms, code, signal, stdout, stderr, timedOut } whatever the exit code. */
function runTimed(cmd, args, { cwd = ROOT, env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const out = tail();
    const err = tail();
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new CommandError(`cannot start \`${display(cmd, args)}\`: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, signal, stdout: out.text(), stderr: err.text(), timedOut });
    });
  });
}

function lastLines(text, n = 40) {
  const lines = text.trimEnd().split('\n');
  return (lines.length > n ? [`... (${lines.length - n} earlier lines)`, ...lines.slice(-n)] : lines).join('\n');
}

/** Like runTimed, but a non-zero exit, a signal or a timeout throws a CommandError with the stderr tail. */
async function must(cmd, args, opts = {}) {
  const r = await runTimed(cmd, args, opts);
  if (r.code === 0) return r;
  const why = r.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
  const stderr = r.stderr.trim() ? r.stderr : r.stdout;
  throw new CommandError(`\`${display(cmd, args)}\`${opts.cwd && opts.cwd !== ROOT ? ` (in ${opts.cwd})` : ''} ${why}`, lastLines(stderr));
}

const docker = (args, opts) => must('docker', args, opts);
const connascence = (args, opts) => must(process.execPath, [CLI, ...args], opts);

function parseJson(text, what) {
  const start = text.indexOf('{');
  try {
    return JSON.parse(start >= 0 ? text.slice(start) : text);
  } catch (e) {
    throw new CommandError(`${what} did not print JSON (${e.message})`, lastLines(text));
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const fmtMs = (ms) => `${Math.round(ms)}`;
const fmtMiB = (bytes) => (bytes / 2 ** 20).toFixed(1);

function printTable(rows, header, leftCols = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < leftCols ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r).trimEnd());
}

// ---------------------------------------------------------------------------------------------
// Clean-up: containers and temp dirs of this run, the :bench-src image; also on Ctrl-C.

const tempDirs = new Set();
const containers = new Set();
let removeSrcImage = false;

function tempDir(label) {
  const d = mkdtempSync(join(os.tmpdir(), `connascence-bench-image-${label}-`));
  tempDirs.add(d);
  return d;
}
function dropTempDir(d) {
  rmSync(d, { recursive: true, force: true });
  tempDirs.delete(d);
}

function cleanup() {
  for (const name of containers) spawnSync('docker', ['rm', '--force', name], { stdio: 'ignore' });
  containers.clear();
  if (removeSrcImage) {
    const r = spawnSync('docker', ['image', 'rm', TAG_SRC], { encoding: 'utf8' });
    if (r.status !== 0 && !/No such image/i.test(r.stderr)) console.error(`bench:image: could not remove ${TAG_SRC}: ${r.stderr.trim()}`);
    removeSrcImage = false;
  }
  for (const d of tempDirs) {
    try {
      rmSync(d, { recursive: true, force: true });
    } catch (e) {
      console.error(`bench:image: could not remove ${d}: ${e.message}`);
    }
  }
  tempDirs.clear();
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`\nbench:image: ${sig}: cleaning up`);
    cleanup();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Preconditions.

async function ensureEngine() {
  if (!process.env.DOCKER_HOST && existsSync(OUR_SOCKET)) process.env.DOCKER_HOST = `unix://${OUR_SOCKET}`;
  let probe = await runTimed('docker', ['version', '--format', '{{.Server.Version}}']).catch((e) => ({ code: -1, stderr: e.message, stdout: '' }));
  if (probe.code !== 0) {
    const starter = join(ROOT, '.ci', 'docker', 'start-dockerd.sh');
    if (!existsSync(starter)) throw new CommandError(`no Docker engine answers at DOCKER_HOST=${process.env.DOCKER_HOST ?? '(unset)'}`, probe.stderr);
    console.log(`no Docker engine answers at DOCKER_HOST=${process.env.DOCKER_HOST ?? '(unset)'}; starting one with .ci/docker/start-dockerd.sh`);
    const started = await must('bash', [starter, '--print-env']);
    const host = /DOCKER_HOST=['"]?([^'"\s]+)/.exec(started.stdout)?.[1];
    if (host) process.env.DOCKER_HOST = host;
    probe = await docker(['version', '--format', '{{.Server.Version}}']);
  }
  return probe.stdout.trim();
}

async function imageInfo(ref) {
  const r = await runTimed('docker', ['image', 'inspect', '--format', '{{json .}}', ref]);
  if (r.code !== 0) return null;
  const info = JSON.parse(r.stdout);
  return { id: info.Id, size: info.Size, layers: info.RootFS?.Layers?.length ?? null, created: info.Created };
}

// ---------------------------------------------------------------------------------------------
// Sections.

const record = { build: null, size: null, start: null, ci: null };
const notes = [];

function buildArgs(tag, extra = []) {
  const args = ['image', 'build', '--base-image', BASE_IMAGE, '--network', 'host', '--tag', tag, '--json', ...extra];
  if (process.env.NODE_EXTRA_CA_CERTS) args.push('--ca-cert', process.env.NODE_EXTRA_CA_CERTS);
  return args;
}

async function timedBuild(label, tag, extra) {
  console.log(`${label}: node bin/run.js ${buildArgs(tag, extra).map(quote).join(' ')}`);
  const r = await connascence(buildArgs(tag, extra));
  const built = parseJson(r.stdout, `image build (${label})`);
  console.log(`  ${fmtS(r.ms)} s wall (engine build ${fmtS(built.durationMs)} s), ${built.cachedSteps}/${built.steps} steps from cache, ${fmtMiB(built.sizeBytes)} MiB, ${built.id.slice(0, 19)}`);
  return { wallMs: r.ms, durationMs: built.durationMs, steps: built.steps, cachedSteps: built.cachedSteps, id: built.id, sizeBytes: built.sizeBytes };
}

/** A copy of the repository (what the build context needs) with one comment line changed in src/. */
function sourceChangedCopy() {
  const dir = tempDir('context');
  for (const entry of readdirSync(ROOT)) {
    if (CONTEXT_SKIP.has(entry)) continue;
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true, filter: (src) => !/[\\/](node_modules|\.connascence)([\\/]|$)/.test(relative(ROOT, src)) });
  }
  const file = ['src/errors.ts', 'src/index.ts'].map((f) => join(dir, f)).find(existsSync) ?? findFirst(join(dir, 'src'), '.ts');
  if (!file) throw new CommandError('no .ts file in src/ to change');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s*(\/\/|\/\*\*?|\*)\s*\S/.test(l));
  const stamp = ` [bench:image source-only change ${new Date().toISOString()}]`;
  if (at >= 0 && !lines[at].includes('*/')) lines[at] += stamp;
  else lines.unshift(`//${stamp}`);
  writeFileSync(file, lines.join('\n'));
  return { dir, file: relative(dir, file) };
}
function findFirst(dir, ext) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isFile() && e.name.endsWith(ext)) return p;
    if (e.isDirectory()) {
      const f = findFirst(p, ext);
      if (f) return f;
    }
  }
  return null;
}

async function sectionBuild() {
  console.log('\n== build ==');
  const previous = await imageInfo(TAG);
  const cold = await timedBuild('cold (--no-cache)', TAG, ['--no-cache']);
  if (previous && previous.id !== cold.id) {
    // The previous :bench image is now dangling: drop it unless something still uses it.
    const r = await runTimed('docker', ['image', 'rm', previous.id]);
    if (r.code === 0) console.log(`  removed the previous ${TAG} image ${previous.id.slice(0, 19)}`);
  }
  const copy = sourceChangedCopy();
  console.log(`source-only change: comment changed in ${copy.file} of a copy of the repository (${copy.dir})`);
  removeSrcImage = true;
  const changed = await timedBuild('source change (layer cache on)', TAG_SRC, ['--context', copy.dir]);
  dropTempDir(copy.dir);
  record.build = { cold, sourceChange: { ...changed, changedFile: copy.file } };
}

async function sectionSize() {
  console.log('\n== size ==');
  const image = await imageInfo(TAG);
  const base = await imageInfo(BASE_IMAGE);
  if (!image) throw new CommandError(`image ${TAG} not found (run the build section)`);
  if (!base) throw new CommandError(`base image ${BASE_IMAGE} not found`);
  const added = image.size - base.size;
  printTable(
    [
      [TAG, fmtMiB(image.size), image.layers, image.id.slice(7, 19)],
      [BASE_IMAGE, fmtMiB(base.size), base.layers, base.id.slice(7, 19)],
      ['added over the base', fmtMiB(added), image.layers - base.layers, ''],
    ],
    ['image', 'MiB', 'layers', 'id'],
  );
  record.size = { imageBytes: image.size, baseBytes: base.size, addedBytes: added, imageLayers: image.layers, baseLayers: base.layers, imageId: image.id, baseId: base.id };
}

async function sectionStart() {
  console.log(`\n== start: docker run --rm + validate-environment (${RUNS} runs) ==`);
  if (!(await imageInfo(TAG))) throw new CommandError(`image ${TAG} not found (run the build section)`);
  const plain = ['run', '--rm', TAG, 'connascence', 'validate-environment', '--directory', FIXTURES_IN_IMAGE];
  const json = [...plain, '--json'];
  const wall = [];
  const own = [];
  const perCheck = {};
  let last = null;
  for (let run = 1; run <= RUNS; run++) {
    const r = await docker(plain);
    wall.push(r.ms);
    const j = await docker(json);
    last = parseJson(j.stdout, 'validate-environment --json');
    own.push(last.durationMs);
    for (const c of last.checks ?? []) (perCheck[c.id] ??= []).push(c.durationMs ?? 0);
    console.log(`  run ${run}/${RUNS}: docker run ${fmtMs(r.ms)} ms end to end; durationMs ${last.durationMs} (status ${last.status})`);
  }
  const notOk = (last.checks ?? []).filter((c) => c.status !== 'ok').map((c) => `${c.id}: ${c.status}${c.value ? ` (${c.value})` : ''}`);
  if (notOk.length) console.log(`  checks not ok: ${notOk.join('; ')}`);
  const checkMedians = Object.fromEntries(Object.entries(perCheck).map(([id, ms]) => [id, median(ms)]).sort((a, b) => b[1] - a[1]));
  console.log(`  median: docker run ${fmtMs(median(wall))} ms, validate-environment ${fmtMs(median(own))} ms`);
  console.log(`  median ms per check: ${Object.entries(checkMedians).map(([id, ms]) => `${id} ${fmtMs(ms)}`).join(', ')}`);
  const processMs = await processTimesInContainer();
  console.log(`  whole process inside a running container (user node, ${processMs.length} runs): median ${fmtMs(median(processMs))} ms [${processMs.join(' ')}]`);
  record.start = {
    checkMedianMs: checkMedians,
    command: display('docker', plain),
    wallMs: wall,
    medianWallMs: median(wall),
    durationMs: own,
    medianDurationMs: median(own),
    processMs,
    medianProcessMs: median(processMs),
    status: last.status,
    checksNotOk: notOk,
  };
}

/** Runs of the whole `connascence validate-environment` process inside the container, per run. */
const PROCESS_RUNS = 21;

/**
 * The whole `connascence validate-environment` process (Node start to exit), timed inside a running
 * container as a CI container job runs its steps (the image's default user), without docker exec's own
 * cost: a shell loop in the container reads the clock around each run. One unmeasured run first.
 */
async function processTimesInContainer() {
  const name = `connascence-bench-start-${process.pid}`;
  await docker(['create', '--name', name, '--entrypoint', 'tail', TAG, '-f', '/dev/null']);
  try {
    await docker(['start', name]);
    const loop = [
      `connascence validate-environment --directory ${FIXTURES_IN_IMAGE} > /dev/null`,
      `for i in $(seq ${PROCESS_RUNS}); do`,
      `  a=$(date +%s%N); connascence validate-environment --directory ${FIXTURES_IN_IMAGE} > /dev/null; b=$(date +%s%N)`,
      `  echo $(( (b - a) / 1000000 ))`,
      'done',
    ].join('\n');
    const r = await docker(['exec', name, 'sh', '-e', '-c', loop]);
    const times = r.stdout.trim().split('\n').map(Number);
    if (times.length !== PROCESS_RUNS || times.some((t) => !Number.isFinite(t))) throw new CommandError(`unexpected timing output from the container: ${r.stdout.slice(0, 200)}`);
    return times;
  } finally {
    await runTimed('docker', ['rm', '-f', name]);
  }
}

function sarifSummary(file) {
  if (!existsSync(file)) throw new CommandError(`no SARIF report at ${file}`);
  const sarif = parseJson(readFileSync(file, 'utf8'), file);
  if (!Array.isArray(sarif.runs)) throw new CommandError(`${file} is not SARIF (no runs array)`);
  return { results: sarif.runs.reduce((n, r) => n + (r.results?.length ?? 0), 0), bytes: statSync(file).size };
}

async function step(steps, label, cmd, args, opts) {
  const r = await must(cmd, args, opts);
  steps.push({ step: label, command: display(cmd, args), ms: r.ms });
  console.log(`  ${label.padEnd(24)} ${fmtS(r.ms).padStart(7)} s`);
  return r;
}

async function freshJob() {
  console.log(`fresh CI job (${FRESH_NPM_CACHE ? 'empty npm cache' : "this machine's npm cache"}):`);
  const dir = tempDir('fresh');
  const repo = join(dir, 'repo');
  const env = { ...process.env };
  if (FRESH_NPM_CACHE) env.npm_config_cache = join(dir, 'npm-cache');
  const steps = [];
  const t0 = process.hrtime.bigint();
  await step(steps, 'git clone', 'git', ['clone', '--quiet', ROOT, repo], { env });
  await step(steps, 'npm ci', 'npm', ['ci'], { cwd: repo, env });
  await step(steps, 'npm run build', 'npm', ['run', 'build'], { cwd: repo, env });
  await step(steps, 'analyze -> SARIF', process.execPath, ['bin/run.js', 'analyze', 'warmup-fixtures', '--format', 'sarif', '--output', 'x.sarif', '--fail-on', 'none'], { cwd: repo, env });
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const sarif = sarifSummary(join(repo, 'x.sarif'));
  console.log(`  ${'total'.padEnd(24)} ${fmtS(totalMs).padStart(7)} s (${sarif.results} SARIF results)`);
  dropTempDir(dir);
  return { totalMs, steps, sarif, npmCache: FRESH_NPM_CACHE ? 'empty' : 'machine' };
}

async function containerJob() {
  console.log('container job:');
  const dir = tempDir('ws');
  const ws = join(dir, 'warmup-fixtures');
  cpSync(join(ROOT, 'warmup-fixtures'), ws, { recursive: true, filter: (src) => !/[\\/]\.connascence([\\/]|$)/.test(src) });
  // The image runs as `node` (uid 1000): the checkout must be writable for the cache and the report.
  const openUp = (p) => {
    chmodSync(p, statSync(p).isDirectory() ? 0o777 : 0o666);
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) openUp(join(p, e));
  };
  openUp(ws);
  const name = `connascence-bench-image-${process.pid}`;
  const steps = [];
  const t0 = process.hrtime.bigint();
  containers.add(name);
  await step(steps, 'docker create', 'docker', ['create', '--name', name, '--entrypoint', 'tail', '-v', `${ws}:${WS_IN_CONTAINER}`, '-w', WS_IN_CONTAINER, TAG, '-f', '/dev/null']);
  await step(steps, 'docker start', 'docker', ['start', name]);
  const exec = (label, script) => step(steps, label, 'docker', ['exec', name, 'sh', '-e', '-c', script]);
  await exec('validate-environment', `connascence validate-environment --directory ${WS_IN_CONTAINER}`);
  await exec('warmup-cache', `connascence warmup-cache --directory ${WS_IN_CONTAINER}`);
  await exec('analyze -> SARIF', `connascence analyze ${WS_IN_CONTAINER} --format sarif --output ${WS_IN_CONTAINER}/results.sarif --fail-on none`);
  await step(steps, 'docker rm --force', 'docker', ['rm', '--force', name]);
  containers.delete(name);
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const sarif = sarifSummary(join(ws, 'results.sarif'));
  console.log(`  ${'total'.padEnd(24)} ${fmtS(totalMs).padStart(7)} s (${sarif.results} SARIF results)`);
  dropTempDir(dir);
  return { totalMs, steps, sarif };
}

async function sectionCi() {
  console.log('\n== CI job: fresh install vs analysis-runtime container ==');
  if (!(await imageInfo(TAG))) throw new CommandError(`image ${TAG} not found (run the build section)`);
  const fresh = await freshJob();
  const container = await containerJob();
  const saving = 1 - container.totalMs / fresh.totalMs;
  if (fresh.sarif.results !== container.sarif.results) {
    notes.push(`the SARIF reports differ: ${fresh.sarif.results} results in the fresh job, ${container.sarif.results} in the container job`);
  }
  console.log(`  saving: 1 - ${fmtS(container.totalMs)} s / ${fmtS(fresh.totalMs)} s = ${(saving * 100).toFixed(1)} %`);
  record.ci = { fresh, container, saving };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(ROOT, 'dist')) || !existsSync(join(ROOT, 'oclif.manifest.json'))) {
    throw new CommandError('dist/ or oclif.manifest.json is missing: run `npm run build` first (npm run bench:image does)');
  }
  if (process.env.NODE_EXTRA_CA_CERTS && !existsSync(process.env.NODE_EXTRA_CA_CERTS)) {
    throw new CommandError(`NODE_EXTRA_CA_CERTS=${process.env.NODE_EXTRA_CA_CERTS} does not exist`);
  }
  const engine = await ensureEngine();
  const base = await imageInfo(BASE_IMAGE);
  if (!base && want('build')) throw new CommandError(`base image ${BASE_IMAGE} not found: build it with images/node-base/build.sh (no registry needed)`);
  const loadStart = os.loadavg()[0];
  console.log(`engine ${engine} at ${process.env.DOCKER_HOST ?? '(default socket)'}; base ${BASE_IMAGE}; ${os.cpus().length} CPUs, 1-min load ${loadStart.toFixed(2)}`);

  if (want('build')) await sectionBuild();
  if (want('size')) await sectionSize();
  if (want('start')) await sectionStart();
  if (want('ci')) await sectionCi();

  // ---- Summary.
  const summary = [];
  const row = (metric, measured, target, verdict, gating, value) => summary.push({ metric, measured, target, verdict, gating, value });
  const b = record.build;
  if (b) {
    row('cold build (--no-cache)', `${fmtS(b.cold.wallMs)} s (${b.cold.cachedSteps}/${b.cold.steps} steps cached)`, 'info', 'info', false, b.cold.wallMs);
    const sc = b.sourceChange;
    row('build after a source-only change', `${fmtS(sc.wallMs)} s (${sc.cachedSteps}/${sc.steps} steps cached)`, 'info', 'info', false, sc.wallMs);
  }
  const s = record.size;
  if (s) {
    row('image size', `${fmtMiB(s.imageBytes)} MiB`, 'info', 'info', false, s.imageBytes);
    row('size added over the base image', `${fmtMiB(s.addedBytes)} MiB (base ${fmtMiB(s.baseBytes)} MiB)`, 'info', 'info', false, s.addedBytes);
  }
  const st = record.start;
  if (st) {
    row('docker run --rm + validate-environment', `${fmtMs(st.medianWallMs)} ms (median of ${RUNS})`, 'info', 'info', false, st.medianWallMs);
    row('validate-environment durationMs in image', `${fmtMs(st.medianDurationMs)} ms (median of ${RUNS})`, `< ${TARGETS.validateMs} ms`, st.medianDurationMs < TARGETS.validateMs ? 'PASS' : 'FAIL', true, st.medianDurationMs);
    if (st.medianProcessMs !== undefined) {
      row('validate-environment whole process in a container', `${fmtMs(st.medianProcessMs)} ms (median of ${st.processMs.length})`, `< ${TARGETS.validateMs} ms`, st.medianProcessMs < TARGETS.validateMs ? 'PASS' : 'FAIL', true, st.medianProcessMs);
    }
  }
  const c = record.ci;
  if (c) {
    row('fresh CI job (clone, npm ci, build, analyze)', `${fmtS(c.fresh.totalMs)} s`, 'info', 'info', false, c.fresh.totalMs);
    row('container job (create..rm, 3 exec steps)', `${fmtS(c.container.totalMs)} s`, 'info', 'info', false, c.container.totalMs);
    row('saving 1 - container/fresh', `${(c.saving * 100).toFixed(1)} %`, `>= ${TARGETS.savingPct} %`, c.saving * 100 >= TARGETS.savingPct ? 'PASS' : 'FAIL', true, c.saving);
  }
  const loadEnd = os.loadavg()[0];
  if (Math.max(loadStart, loadEnd) > os.cpus().length * 0.75) {
    notes.push(`the machine was busy (1-min load ${loadStart.toFixed(2)} -> ${loadEnd.toFixed(2)} on ${os.cpus().length} CPUs); timings are noisy`);
  }

  console.log('\nsummary:');
  printTable(summary.map((r) => [r.metric, r.measured, r.target, r.verdict]), ['metric', 'measured', 'target', 'verdict'], 3);
  for (const n of notes) console.log(`note: ${n}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const out = {
    schema: 1,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, totalMemMB: Math.round(os.totalmem() / 2 ** 20), platform: `${os.platform()} ${os.release()}`, node: process.version },
    engine: { version: engine, host: process.env.DOCKER_HOST ?? null },
    image: TAG,
    baseImage: BASE_IMAGE,
    sections: ONLY,
    runs: RUNS,
    caCert: Boolean(process.env.NODE_EXTRA_CA_CERTS),
    targets: TARGETS,
    build: record.build,
    size: record.size,
    start: record.start,
    ci: record.ci,
    loadAverage: { start: loadStart, end: loadEnd },
    summary,
    notes,
  };
  writeFileSync(RESULTS_FILE, JSON.stringify(out, null, 2) + '\n');
  console.log(`results: ${relative(ROOT, RESULTS_FILE)}`);
  const missed = summary.filter((r) => r.gating && r.verdict === 'FAIL');
  if (STRICT && missed.length) {
    console.error(`\nbench:image: --strict: ${missed.length} target(s) missed: ${missed.map((r) => r.metric).join('; ')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((err) => {
    if (err instanceof CommandError) {
      console.error(`\nbench:image: FAILED: ${err.message}`);
      if (err.stderr) console.error(err.stderr.replace(/^/gm, '  | '));
    } else console.error(err?.stack ?? err);
    process.exitCode = 1;
  })
  .finally(cleanup);

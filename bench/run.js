#!/usr/bin/env node
// `npm run bench`: connascence vs ESLint, side by side, on the synthetic corpus (bench/corpus.js).
//
// Each tool runs as a child process, timed with process.hrtime around spawn -> exit, RUNS times,
// interleaved (connascence TS, ESLint TS, ESLint TS multithreaded, connascence Python) so drift on
// the machine hits every tool alike. Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when it
// is installed, otherwise from polling VmHWM in /proc/<pid>/status (marked `~`).
//
// Options: --runs N (default 3, or BENCH_RUNS), --strict (exit 1 when the speed target is missed),
//          --no-eslint-mt (skip the ESLint --concurrency=auto row).
// Exit codes: 0 done, 1 a tool failed (connascence non-zero exit, ESLint crash, unparsable corpus)
//             or --strict and the target was missed.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, ensureCorpus, GENERATOR_VERSION } from './corpus.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CLI = join(ROOT, 'bin', 'run.js');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const ESLINT_CONFIG = join(CORPUS_DIR, 'eslint.config.mjs');
const RESULTS_FILE = join(CORPUS_DIR, 'results.json');
const TARGET_RATIO = 4;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 900) * 1000;

const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = Number(runsArg >= 0 ? argv[runsArg + 1] : (process.env.BENCH_RUNS ?? 3));
const STRICT = argv.includes('--strict');
const ESLINT_MT = !argv.includes('--no-eslint-mt');
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench: --runs must be a positive integer, got ${RUNS}`);
  process.exit(2);
}

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

/** Keeps the last `limit` bytes of a stream. */
function tail(limit = 1 << 20) {
  let chunks = [];
  let size = 0;
  return {
    push(buf) {
      chunks.push(buf);
      size += buf.length;
      while (size > limit && chunks.length > 1) size -= chunks.shift().length;
    },
    text() {
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/**
 * Runs `cmd args` in `cwd`. Resolves { wallS, code, signal, stdout, stderr, rssKB, timedOut }.
 * With GNU time the measured process is `time` itself, which only adds an exec and a wait4.
 */
function runTimed(cmd, args, { cwd, env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const rssFile = join(CORPUS_DIR, `.rss-${process.pid}.txt`);
    rmSync(rssFile, { force: true });
    const [file, fileArgs] = hasGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const out = tail();
    const err = tail();
    const started = process.hrtime.bigint();
    const child = spawn(file, fileArgs, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    child.stdout.on('data', (b) => out.push(b));
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

function probeConnascence() {
  if (!existsSync(CLI)) return { ok: false, why: `${relative(ROOT, CLI)} is missing` };
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.error || r.status !== 0) {
    return { ok: false, why: `\`node bin/run.js analyze --help\` exited ${r.status ?? r.error?.message}`, stderr: (r.stderr || '') + (r.stdout || '') };
  }
  const help = r.stdout + r.stderr;
  const has = (flag) => new RegExp(`(^|[\\s,])--${flag}(\\b|=)`, 'm').test(help);
  const hasNegatable = (flag) => new RegExp(`--\\[no-\\]${flag}\\b`).test(help);
  return {
    ok: true,
    noCache: has('no-cache') || hasNegatable('cache'),
    format: has('format'),
    output: has('output'),
    failOn: has('fail-on'),
  };
}

function connascenceArgs(probe, dir, outFile) {
  const args = [CLI, 'analyze', dir];
  if (probe.format) args.push('--format', 'json');
  if (probe.output) args.push('--output', outFile);
  if (probe.failOn) args.push('--fail-on', 'none');
  if (probe.noCache) args.push('--no-cache');
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

// ---------------------------------------------------------------------------------------------
// Main.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (s) => (s === null || s === undefined ? '-' : s.toFixed(2));
const fmtRate = (n) => (n === null || n === undefined || !Number.isFinite(n) ? '-' : Math.round(n).toLocaleString('en-US'));
const fmtMB = (kb, approx) => (kb === null || kb === undefined ? '-' : `${approx ? '~' : ''}${(kb / 1024).toFixed(0)}`);

function printTable(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const corpus = ensureCorpus();
  console.log(`corpus: TypeScript ${corpus.ts.files} files, ${corpus.ts.lines.toLocaleString('en-US')} lines; Python ${corpus.py.files} files, ${corpus.py.lines.toLocaleString('en-US')} lines (generator v${GENERATOR_VERSION}, ${corpus.regenerated ? 'regenerated' : 'cached'})`);
  const loadStart = os.loadavg()[0];
  console.log(`machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load ${loadStart.toFixed(2)}, peak RSS via ${rssSource}`);

  const probe = probeConnascence();
  const failures = [];
  if (!probe.ok) {
    failures.push(`connascence CLI unavailable: ${probe.why}`);
    console.error(`\nbench: connascence CLI unavailable: ${probe.why}`);
    if (probe.stderr) console.error(probe.stderr.trim());
    console.error('bench: running the ESLint peer anyway so its numbers are on record.\n');
  } else {
    const missing = ['format', 'output', 'failOn'].filter((k) => !probe[k]);
    if (missing.length) console.log(`bench: note: \`analyze --help\` does not list ${missing.join(', ')}; not passing ${missing.length > 1 ? 'them' : 'it'}`);
    if (!probe.noCache) console.log('bench: note: `analyze` has no --no-cache flag; clearing cache dirs under bench/.corpus and isolating XDG_CACHE_HOME before every run');
  }
  writeEslintConfig();

  const tasks = [];
  const connTs = join(CORPUS_DIR, 'connascence-ts.json');
  const connPy = join(CORPUS_DIR, 'connascence-py.json');
  if (probe.ok) {
    tasks.push({ key: 'connascence-ts', tool: 'connascence', corpus: 'ts', cmd: process.execPath, args: connascenceArgs(probe, corpus.ts.dir, connTs), out: connTs, kind: 'connascence' });
  }
  tasks.push({
    key: 'eslint-ts', tool: 'eslint', corpus: 'ts', cmd: process.execPath,
    args: [ESLINT, '-c', ESLINT_CONFIG, '--format', 'json', '--output-file', join(CORPUS_DIR, 'eslint-ts.json'), 'ts'],
    out: join(CORPUS_DIR, 'eslint-ts.json'), kind: 'eslint',
  });
  if (ESLINT_MT) {
    tasks.push({
      key: 'eslint-ts-mt', tool: 'eslint --concurrency=auto', corpus: 'ts', cmd: process.execPath,
      args: [ESLINT, '-c', ESLINT_CONFIG, '--concurrency', 'auto', '--format', 'json', '--output-file', join(CORPUS_DIR, 'eslint-ts-mt.json'), 'ts'],
      out: join(CORPUS_DIR, 'eslint-ts-mt.json'), kind: 'eslint',
    });
  }
  if (probe.ok) {
    tasks.push({ key: 'connascence-py', tool: 'connascence', corpus: 'py', cmd: process.execPath, args: connascenceArgs(probe, corpus.py.dir, connPy), out: connPy, kind: 'connascence' });
  }

  const results = Object.fromEntries(tasks.map((t) => [t.key, { ...t, runs: [], failed: null }]));
  for (let run = 1; run <= RUNS; run++) {
    for (const t of tasks) {
      const res = results[t.key];
      if (res.failed) continue;
      rmSync(t.out, { force: true });
      const env = {};
      if (t.kind === 'connascence') {
        env.NO_COLOR = '1';
        if (!probe.noCache) {
          clearConnascenceCaches();
          env.XDG_CACHE_HOME = join(CORPUS_DIR, '.xdg-cache');
        }
      }
      process.stdout.write(`run ${run}/${RUNS}  ${t.tool.padEnd(26)} ${t.corpus}  ... `);
      const r = await runTimed(t.cmd, t.args, { cwd: CORPUS_DIR, env });
      const ok = t.kind === 'eslint' ? r.code === 0 || r.code === 1 : r.code === 0 || (!probe.failOn && r.code === 1);
      if (!ok || r.timedOut) {
        console.log(`FAILED (${r.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : r.signal ? `signal ${r.signal}` : `exit ${r.code}`})`);
        const msg = `${t.tool} on ${t.corpus} ${r.timedOut ? 'timed out' : `exited ${r.code ?? r.signal}`}`;
        console.error(`--- ${t.tool} stderr ---\n${r.stderr.trim() || '(empty)'}`);
        if (r.stdout.trim()) console.error(`--- ${t.tool} stdout (tail) ---\n${r.stdout.trim().slice(-4000)}`);
        console.error(`--- command: ${[t.cmd, ...t.args].join(' ')} (cwd ${CORPUS_DIR})`);
        res.failed = msg;
        failures.push(msg);
        continue;
      }
      if (!existsSync(t.out) || statSync(t.out).size === 0) {
        console.log('FAILED (no report written)');
        const msg = `${t.tool} on ${t.corpus} wrote no report to ${relative(ROOT, t.out)}`;
        console.error(`--- ${t.tool} stderr ---\n${r.stderr.trim() || '(empty)'}`);
        res.failed = msg;
        failures.push(msg);
        continue;
      }
      res.runs.push({ wallS: r.wallS, rssKB: r.rssKB, code: r.code });
      console.log(`${r.wallS.toFixed(2)} s, exit ${r.code}, peak RSS ${fmtMB(r.rssKB, !hasGnuTime)} MB`);
    }
  }

  // Reports from the last run: sanity checks and finding counts.
  const summaries = {};
  for (const t of tasks) {
    const res = results[t.key];
    if (res.failed) continue;
    const report = readJson(t.out);
    const summary = t.kind === 'eslint' ? summariseEslint(report) : summariseConnascence(report);
    summaries[t.key] = summary;
    if (!summary) {
      failures.push(`${t.tool} on ${t.corpus}: report ${relative(ROOT, t.out)} is not the expected JSON`);
      continue;
    }
    const expected = corpus[t.corpus].files;
    if (summary.files !== null && summary.files !== expected) {
      console.log(`bench: WARNING: ${t.tool} on ${t.corpus} reports ${summary.files} files, the corpus has ${expected}`);
    }
    if (t.kind === 'eslint' && summary.fatal > 0) {
      failures.push(`ESLint could not parse ${summary.fatal} corpus file(s): ${summary.fatalSamples.join('; ')}`);
    }
  }

  // Table.
  const header = ['tool', 'corpus', 'files', 'lines', 'median s', 'min s', 'files/s', 'lines/s', 'peak RSS MB'];
  const rows = [];
  const computed = {};
  for (const t of tasks) {
    const res = results[t.key];
    const c = corpus[t.corpus];
    if (res.runs.length === 0) {
      rows.push([t.tool, t.corpus, c.files, c.lines, 'FAILED', '-', '-', '-', '-']);
      continue;
    }
    const times = res.runs.map((r) => r.wallS);
    const med = median(times);
    const min = Math.min(...times);
    const rss = res.runs.map((r) => r.rssKB).filter((v) => v !== null);
    const maxRss = rss.length ? Math.max(...rss) : null;
    computed[t.key] = { median: med, min, maxRssKB: maxRss, times, rssKB: res.runs.map((r) => r.rssKB) };
    rows.push([t.tool, t.corpus, c.files, c.lines, fmtS(med), fmtS(min), fmtRate(c.files / med), fmtRate(c.lines / med), fmtMB(maxRss, !hasGnuTime)]);
  }
  console.log('');
  printTable(rows, header);

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
  if (es) {
    console.log('\nfindings on the TypeScript corpus (last run):');
    printTable(
      pairs.map(([c, e]) => [c, e, cs?.byRule ? String(cs.byRule[c] ?? 0) : '-', String(es.byRule[e] ?? 0)]),
      ['connascence rule', 'eslint rule', 'connascence', 'eslint'],
    );
    if (cs) console.log(`connascence: ${cs.findings ?? '?'} findings in total on ts${cs.files !== null ? `, ${cs.files} files` : ''}`);
    console.log(`eslint: ${es.findings} problems in ${es.files} files`);
  }
  const cp = summaries['connascence-py'];
  if (cp) console.log(`connascence: ${cp.findings ?? '?'} findings in total on py${cp.files !== null ? `, ${cp.files} files` : ''}`);

  // Ratio.
  let ratio = null;
  let ratioMt = null;
  let ratioMin = null;
  let verdict = 'N/A';
  if (computed['connascence-ts'] && computed['eslint-ts']) {
    ratio = computed['eslint-ts'].median / computed['connascence-ts'].median;
    ratioMin = computed['eslint-ts'].min / computed['connascence-ts'].min;
    verdict = ratio >= TARGET_RATIO ? 'PASS' : 'FAIL';
    if (computed['eslint-ts-mt']) ratioMt = computed['eslint-ts-mt'].median / computed['connascence-ts'].median;
  }
  console.log('');
  if (ratio !== null) {
    console.log(`ESLint / connascence on the TypeScript corpus (median wall time): ${ratio.toFixed(2)}x  target >= ${TARGET_RATIO}x faster: ${verdict}`);
    console.log(`ESLint / connascence on best runs (min wall time, informative): ${ratioMin.toFixed(2)}x`);
    if (ratioMt !== null) console.log(`ESLint --concurrency=auto / connascence (median, informative): ${ratioMt.toFixed(2)}x`);
    const loadEnd = os.loadavg()[0];
    if (Math.max(loadStart, loadEnd) > os.cpus().length * 0.75) {
      console.log(`bench: note: the machine was busy (1-min load ${loadStart.toFixed(2)} -> ${loadEnd.toFixed(2)} on ${os.cpus().length} CPUs); timings are noisy`);
    }
  } else {
    console.log(`ESLint / connascence ratio: not available (target >= ${TARGET_RATIO}x faster: N/A)`);
  }

  const out = {
    schema: 1,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, totalMemMB: Math.round(os.totalmem() / 2 ** 20), platform: `${os.platform()} ${os.release()}`, node: process.version },
    corpus: { generatorVersion: GENERATOR_VERSION, ts: { files: corpus.ts.files, lines: corpus.ts.lines }, py: { files: corpus.py.files, lines: corpus.py.lines } },
    runsPerTool: RUNS,
    rssSource,
    connascenceFlags: probe.ok ? { noCache: probe.noCache, format: probe.format, output: probe.output, failOn: probe.failOn } : null,
    tools: tasks.map((t) => {
      const c = corpus[t.corpus];
      const m = computed[t.key];
      return {
        key: t.key,
        tool: t.tool,
        corpus: t.corpus,
        command: ['node', ...t.args.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a))].join(' '),
        failed: results[t.key].failed,
        files: c.files,
        lines: c.lines,
        timesS: m?.times ?? [],
        medianS: m?.median ?? null,
        minS: m?.min ?? null,
        filesPerS: m ? c.files / m.median : null,
        linesPerS: m ? c.lines / m.median : null,
        peakRssKB: m?.maxRssKB ?? null,
        rssKBPerRun: m?.rssKB ?? [],
        findings: summaries[t.key] ? { total: summaries[t.key].findings, byRule: summaries[t.key].byRule, filesReported: summaries[t.key].files } : null,
      };
    }),
    loadAverage: { start: loadStart, end: os.loadavg()[0] },
    ratio: { eslintOverConnascence: ratio, eslintOverConnascenceMin: ratioMin, eslintConcurrentOverConnascence: ratioMt, target: TARGET_RATIO, verdict },
    failures,
  };
  writeFileSync(RESULTS_FILE, JSON.stringify(out, null, 2) + '\n');
  console.log(`results: ${relative(ROOT, RESULTS_FILE)}`);

  if (failures.length) {
    console.error(`\nbench: FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  if (STRICT && verdict !== 'PASS') process.exit(1);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});

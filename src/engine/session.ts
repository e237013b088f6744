import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, EnvironmentError, EXIT } from '../errors.js';
import { describeError } from '../cache/fs-errors.js';
import { createCacheDir, untrustedCacheReason } from '../cache/trust.js';
import { DEFAULT_MAX_FILE_SIZE } from '../discovery/defaults.js';
import { loadConfig } from '../policy/config.js';
import { FactsCache } from '../cache/facts-cache.js';
import { JudgementCache } from '../cache/judgement-cache.js';
import { renderKey, ReportCache, reportSlot, type Replay } from '../cache/report-cache.js';
import { StampIndex } from '../cache/stamp-index.js';
import { resolveCacheDir, resolveSnapshotDirs, unwrittenWarning } from '../cache/location.js';
import { gateOfCounts, type FailOn, type GateResult } from '../policy/gate.js';
import { resolvePolicy } from '../policy/resolve.js';
import { checkPolicyGlobs } from '../policy/file-kinds.js';
import { joinParts, pathBaseOf, renderReportParts, type ReportFormat, type ReportPart } from '../report/index.js';
import { spliceMetrics } from '../report/json.js';
import { shouldUseColor } from '../report/color.js';
import { writeReportFile } from '../report/output.js';
import { SEVERITIES, type PresetName } from '../rules/types.js';
import { analyzeDirectory, checkRoot, knownRunKey, round } from './analyze.js';
import type { AnalysisResult, SkippedFile } from './types.js';
import { printable } from '../printable.js';
import { applySuppressions } from './suppress.js';
import { baselineLocation } from '../baseline/compare.js';
import { applyBaseline, type OpenBaseline } from '../baseline/apply.js';

export interface AnalysisRequest {
  directory: string;
  preset?: PresetName;
  configPath?: string;
  format: ReportFormat;
  output?: string;
  failOn?: FailOn;
  /** --max-file-size; it wins over the config file's maxFileSize. */
  maxFileSize?: number;
  include: string[];
  exclude: string[];
  includeTests: boolean;
  allowEmpty: boolean;
  verbose: boolean;
  workers?: number;
  /** false with --no-cache. */
  cache: boolean;
  cacheDir?: string;
  /** --baseline FILE. */
  baseline?: string;
  /** false with --no-baseline: no baseline, even the one at the root. */
  useBaseline?: boolean;
  /** --include-suppressed: SARIF keeps the suppressed findings (with `suppressions`). */
  includeSuppressed?: boolean;
  toolVersion: string;
}

export interface AnalysisOutcome {
  exitCode: number;
  /** The report for standard output, unless it went to a file. */
  report?: string;
  /** Lines for standard error. */
  messages: string[];
}

/** Config -> policy -> analysis -> report -> gate, for `connascence analyze`. */
export async function runAnalysis(request: AnalysisRequest): Promise<AnalysisOutcome> {
  const started = performance.now();
  const root = checkRoot(request.directory);
  const { loaded, config, policy, progress, opened, store, stamps, toolVersion, options } = setUpRun(root, request);
  const failOn = request.failOn ?? config.failOn ?? 'high';
  const color = request.output ? false : shouldUseColor(process.stdout, process.env);
  const replays = store && replayable(request) ? { cache: new ReportCache(store.dir), slot: reportSlot(root, policy, request.format) } : undefined;
  const paths = pathBaseOf(root, process.cwd());
  const baseline = openBaseline(root, request, config.baseline, loaded.path);
  const keyOfReport = (runKey: string): string => renderKey({ runKey, format: request.format, toolVersion, color, verbose: request.verbose, failOn, pathBase: paths.base, baseline: [baseline ? `${baseline.file}\0${baseline.stamp}` : '', config.requireSuppressionReason === true, request.includeSuppressed === true].join('\0') });
  const mark = performance.now();
  const known = knownRunKey({ ...options, toolVersion });
  const discoverMs = performance.now() - mark;
  if (replays && known.key) {
    const replay = replays.cache.read(replays.slot, keyOfReport(known.key));
    if (replay) return replayed(replay, request, { started, discoverMs, hashMs: performance.now() - mark - discoverMs });
  }
  const analysed = await analyzeDirectory({ ...options, discovery: { found: known.discovery, ms: discoverMs }, judgements: store ? { cache: new JudgementCache(store.dir), toolVersion } : undefined });
  finishRun(request, { root, result: analysed, stamps, progress });
  const { result, suppressed } = applySuppressions(analysed, policy, { requireReason: config.requireSuppressionReason === true });
  // With a baseline the gate counts the new findings only; otherwise the summary's counts (then
  // `findings` may be stored text that a JSON report never parses).
  const compared = baseline ? applyBaseline(result, baseline, { include: policy.include, ...(store ? { cacheDir: store.dir } : {}) }) : undefined;
  const shown = compared?.result ?? result;
  const gate = gateOfCounts(compared?.newBySeverity ?? result.summary.bySeverity, failOn);
  const findingCount = SEVERITIES.reduce((sum, severity) => sum + result.summary.bySeverity[severity], 0);
  // The report shows the time up to its rendering: a report cannot state how long it took to write
  // itself without a placeholder in its text, which source quoted in it could hold as well.
  const report = renderReportParts(shown, request.format, { color, gate, verbose: request.verbose, toolVersion: request.toolVersion, paths, suppressed, includeSuppressed: request.includeSuppressed === true, ...(compared ? { baseline: compared.summary } : {}) });
  // An incremental run (some files changed since the last run) does not store its report: the next
  // run is most often another edit, and one with nothing changed renders from the stored judgement.
  if (replays && result.runKey !== undefined && result.files.length > 0 && result.metrics.cache?.judgements !== 'incremental') {
    replays.cache.write(replays.slot, { renderKey: keyOfReport(result.runKey), report: joinParts(report), gate, findings: findingCount, files: result.files.length, skipped: result.skipped });
  }
  return deliver(report, request, { gate, findings: findingCount, files: result.files.length, messages: [...skippedMessages(result.skipped), ...(opened.warning ? [opened.warning] : []), ...cacheWarnings(result, store)] });
}

/** What a request to analyse sets up before any file is read: config, policy, cache. */
function setUpRun(root: string, request: RunRequest) {
  const loaded = loadConfig(root, request.configPath);
  const { config } = loaded;
  const policy = resolvePolicy(config, request.preset);
  policy.include.push(...request.include);
  policy.exclude.push(...request.exclude);
  if (request.includeTests) policy.includeTests = true;
  checkPolicyGlobs(policy);
  const progress = progressPrinter(request.format);
  const opened = request.cache ? openFactsCache(root, request.cacheDir) : {};
  const store = opened.store;
  const stamps = store ? StampIndex.load(store.dir, root) : undefined;
  // Cached judgements and reports are only valid for the build that made them.
  const toolVersion = `${request.toolVersion}+${buildStamp()}`;
  const options = { root, policy, maxFileSize: request.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, workers: request.workers, store, stamps, onProgress: progress.update };
  return { loaded, config, policy, progress, opened, store, stamps, toolVersion, options };
}

function finishRun(request: RunRequest, run: { root: string; result: AnalysisResult; stamps?: StampIndex; progress: { done: () => void } }): void {
  run.stamps?.save();
  run.progress.done();
  if (run.result.files.length === 0 && !request.allowEmpty) {
    throw new ConfigError(`No JavaScript/TypeScript or Python files to analyse under ${run.root}${describeFilters(request)}. Check the directory, or pass --allow-empty.`);
  }
}

/** The settings of an analysis without its report: what `baseline create|update` run. */
export type RunRequest = Omit<AnalysisRequest, 'output' | 'failOn' | 'verbose'>;

/** Analyses a tree for its findings (the baseline commands): the result, the config file read, and the cache warning if any. */
export async function analyseForFindings(request: RunRequest): Promise<{ root: string; result: AnalysisResult; include: readonly string[]; configuredBaseline?: string; configPath?: string; messages: string[] }> {
  const root = checkRoot(request.directory);
  const { loaded, config, policy, progress, opened, store, stamps, toolVersion, options } = setUpRun(root, request);
  const analysed = await analyzeDirectory({ ...options, judgements: store ? { cache: new JudgementCache(store.dir), toolVersion } : undefined });
  finishRun(request, { root, result: analysed, stamps, progress });
  const { result } = applySuppressions(analysed, policy, { requireReason: config.requireSuppressionReason === true });
  return {
    root,
    result,
    include: policy.include,
    ...(config.baseline !== undefined ? { configuredBaseline: config.baseline } : {}),
    ...(loaded.path !== undefined ? { configPath: loaded.path } : {}),
    messages: [...skippedMessages(result.skipped), ...(opened.warning ? [opened.warning] : []), ...cacheWarnings(result, store)],
  };
}

/** The run's baseline (baseline/compare.ts baselineLocation), none with --no-baseline or when the default file is absent. Read later, only when a report is rendered. */
function openBaseline(root: string, request: AnalysisRequest, configured: string | undefined, configPath: string | undefined): OpenBaseline | undefined {
  if (request.useBaseline === false) return undefined;
  const located = baselineLocation({ root, flag: request.baseline, configured, configPath });
  if (!located.explicit && !existsSync(located.file)) return undefined;
  let stamp = 'missing';
  try {
    const stats = statSync(located.file);
    stamp = `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  } catch {
    // The read says what is wrong.
  }
  return { file: located.file, stamp };
}

/** Reports that show nothing of the run itself but its metrics (which a replay writes anew) can be replayed. */
function replayable(request: AnalysisRequest): boolean {
  return !(request.format === 'text' && request.verbose);
}

/** The outcome of a replayed report (see cache/report-cache.ts): its metrics, when it shows them, are this run's. */
function replayed(replay: Replay, request: AnalysisRequest, time: { started: number; discoverMs: number; hashMs: number }): AnalysisOutcome {
  let report = replay.report;
  if (request.format === 'json') {
    const metrics: AnalysisResult['metrics'] = {
      durationMs: 0,
      phases: { discover: round(time.discoverMs), hash: round(time.hashMs), parse: 0, rules: 0 },
      cache: { hits: replay.files, misses: 0, hitRate: 1, corrupt: 0, writeErrors: 0, judgements: 'replayed' },
    };
    metrics.durationMs = round(performance.now() - time.started);
    report = spliceMetrics(replay.report, metrics);
  }
  return deliver(report, request, { gate: replay.gate, findings: replay.findings, files: replay.files, messages: skippedMessages(replay.skipped) });
}

/** Writes the report to --output (with a line saying so) or hands it over for standard output. */
function deliver(report: string | ReportPart[], request: AnalysisRequest, run: { gate: GateResult; findings: number; files: number; messages: string[] }): AnalysisOutcome {
  const exitCode = run.gate.passed ? EXIT.passed : EXIT.gateFailed;
  if (!request.output) return { exitCode, report: typeof report === 'string' ? report : joinParts(report), messages: run.messages };
  const path = writeReportFile(request.output, report);
  return { exitCode, messages: [...run.messages, `Wrote ${request.format} report to ${path}: ${run.findings} findings in ${run.files} files; gate ${run.gate.passed ? 'passed' : 'failed'}.`] };
}

/** The modification time of this module's file: a rebuild changes it, which retires cached judgements and reports. */
function buildStamp(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return 'unknown';
  }
}

/**
 * The facts cache of the run, or none with a warning when its folder inside the root is one a pull
 * request could have planted (cache/trust.ts): the run then computes everything from the source.
 */
function openFactsCache(root: string, flag: string | undefined): { store?: FactsCache; warning?: string } {
  const dir = resolveCacheDir({ root, flag, env: process.env });
  const untrusted = untrustedCacheReason(root, dir, flag !== undefined);
  if (untrusted !== undefined) {
    return { warning: `Warning: the cache folder ${printable(dir)} was not used: ${printable(untrusted)}. This run computed everything from the source. Remove it from the repository and ignore it, or pass --cache-dir.` };
  }
  // A folder given with --cache-dir that cannot be created is a setup error, told at once (exit 3);
  // the default folder that cannot be written only costs speed (a warning after the run).
  try {
    createCacheDir(dir);
  } catch (error) {
    if (flag !== undefined) throw new EnvironmentError(`Cannot create the cache folder ${printable(dir)} (--cache-dir): ${printable(describeError(error))}. Point --cache-dir at a writable folder, or pass --no-cache.`);
  }
  return { store: FactsCache.open({ dir, snapshotDirs: resolveSnapshotDirs(process.env) }) };
}

function cacheWarnings(result: AnalysisResult, store: FactsCache | undefined): string[] {
  const corrupt = result.metrics.cache?.corrupt ?? 0;
  const warnings = corrupt > 0 ? [`Warning: ${corrupt} corrupt or outdated cache entries were ignored and recomputed.`] : [];
  if (result.metrics.cache?.judgements === 'corrupt') warnings.push('Warning: the cached judgements of the last run were corrupt; they were recomputed and rewritten.');
  const unwritten = result.metrics.cache?.writeErrors ?? 0;
  if (store && (unwritten > 0 || result.metrics.cache?.judgements === 'write-error')) {
    const what = unwritten > 0 ? `${unwritten} facts cache ${unwritten === 1 ? 'entry' : 'entries'}` : 'the judgements of this run';
    warnings.push(unwrittenWarning(what, store.dir, store.lastWriteError()));
  }
  return warnings;
}

function skippedMessages(skipped: readonly SkippedFile[]): string[] {
  return skipped.map((s) => `Skipped ${printable(s.path)} (${s.reason}): ${printable(s.detail)}`);
}

function describeFilters(request: RunRequest): string {
  const parts = [...request.include.map((g) => `--include ${g}`), ...request.exclude.map((g) => `--exclude ${g}`)];
  return parts.length > 0 ? ` with ${parts.join(' ')}` : '';
}

/** A one-line progress counter on an interactive stderr; silent otherwise and for machine formats. */
function progressPrinter(format: ReportFormat | undefined): { update: (done: number, total: number) => void; done: () => void } {
  const enabled = process.stderr.isTTY === true && format === 'text' && !process.env.CI;
  let last = 0;
  let shown = false;
  const started = performance.now();
  return {
    update(done, total) {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const rate = Math.round(done / Math.max((now - started) / 1000, 0.001));
      process.stderr.write(`\r\x1b[2KAnalysing ${done}/${total} files (${rate} files/s)`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

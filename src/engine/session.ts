import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, EnvironmentError } from '../errors.js';
import { describeError } from '../cache/fs-errors.js';
import type { EntryAuth } from '../cache/entry-auth.js';
import { cacheTrust, createCacheDir } from '../cache/trust.js';
import { DEFAULT_MAX_FILE_SIZE } from '../discovery/defaults.js';
import { loadConfig, type ConfigFile } from '../policy/config.js';
import { FactsCache } from '../cache/facts-cache.js';
import { JudgementCache } from '../cache/judgement-cache.js';
import { StampIndex } from '../cache/stamp-index.js';
import { resolveCacheDir, resolveSnapshotDirs, unwrittenWarning } from '../cache/location.js';
import { gateOf, type FailOn, type GateResult } from '../policy/gate.js';
import { resolvePolicy } from '../policy/resolve.js';
import { checkPolicyGlobs } from '../policy/file-kinds.js';
import { SEVERITIES, type PresetName } from '../rules/types.js';
import { analyzeDirectory, checkRoot, knownRunKey } from './analyze.js';
import { describeSkipped, type AnalysisResult, type SkippedFile } from '../model/analysis.js';
import { printable } from '../printable.js';
import { applySuppressions, type SuppressedFinding } from './suppress.js';
import { baselineLocation } from '../baseline/compare.js';
import { applyBaseline, type OpenBaseline } from '../baseline/apply.js';
import type { BaselineSummary } from '../model/baseline-summary.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { fileKindSwitches, policyReport } from '../policy/switches.js';
import type { PolicyReport } from '../model/policy-report.js';

export interface AnalysisRequest {
  directory: string;
  preset?: PresetName;
  configPath?: string;
  failOn?: FailOn;
  /** --max-file-size; it wins over the config file's maxFileSize. */
  maxFileSize?: number;
  include: string[];
  exclude: string[];
  includeTests: boolean;
  allowEmpty: boolean;
  workers?: number;
  /** false with --no-cache. */
  cache: boolean;
  cacheDir?: string;
  /** --baseline FILE. */
  baseline?: string;
  /** false with --no-baseline: no baseline, even the one at the root. */
  useBaseline?: boolean;
  toolVersion: string;
  /** Files done of all, as the run goes (the CLI draws a progress line from it). */
  onProgress?: (done: number, total: number) => void;
}

/** The settings of an analysis that decide its findings: what `baseline create|update` run. */
export type RunRequest = Omit<AnalysisRequest, 'failOn'>;

/** An analysis set up (config, policy, cache, baseline located), before any file is read. */
export interface PreparedAnalysis {
  root: string;
  config: ConfigFile;
  /** The config file read, when there is one. */
  configPath?: string;
  policy: ResolvedPolicy;
  failOn: FailOn;
  /** The cache folder, without --no-cache (and unless it was refused). */
  cacheDir?: string;
  /** The key its records are sealed with, when it lies inside the checkout (cache/trust.ts). */
  cacheAuth?: EntryAuth;
  /** The tool build, the baseline file and stamp, the gate and suppression settings, the settings reports list (policy/switches.ts): with the run key, all a report depends on but its rendering. */
  outcomeKey: string;
  /**
   * The run key when every file is known unchanged by its stamp, found without reading any file: a
   * report stored for it can be replayed (cache/report-cache.ts).
   */
  knownKey?: string;
  discoverMs: number;
  /** Skipped files with their reasons, known before the run (for replayed reports' messages). */
  warnings: string[];
  run(): Promise<AnalysisOutcome>;
}

/** A finished analysis: what every report of it shows. */
export interface AnalysisOutcome {
  /** With a baseline, its findings carry `baselineState`. */
  result: AnalysisResult;
  gate: GateResult;
  suppressed: SuppressedFinding[];
  /** The effective settings and every switch that weakens a safety rule or leaves files out: listed in every report. */
  policy: PolicyReport;
  baseline?: BaselineSummary;
  /** Findings reported (suppressed ones left out). */
  findingCount: number;
  /** The run key under which its reports may be stored for replay: not for an incremental run. */
  storeKey?: string;
  /** Lines for standard error. */
  messages: string[];
}

/** Config -> policy -> cache -> (run) analysis -> suppressions -> baseline -> gate, for `connascence analyze`. */
export function prepareAnalysis(request: AnalysisRequest): PreparedAnalysis {
  const root = checkRoot(request.directory);
  const { loaded, config, policy, opened, store, stamps, toolVersion, options } = setUpRun(root, request);
  const failOn = request.failOn ?? config.failOn ?? 'high';
  const baseline = openBaseline(root, request, config.baseline, loaded.path);
  const settings = { root, config, ...(loaded.path !== undefined ? { configPath: loaded.path } : {}), policy };
  const report = policyReport({ ...settings, failOn, maxFileSize: options.maxFileSize, flags: request });
  const outcomeKey = outcomeKeyOf(toolVersion, baseline, failOn, config, report);
  const mark = performance.now();
  const known = knownRunKey({ ...options, toolVersion });
  const discoverMs = performance.now() - mark;
  const run = async (): Promise<AnalysisOutcome> => {
    const analysed = await analyzeDirectory({ ...options, discovery: { found: known.discovery, ms: discoverMs }, judgements: store ? { cache: new JudgementCache(store.dir, store.auth), toolVersion } : undefined });
    finishRun(request, { root, result: analysed, stamps });
    const outcome = judgedOutcome(analysed, { policy, config, failOn, baseline, report: { ...settings, static: report }, ...(store ? { cacheDir: store.dir, cacheAuth: store.auth } : {}) });
    return { ...outcome, messages: [...outcome.messages, ...(opened.warning ? [opened.warning] : []), ...cacheWarnings(analysed, store)] };
  };
  return {
    root,
    config,
    ...(loaded.path !== undefined ? { configPath: loaded.path } : {}),
    policy,
    failOn,
    ...(store ? { cacheDir: store.dir, ...(store.auth ? { cacheAuth: store.auth } : {}) } : {}),
    outcomeKey,
    ...(known.key ? { knownKey: known.key } : {}),
    discoverMs,
    warnings: opened.warning ? [opened.warning] : [],
    run,
  };
}

/**
 * An analysis (one run, or the merge of shards) through the policies that come after the rules:
 * suppressions, the baseline, the gate (threshold and budgets).
 */
export function judgedOutcome(
  analysed: AnalysisResult & { runKey?: string },
  run: { policy: ResolvedPolicy; config: ConfigFile; failOn: FailOn; baseline?: OpenBaseline; cacheDir?: string; cacheAuth?: EntryAuth | undefined; report: { root: string; configPath?: string; static: PolicyReport } },
): AnalysisOutcome {
  const { policy, config, failOn, baseline } = run;
  // The file kinds' switches depend on the analysed files: the run key covers them, as it covers the findings.
  const kinds = fileKindSwitches({ root: run.report.root, config, ...(run.report.configPath !== undefined ? { configPath: run.report.configPath } : {}), policy }, analysed.files);
  const policyOutcome: PolicyReport = { settings: run.report.static.settings, switches: [...run.report.static.switches, ...kinds] };
  const { result, suppressed } = applySuppressions(analysed, policy, { requireReason: config.requireSuppressionReason === true });
  // With a baseline the gate counts the new findings only; otherwise the summary's counts (then
  // `findings` may be stored text that a JSON report never parses).
  const compared = baseline ? applyBaseline(result, baseline, { include: policy.include, ...(run.cacheDir !== undefined ? { cacheDir: run.cacheDir } : {}), ...(run.cacheAuth ? { cacheAuth: run.cacheAuth } : {}) }) : undefined;
  const counts = compared ? { bySeverity: compared.newBySeverity, byRule: compared.newByRule } : result.summary;
  const gate = gateOf(counts, failOn, config.budgets);
  const findingCount = SEVERITIES.reduce((sum, severity) => sum + result.summary.bySeverity[severity], 0);
  // An incremental run (some files changed since the last run) does not store its reports: the next
  // run is most often another edit, and one with nothing changed renders from the stored judgement.
  const storable = analysed.runKey !== undefined && result.files.length > 0 && result.metrics.cache?.judgements !== 'incremental';
  return {
    result: compared?.result ?? result,
    gate,
    suppressed,
    policy: policyOutcome,
    ...(compared ? { baseline: compared.summary } : {}),
    findingCount,
    ...(storable ? { storeKey: analysed.runKey } : {}),
    messages: skippedMessages(result.skipped),
  };
}

/**
 * The key of what an outcome depends on besides its files: the tool build, the baseline file and
 * stamp, the gate and suppression settings, and the settings every report lists with their sources
 * (the same policy from another config file or flag is listed otherwise).
 */
export function outcomeKeyOf(toolVersion: string, baseline: OpenBaseline | undefined, failOn: FailOn, config: ConfigFile, report: PolicyReport): string {
  return JSON.stringify([toolVersion, baseline ? `${baseline.file}\0${baseline.stamp}` : '', failOn, config.budgets ?? {}, config.requireSuppressionReason === true, report]);
}

/** The policy of a config file with the flags that add to it (the merge of shards resolves it again from what they carried). */
export function policyOf(config: ConfigFile, flags: { preset?: PresetName | string; include: readonly string[]; exclude: readonly string[]; includeTests: boolean }): ResolvedPolicy {
  const policy = resolvePolicy(config, flags.preset as PresetName | undefined);
  policy.include.push(...flags.include);
  policy.exclude.push(...flags.exclude);
  if (flags.includeTests) policy.includeTests = true;
  checkPolicyGlobs(policy);
  return policy;
}

/** What a request to analyse sets up before any file is read: config, policy, cache. */
export function setUpRun(root: string, request: RunRequest) {
  const loaded = loadConfig(root, request.configPath);
  const { config } = loaded;
  const policy = policyOf(config, request);
  const opened = request.cache ? openFactsCache(root, request.cacheDir) : {};
  const store = opened.store;
  const stamps = store ? StampIndex.load(store.dir, root, store.auth) : undefined;
  // Cached judgements and reports are only valid for the build that made them.
  const toolVersion = `${request.toolVersion}+${buildStamp()}`;
  const options = { root, policy, maxFileSize: request.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, workers: request.workers, store, stamps, onProgress: request.onProgress };
  return { loaded, config, policy, opened, store, stamps, toolVersion, options };
}

function finishRun(request: RunRequest, run: { root: string; result: AnalysisResult; stamps?: StampIndex }): void {
  run.stamps?.save();
  if (run.result.files.length === 0 && !request.allowEmpty) {
    throw new ConfigError(`No JavaScript/TypeScript or Python files to analyse under ${run.root}${describeFilters(request)}. Check the directory, or pass --allow-empty.`);
  }
}

/** Analyses a tree for its findings (the baseline commands): the result, the config file read, and the cache warning if any. */
export async function analyseForFindings(request: RunRequest): Promise<{ root: string; result: AnalysisResult; include: readonly string[]; configuredBaseline?: string; configPath?: string; messages: string[] }> {
  const root = checkRoot(request.directory);
  const { loaded, config, policy, opened, store, stamps, toolVersion, options } = setUpRun(root, request);
  const analysed = await analyzeDirectory({ ...options, judgements: store ? { cache: new JudgementCache(store.dir, store.auth), toolVersion } : undefined });
  finishRun(request, { root, result: analysed, stamps });
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
export function openBaseline(root: string, request: Pick<RunRequest, 'baseline' | 'useBaseline'>, configured: string | undefined, configPath: string | undefined): OpenBaseline | undefined {
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

/** The modification time of this module's file: a rebuild changes it, which retires cached judgements and reports. */
export function buildStamp(): string {
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
export function openFactsCache(root: string, flag: string | undefined): { store?: FactsCache; warning?: string } {
  const dir = resolveCacheDir({ root, flag, env: process.env });
  const trust = cacheTrust(root, dir, flag !== undefined);
  if (trust.kind === 'refused') {
    return { warning: `Warning: the cache folder ${printable(dir)} was not used: ${printable(trust.reason)}. This run computed everything from the source. Pass --cache-dir with a folder outside the checkout (README, "Trust model").` };
  }
  // A folder given with --cache-dir that cannot be created is a setup error, told at once (exit 3);
  // the default folder that cannot be written only costs speed (a warning after the run).
  try {
    createCacheDir(dir);
  } catch (error) {
    if (flag !== undefined) throw new EnvironmentError(`Cannot create the cache folder ${printable(dir)} (--cache-dir): ${printable(describeError(error))}. Point --cache-dir at a writable folder, or pass --no-cache.`);
  }
  return { store: FactsCache.open({ dir, snapshotDirs: resolveSnapshotDirs(process.env), ...(trust.kind === 'checkout' ? { auth: trust.auth } : {}) }) };
}

function cacheWarnings(result: AnalysisResult, store: FactsCache | undefined): string[] {
  const corrupt = result.metrics.cache?.corrupt ?? 0;
  const judgements = result.metrics.cache?.judgements === 'corrupt';
  // One warning for both: a cache another machine wrote (or a pull request planted) fails on every record.
  const warnings: string[] = [];
  if (corrupt > 0) warnings.push(`Warning: ${corrupt} corrupt or outdated cache entries (or entries not written by this machine)${judgements ? ', and the cached judgements of the last run,' : ''} were ignored and recomputed.`);
  else if (judgements) warnings.push('Warning: the cached judgements of the last run were corrupt (or not written by this machine); they were recomputed and rewritten.');
  const unwritten = result.metrics.cache?.writeErrors ?? 0;
  if (store && (unwritten > 0 || result.metrics.cache?.judgements === 'write-error')) {
    const what = unwritten > 0 ? `${unwritten} facts cache ${unwritten === 1 ? 'entry' : 'entries'}` : 'the judgements of this run';
    warnings.push(unwrittenWarning(what, store.dir, store.lastWriteError()));
  }
  return warnings;
}

function skippedMessages(skipped: readonly SkippedFile[]): string[] {
  return skipped.map(describeSkipped);
}

function describeFilters(request: RunRequest): string {
  const parts = [...request.include.map((g) => `--include ${g}`), ...request.exclude.map((g) => `--exclude ${g}`)];
  return parts.length > 0 ? ` with ${parts.join(' ')}` : '';
}


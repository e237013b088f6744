import { ConfigError, EXIT } from '../errors.js';
import { loadConfig } from '../policy/config.js';
import { FactsCache } from '../cache/facts-cache.js';
import { JudgementCache } from '../cache/judgement-cache.js';
import { StampIndex } from '../cache/stamp-index.js';
import { resolveCacheDir, resolveSnapshotDirs } from '../cache/location.js';
import { evaluateGate, type FailOn, type GateResult } from '../policy/gate.js';
import { applyIncludeTests, resolvePolicy } from '../policy/resolve.js';
import { renderReport, type ReportFormat } from '../report/index.js';
import { shouldUseColor } from '../report/color.js';
import { writeReportFile } from '../report/output.js';
import type { PresetName } from '../rules/types.js';
import { analyzeDirectory, checkRoot } from './analyze.js';
import type { AnalysisResult } from './types.js';

export interface AnalysisRequest {
  directory: string;
  preset?: PresetName;
  configPath?: string;
  format: ReportFormat;
  output?: string;
  failOn?: FailOn;
  maxFileSize: number;
  include: string[];
  exclude: string[];
  includeTests: boolean;
  allowEmpty: boolean;
  verbose: boolean;
  workers?: number;
  /** false with --no-cache. */
  cache: boolean;
  cacheDir?: string;
  toolVersion: string;
}

export interface AnalysisOutcome {
  exitCode: number;
  /** The report for standard output, unless it went to a file. */
  report?: string;
  /** Lines for standard error. */
  messages: string[];
  result: AnalysisResult;
}

/** Config -> policy -> analysis -> report -> gate, for `connascence analyze`. */
export async function runAnalysis(request: AnalysisRequest): Promise<AnalysisOutcome> {
  const root = checkRoot(request.directory);
  const messages: string[] = [];
  const { config } = loadConfig(root, request.configPath);
  const policy = resolvePolicy(config, request.preset);
  policy.include.push(...request.include);
  policy.exclude.push(...request.exclude);
  if (request.includeTests) policy.includeTests = true;
  applyIncludeTests(policy);
  const progress = progressPrinter(request.format);
  const store = request.cache ? openFactsCache(root, request.cacheDir) : undefined;
  const stamps = store ? StampIndex.load(store.dir, root) : undefined;
  const result = await analyzeDirectory({
    root,
    policy,
    maxFileSize: config.maxFileSize ?? request.maxFileSize,
    workers: request.workers,
    store,
    judgements: store ? { cache: new JudgementCache(store.dir), toolVersion: request.toolVersion } : undefined,
    stamps,
    onProgress: progress.update,
  });
  stamps?.save();
  progress.done();
  messages.push(...skippedMessages(result), ...cacheWarnings(result));
  if (result.files.length === 0 && !request.allowEmpty) {
    throw new ConfigError(`No JavaScript/TypeScript or Python files to analyse under ${root}${describeFilters(request)}. Check the directory, or pass --allow-empty.`);
  }
  const gate = evaluateGate(result.findings, request.failOn ?? config.failOn ?? 'high');
  const color = request.output ? false : shouldUseColor(process.stdout, process.env);
  const report = timedReport(result, request, { color, gate });
  const exitCode = gate.passed ? EXIT.passed : EXIT.gateFailed;
  if (request.output) {
    const path = writeReportFile(request.output, report);
    messages.push(`Wrote ${request.format} report to ${path}: ${result.findings.length} findings in ${result.files.length} files; gate ${gate.passed ? 'passed' : 'failed'}.`);
    return { exitCode, messages, result };
  }
  return { exitCode, report, messages, result };
}

/**
 * Sentinel for the report phase: the report states how long it took to render itself. An integer,
 * so that formats which round their timings (text) print it unchanged; it is then replaced by the
 * time as that format shows it (one decimal in JSON, whole milliseconds elsewhere).
 */
const REPORT_TIME_SENTINEL = -987654;

function timedReport(result: AnalysisResult, request: AnalysisRequest, options: { color: boolean; gate: GateResult }): string {
  const started = performance.now();
  result.metrics.phases.report = REPORT_TIME_SENTINEL;
  const text = renderReport(result, request.format, { ...options, verbose: request.verbose, toolVersion: request.toolVersion });
  const took = Math.round((performance.now() - started) * 10) / 10;
  result.metrics.phases.report = took;
  const shown = String(request.format === 'json' ? took : Math.round(took));
  // The metrics come last in every format that shows them: search from the end (reports can be megabytes).
  const sentinel = String(REPORT_TIME_SENTINEL);
  const at = text.lastIndexOf(sentinel);
  return at < 0 ? text : text.slice(0, at) + shown + text.slice(at + sentinel.length);
}

function openFactsCache(root: string, flag: string | undefined): FactsCache {
  return FactsCache.open({ dir: resolveCacheDir({ root, flag, env: process.env }), snapshotDirs: resolveSnapshotDirs(process.env) });
}

function cacheWarnings(result: AnalysisResult): string[] {
  const corrupt = result.metrics.cache?.corrupt ?? 0;
  const warnings = corrupt > 0 ? [`Warning: ${corrupt} corrupt or outdated cache entries were ignored and recomputed.`] : [];
  if (result.metrics.cache?.judgements === 'corrupt') warnings.push('Warning: the cached judgements of the last run were corrupt; they were recomputed and rewritten.');
  return warnings;
}

function skippedMessages(result: AnalysisResult): string[] {
  return result.skipped.map((s) => `Skipped ${s.path} (${s.reason}): ${s.detail}`);
}

function describeFilters(request: AnalysisRequest): string {
  const parts = [...request.include.map((g) => `--include ${g}`), ...request.exclude.map((g) => `--exclude ${g}`)];
  return parts.length > 0 ? ` with ${parts.join(' ')}` : '';
}

/** A one-line progress counter on an interactive stderr; silent otherwise and for machine formats. */
function progressPrinter(format: ReportFormat): { update: (done: number, total: number) => void; done: () => void } {
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

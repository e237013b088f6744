/**
 * `connascence analyze` from the user's side: one analysis (engine/session.ts), any number of
 * reports of it. Each report is rendered (src/report) and goes to standard output (at most one) or
 * to its file, written atomically; on GitHub Actions the markdown summary is appended to the step
 * summary. A report of a run whose files are all known unchanged is replayed from the report cache
 * when every report asked for is stored there.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { renderKey, ReportCache, reportSlot, type Replay } from '../cache/report-cache.js';
import { prepareAnalysis, type AnalysisOutcome, type AnalysisRequest, type PreparedAnalysis } from '../engine/session.js';
import { prepareMerge, runShard, type MergeRequest } from '../engine/shards.js';
import { encodePartial, oversizedPartial, partialKey, type Partial as ShardPartial } from '../shard/partial.js';
import type { ShardSpec } from '../shard/partition.js';
import { round } from '../engine/analyze.js';
import { describeSkipped, type AnalysisResult } from '../model/analysis.js';
import { ConfigError, EXIT } from '../errors.js';
import type { GateResult } from '../policy/gate.js';
import { printable } from '../printable.js';
import { shouldUseColor } from '../report/color.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { inertReport, joinParts, pathBaseOf, renderReportParts, type ReportPart } from '../report/index.js';
import { spliceMetrics } from '../report/json.js';
import { writeOutputFile } from '../fs/output-file.js';
import type { ReportOptions } from '../report/types.js';
import { parseReport, readReport, type CompareLimits, type ComparedReport } from '../compare/compare.js';
import { comparisonOutcome } from './actions/compare.js';
import { analysisProgress } from './progress.js';
import { appendStepSummary } from './step-summary.js';

/** One report of a run: a format and where it goes (standard output when no path). */
export interface ReportTarget {
  format: ReportFormat;
  path?: string;
  /** The step summary ($GITHUB_STEP_SUMMARY, appended). */
  stepSummary?: boolean;
  /** Not delivered: the JSON report that --compare-to compares. */
  internal?: boolean;
}

export interface ReportRequest extends AnalysisRequest {
  /** `--format` values, `FORMAT` or `FORMAT=FILE`; none: the config's `reports`, else `text`. */
  formats: string[];
  /** `--output`: the file of the one report without a destination. */
  output?: string;
  verbose: boolean;
  includeSuppressed?: boolean;
  /** false with --no-step-summary. */
  stepSummary?: boolean;
  /** --max-annotations (github format). */
  maxAnnotations?: number;
  sarifCategory?: string;
  sarifMaxResults?: number;
  sarifNewOnly?: boolean;
  /** --compare-to: a JSON report of an earlier run, compared with this one (compare/compare.ts). */
  compareTo?: string;
  compareLimits?: CompareLimits;
}

export interface ReportOutcome {
  exitCode: number;
  /** The report for standard output, if one goes there. */
  report?: string;
  /** Lines for standard error. */
  messages: string[];
}

/**
 * `FORMAT` or `FORMAT=FILE` values into targets. From the command line a path is the user's own
 * (relative to the working directory); from the config (a pull request controls it), it must stay
 * inside the analysed root.
 */
export function parseTargets(values: readonly string[], source: { flag: string } | { config: string; root: string }, output?: string): ReportTarget[] {
  const where = 'flag' in source ? source.flag : `"reports" in ${printable(source.config)}`;
  const targets = values.map((value): ReportTarget => {
    const at = value.indexOf('=');
    const format = (at < 0 ? value : value.slice(0, at)).trim();
    if (format === 'partial') throw new ConfigError(`${where} was given "${printable(value)}": a partial result is what one shard of --shard K/N writes; pass --shard too.`);
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new ConfigError(`${where} was given "${printable(value)}": the format must be one of ${REPORT_FORMATS.join(', ')}, optionally followed by =FILE (e.g. sarif=results.sarif).`);
    if (at < 0) return { format: format as ReportFormat };
    const path = value.slice(at + 1);
    if (path.trim() === '') throw new ConfigError(`${where} was given "${printable(value)}" with an empty file name. Write FORMAT=FILE, or FORMAT alone for standard output.`);
    return { format: format as ReportFormat, path: 'flag' in source ? resolve(path) : insideRoot(source.root, path, where) };
  });
  const bare = targets.filter((target) => target.path === undefined);
  if (output !== undefined) {
    if (bare.length !== 1) throw new ConfigError(`--output names the file of the one report without a destination; ${bare.length === 0 ? 'every report has one' : `${bare.length} have none`}. Write FORMAT=FILE for each instead.`);
    bare[0]!.path = resolve(output);
  } else if (bare.length > 1) {
    throw new ConfigError(`${where}: at most one report can go to standard output, and ${bare.map((t) => t.format).join(', ')} have no file. Write FORMAT=FILE for the others (e.g. -f text -f sarif=results.sarif).`);
  }
  const paths = targets.flatMap((target) => (target.path ? [target.path] : []));
  const twice = paths.find((path, i) => paths.indexOf(path) !== i);
  if (twice !== undefined) throw new ConfigError(`${where} writes two reports to ${printable(twice)}. Give each report its own file.`);
  return targets;
}

/** A report path from the config: relative, inside the root (through no link out of it), not in .git. */
function insideRoot(root: string, path: string, where: string): string {
  const refuse = (why: string): never => {
    throw new ConfigError(`${where} names the report file "${printable(path)}", which ${why}. Use a path relative to the analysed directory, inside it, or pass the reports with --format.`);
  };
  if (isAbsolute(path) || path.includes('\\') || /[\u0000-\u001f]/.test(path)) refuse('is not a relative path with forward slashes');
  const parts = path.split('/');
  if (parts.includes('..')) refuse('leads out of it with ".."');
  if (parts[0] === '.git' || parts.includes('.git')) refuse('is inside .git');
  const absolute = join(root, path);
  try {
    if (lstatSync(absolute).isSymbolicLink()) refuse('is a symbolic link');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
  }
  // The nearest folder that exists must be inside the root once links are followed.
  const rootReal = realpathSync.native(root);
  for (let folder = dirname(absolute); ; folder = dirname(folder)) {
    let real: string;
    try {
      real = realpathSync.native(folder);
    } catch {
      if (dirname(folder) === folder) break;
      continue;
    }
    if (real !== rootReal && !real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep)) refuse('resolves to a folder outside it');
    break;
  }
  return absolute;
}

/** The run's reports: the flags', else the config's, else text; plus the step summary on GitHub Actions. */
function targetsOf(request: Pick<ReportRequest, 'formats' | 'output' | 'stepSummary'>, prepared: PreparedAnalysis): ReportTarget[] {
  const fromConfig = request.formats.length === 0 && prepared.config.reports !== undefined && prepared.config.reports.length > 0;
  const targets = fromConfig
    ? parseTargets(prepared.config.reports!, { config: prepared.configPath ?? 'the config', root: prepared.root }, request.output)
    : parseTargets(request.formats.length > 0 ? request.formats : ['text'], { flag: '--format' }, request.output);
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (process.env.GITHUB_ACTIONS === 'true' && request.stepSummary !== false && summary) targets.push({ format: 'markdown', path: summary, stepSummary: true });
  return targets;
}

/** Config -> analysis -> every report -> gate. */
export async function runAnalysis(request: ReportRequest): Promise<ReportOutcome> {
  const started = performance.now();
  const progress = analysisProgress(progressShown(request));
  // The base of --compare-to is read first: a bad one fails before anything is analysed.
  const compareBase = request.compareTo !== undefined ? readReport(request.compareTo) : undefined;
  const prepared = prepareAnalysis({ ...request, onProgress: progress.update });
  return reportOn(prepared, request, { started, progress, ...(compareBase ? { compareBase } : {}) });
}

/** The progress line is drawn only under a text report on standard output. */
function progressShown(request: Pick<ReportRequest, 'formats' | 'output'>): boolean {
  const toStdout = request.formats.length === 0 || request.formats.some((value) => !value.includes('='));
  return toStdout && request.output === undefined && request.formats.every((value) => value === 'text');
}

/** `connascence merge`: the partials of every shard, reported as one run. */
export async function runMerge(partials: ReadonlyArray<{ partial: ShardPartial; name: string }>, request: Omit<ReportRequest, keyof AnalysisRequest> & MergeRequest): Promise<ReportOutcome> {
  const started = performance.now();
  const compareBase = request.compareTo !== undefined ? readReport(request.compareTo) : undefined;
  const prepared = prepareMerge(partials, request);
  return reportOn(prepared, request, { started, progress: { done: () => undefined }, ...(compareBase ? { compareBase } : {}) });
}

/**
 * `analyze --shard K/N`: the shard's partial, written atomically to its file (a watching merge never
 * sees it half-written under its name). Its only format is `partial`.
 */
export async function runShardAnalysis(request: ReportRequest, shard: ShardSpec): Promise<ReportOutcome> {
  const wrong = request.formats.find((value) => value !== 'partial' && !value.startsWith('partial='));
  if (wrong !== undefined || request.formats.length !== 1) throw new ConfigError(`--shard writes the shard's partial result, to be merged with \`connascence merge\`: pass -f partial=FILE (or -f partial -o FILE)${wrong !== undefined ? `, not -f ${printable(wrong)}` : ''}. The reports come from the merge.`);
  const at = request.formats[0]!.indexOf('=');
  const path = at >= 0 ? request.formats[0]!.slice(at + 1) : request.output;
  if (path === undefined || path === '') throw new ConfigError('--shard needs the file of its partial result: -f partial=FILE, or -f partial -o FILE.');
  const key = partialKey();
  const outcome = await runShard(request, shard);
  const lines = encodePartial(outcome.partial, key);
  const oversized = oversizedPartial(lines);
  if (oversized !== undefined) throw new ConfigError(`Shard ${shard.index}/${shard.count}: ${oversized}.`);
  const written = writeOutputFile(resolve(path), lines, 'the partial', [resolve(request.directory)]);
  return { exitCode: EXIT.passed, messages: [...outcome.messages, `Wrote shard ${shard.index}/${shard.count} to ${printable(written)}: ${outcome.files} of ${outcome.total} files, ${outcome.partial.findings.length} file-rule findings.`] };
}

async function reportOn(prepared: PreparedAnalysis, request: Omit<ReportRequest, keyof AnalysisRequest> & { toolVersion: string }, run: { started: number; progress: { done: () => void }; compareBase?: ComparedReport }): Promise<ReportOutcome> {
  const { started, progress, compareBase } = run;
  const targets = targetsOf(request, prepared);
  if (compareBase) targets.push({ format: 'json', internal: true });
  const paths = pathBaseOf(prepared.root, process.cwd());
  const renders = targets.map((target) => {
    const color = target.path === undefined && target.format === 'text' ? shouldUseColor(process.stdout, process.env) : false;
    const options = { color, verbose: request.verbose && target.format === 'text', includeSuppressed: request.includeSuppressed === true, ...reportLimits(request, target) };
    const slot = `${target.format}${target.stepSummary ? ':summary' : ''}${target.internal ? ':internal' : ''}${color ? ':color' : ''}`;
    const key = (runKey: string): string => renderKey({ runKey, format: slot, toolVersion: request.toolVersion, color, verbose: options.verbose, failOn: prepared.failOn, pathBase: paths.base, outcome: prepared.outcomeKey, options: JSON.stringify(options) });
    return { target, options, slot, key };
  });
  const cache = prepared.cacheDir !== undefined ? new ReportCache(prepared.cacheDir, prepared.cacheAuth) : undefined;
  // `text --verbose` shows the run's timings: always rendered.
  const replayable = cache !== undefined && prepared.knownKey !== undefined && renders.every((r) => !r.options.verbose);
  if (replayable) {
    const replays = renders.map((r) => cache.read(reportSlot(prepared.root, prepared.policy, r.slot), r.key(prepared.knownKey!)));
    if (replays.every((replay): replay is Replay => replay !== undefined)) {
      const first = replays[0]!;
      const texts = replays.map((replay, i) => (renders[i]!.target.format === 'json' ? spliceMetrics(replay.report, replayMetrics(replay, started, prepared.discoverMs)) : replay.report));
      return withComparison(deliver(renders.map((r, i) => ({ target: r.target, parts: [texts[i]!] })), { gate: first.gate, findings: first.findings, files: first.files, messages: first.skipped.map(describeSkipped), root: prepared.root }), compareBase, request);
    }
  }
  let outcome: AnalysisOutcome;
  try {
    outcome = await prepared.run();
  } finally {
    progress.done();
  }
  const base: ReportOptions = { color: false, gate: outcome.gate, toolVersion: request.toolVersion, paths, suppressed: outcome.suppressed, policy: outcome.policy, ...(outcome.baseline ? { baseline: outcome.baseline } : {}) };
  // A report shows the time up to its rendering: a report cannot state how long it took to write
  // itself without a placeholder in its text, which source quoted in it could hold as well.
  const rendered = renders.map((r) => ({ target: r.target, parts: renderReportParts(outcome.result, r.target.format, { ...base, ...r.options }) }));
  if (cache && outcome.storeKey !== undefined) {
    rendered.forEach(({ parts }, i) => {
      const r = renders[i]!;
      if (r.options.verbose) return;
      cache.write(reportSlot(prepared.root, prepared.policy, r.slot), { renderKey: r.key(outcome.storeKey!), report: joinParts(parts), gate: outcome.gate, findings: outcome.findingCount, files: outcome.result.files.length, skipped: outcome.result.skipped });
    });
  }
  return withComparison(deliver(rendered, { gate: outcome.gate, findings: outcome.findingCount, files: outcome.result.files.length, messages: outcome.messages, root: prepared.root }), compareBase, request);
}

/** --compare-to: this run's JSON report against the base, printed on standard error; exit 1 on a regression. */
function withComparison(delivered: ReportOutcome & { internal?: string }, base: ComparedReport | undefined, request: Pick<ReportRequest, 'compareLimits'>): ReportOutcome {
  const { internal, ...outcome } = delivered;
  if (!base || internal === undefined) return outcome;
  const head = parseReport(JSON.parse(internal) as unknown, 'this run');
  const compared = comparisonOutcome(base, head, request.compareLimits ?? { maxScoreDrop: 0 }, 'text');
  return { ...outcome, exitCode: Math.max(outcome.exitCode, compared.exitCode), messages: [...outcome.messages, ...compared.text.trimEnd().split('\n')] };
}

/** The options of one report that its flags set (SARIF limits, annotation caps). */
function reportLimits(request: Pick<ReportRequest, 'sarifCategory' | 'sarifMaxResults' | 'sarifNewOnly' | 'maxAnnotations'>, target: ReportTarget): Partial<ReportOptions> {
  if (target.format === 'sarif') {
    return {
      ...(request.sarifCategory !== undefined ? { sarifCategory: request.sarifCategory } : {}),
      ...(request.sarifMaxResults !== undefined ? { sarifMaxResults: request.sarifMaxResults } : {}),
      ...(request.sarifNewOnly ? { sarifNewOnly: true } : {}),
    };
  }
  if (target.format === 'github' && request.maxAnnotations !== undefined) return { maxAnnotations: request.maxAnnotations };
  return {};
}

function replayMetrics(replay: Replay, started: number, discoverMs: number): AnalysisResult['metrics'] {
  const metrics: AnalysisResult['metrics'] = {
    durationMs: 0,
    phases: { discover: round(discoverMs), hash: 0, parse: 0, rules: 0 },
    cache: { hits: replay.files, misses: 0, hitRate: 1, corrupt: 0, writeErrors: 0, judgements: 'replayed' },
  };
  metrics.durationMs = round(performance.now() - started);
  return metrics;
}

/** Writes each report to its file (with a line saying so), the step summary appended; hands over the one for standard output. */
function deliver(reports: ReadonlyArray<{ target: ReportTarget; parts: ReportPart[] }>, run: { gate: GateResult; findings: number; files: number; messages: string[]; root: string }): ReportOutcome & { internal?: string } {
  const exitCode = run.gate.passed ? EXIT.passed : EXIT.gateFailed;
  const messages = [...run.messages];
  let stdout: string | undefined;
  let internal: string | undefined;
  for (const { target, parts } of reports) {
    if (target.internal) internal = joinParts(parts);
    else if (target.stepSummary) {
      const note = appendStepSummary(target.path!, joinParts(parts));
      if (note) messages.push(note);
    } else if (target.path === undefined) stdout = target.format === 'json' ? inertReport('json', joinParts(parts)) : joinParts(parts);
    else {
      const path = writeOutputFile(target.path, parts, 'the report', [run.root]);
      messages.push(`Wrote ${target.format} report to ${printable(path)}: ${run.findings} findings in ${run.files} files; gate ${run.gate.passed ? 'passed' : 'failed'}.`);
    }
  }
  return { exitCode, ...(stdout !== undefined ? { report: stdout } : {}), messages, ...(internal !== undefined ? { internal } : {}) };
}

import type { AnalysisResult, FileSummary, Summary } from '../model/analysis.js';
import { SEVERITIES } from '../rules/types.js';
import { sortedFindings, sortKeys } from './common.js';
import type { ReportOptions } from './types.js';
import { baselineStateOf, FINDING_INDENT, findingJson, findingLines, type BaselineState } from '../model/finding-lines.js';
import type { FileFindings } from '../model/file-findings.js';
import { prefixedLines } from './paths.js';

export { findingJson, findingLines } from '../model/finding-lines.js';

/** Bump the major version on any breaking change of the JSON report (docs/report-json.md). */
export const JSON_REPORT_SCHEMA_VERSION = '1.5.0';

const INDENT = 2;

const COUNT_KEYS = ['files', 'lines', 'codeLines', 'functions'] as const;
const SCORE_KEYS = ['nasaCompliance', 'duplication', 'connascenceIndex', 'overall'] as const;
const FILE_KEYS = ['path', 'language', 'lines', 'codeLines', 'functions', 'parseError', 'test', 'generated'] as const;
const SKIPPED_KEYS = ['path', 'reason', 'detail'] as const;
const CACHE_KEYS = ['hits', 'misses', 'hitRate', 'corrupt', 'writeErrors', 'judgements'] as const;

/** A copy with exactly `keys`, in that order (stable JSON whatever the input's key order). */
function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

function summaryJson(summary: Summary, suppressedCount = 0): Record<string, unknown> {
  return {
    ...pick(summary, COUNT_KEYS),
    findings: SEVERITIES.reduce((sum, s) => sum + (summary.bySeverity[s] ?? 0), 0),
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, summary.bySeverity[s] ?? 0])),
    byRule: sortKeys(summary.byRule),
    skipped: summary.skipped,
    parseErrors: summary.parseErrors,
    ...(suppressedCount > 0 ? { suppressed: suppressedCount } : {}),
    tests: summary.tests,
    generated: summary.generated,
    scores: pick(summary.scores, SCORE_KEYS),
  };
}

function metricsJson({ metrics }: Pick<AnalysisResult, 'metrics'>): Record<string, unknown> {
  return { durationMs: metrics.durationMs, phases: { ...metrics.phases }, workers: metrics.workers, cache: metrics.cache && pick(metrics.cache, CACHE_KEYS) };
}

const byPath = (a: FileSummary, b: FileSummary): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The JSON report object (schemas/report.schema.json), keys in documented order. */
export function buildJsonReport(result: AnalysisResult, options: ReportOptions): Record<string, unknown> {
  const gate = options.gate && { failOn: options.gate.failOn, passed: options.gate.passed, failing: options.gate.failing, reasons: [...(options.gate.reasons ?? [])] };
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: { name: 'connascence', version: options.toolVersion },
    root: result.root,
    base: options.paths?.base ?? result.root,
    policy: result.policy,
    ...(options.policy ? { policySettings: options.policy.settings } : {}),
    ...(options.policy && options.policy.switches.length > 0 ? { switches: options.policy.switches.map((entry) => ({ setting: entry.setting, ...(entry.rule !== undefined ? { rule: entry.rule } : {}), change: entry.change, source: entry.source })) } : {}),
    gate,
    summary: summaryJson(result.summary, options.suppressed?.length ?? 0),
    findings: sortedFindings(result.findings).map(findingJson),
    files: [...result.files].sort(byPath).map((file) => pick(file, FILE_KEYS)),
    skipped: result.skipped.map((skipped) => pick(skipped, SKIPPED_KEYS)),
    ...(options.suppressed && options.suppressed.length > 0 ? { suppressed: options.suppressed.map((f) => ({ ...findingJson(f), suppression: { ...f.suppression } })) } : {}),
    ...(options.baseline ? { baseline: baselineJson(options.baseline) } : {}),
    metrics: metricsJson(result),
  };
}

function baselineJson(baseline: NonNullable<ReportOptions['baseline']>): Record<string, unknown> {
  return {
    file: baseline.file,
    new: baseline.new,
    unchanged: baseline.unchanged,
    absent: baseline.absent.map((entry) => ({ rule: entry.rule, path: entry.path, fingerprint: entry.fingerprint, message: entry.message })),
    stale: (baseline.stale ?? []).map((entry) => ({ rule: entry.rule, path: entry.path, fingerprint: entry.fingerprint, message: entry.message })),
  };
}

/** Stands in for the findings while the rest of the report is pretty-printed. */
const FINDINGS_PLACEHOLDER = '\u0000findings\u0000';

/**
 * Pretty-printed, with one finding per line (a report can hold 10^5 findings: one compact line
 * each keeps it greppable, smaller, and several times faster to write than fully indented).
 * Undefined (absent optional) fields are dropped, as JSON.stringify drops them.
 */
export function renderJson(result: AnalysisResult, options: ReportOptions): string {
  return joinParts(renderJsonParts(result, options));
}

/** Report parts: text, or UTF-8 bytes kept as read (a judgement cache's stored lines). */
export type ReportPart = string | Uint8Array;

/** The parts as one text. */
export function joinParts(parts: readonly ReportPart[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8'))).join('');
}

/**
 * renderJson as consecutive parts, to be written one after the other: the findings of each file
 * are a part of their own, so that the lines a judgement cache stored go out without being copied
 * into one string of megabytes first.
 */
export function renderJsonParts(result: AnalysisResult, options: ReportOptions): ReportPart[] {
  const { root, policy, summary, files, skipped, metrics, enabledRules } = result;
  const report = buildJsonReport({ root, policy, summary, files, skipped, metrics, enabledRules, findings: [] }, options);
  report.findings = FINDINGS_PLACEHOLDER;
  const pad = ' '.repeat(INDENT);
  const text = JSON.stringify(report, null, INDENT);
  // Found by its key at the top level: a line break cannot occur inside a JSON string, so text from
  // the config or the source (a glob holding the placeholder) cannot be taken for it.
  const key = `\n${pad}"findings": `;
  const at = text.indexOf(key + JSON.stringify(FINDINGS_PLACEHOLDER)) + key.length;
  const before = text.slice(0, at);
  const after = `${text.slice(at + JSON.stringify(FINDINGS_PLACEHOLDER).length)}\n`;
  // Grouped by file in report order, the lines of each group may be at hand already (stored by the
  // judgement cache): then no finding is parsed or stringified.
  // The groups' paths are root-relative (report/paths.ts): the display prefix goes into their lines.
  const prefix = options.paths?.prefix ?? '';
  const linesOf = (group: FileFindings): ReportPart => {
    const states = options.baseline ? (options.baseline.statesByFile?.get(group.path) ?? group.findings.map(baselineStateOf)) : undefined;
    if (prefix === '') return states ? withStates(group.json, states) : group.bytes;
    const lines = prefixedLines(group.json, prefix);
    return states ? withStates(lines, states) : lines;
  };
  const groups: ReportPart[] = result.byFile
    ? result.byFile.filter((group) => group.count > 0).map(linesOf)
    : [findingLines(sortedFindings(result.findings), FINDING_INDENT)].filter((lines) => lines !== '');
  if (groups.length === 0) return [before, '[]', after];
  const parts: ReportPart[] = [`${before}[\n`];
  groups.forEach((lines, i) => {
    if (i > 0) parts.push(',\n');
    parts.push(lines);
  });
  parts.push(`\n${pad}]`, after);
  return parts;
}

/**
 * A file's stored finding lines (findingLines) with each finding's `baselineState` added as its last
 * key, as findingJson would write it: no finding is stringified again. The lines split at the same
 * boundary findingLines joins them at.
 */
function withStates(lines: string, states: ReadonlyArray<BaselineState | undefined>): string {
  const boundary = `},\n${FINDING_INDENT}{"ruleId":`;
  const key = (value: BaselineState | undefined): string => (value === undefined ? '' : `,"baselineState":"${value}"`);
  // Most often every finding of a file has one state: one native replace.
  if (states.length > 0 && states.every((state) => state === states[0])) {
    const text = lines.replaceAll(boundary, `${key(states[0])}${boundary}`);
    if (text.length - lines.length === key(states[0]).length * (states.length - 1)) return `${text.slice(0, -1)}${key(states[0])}}`;
  }
  const parts = lines.split(boundary);
  if (parts.length !== states.length) throw new Error(`${states.length} baseline states for ${parts.length} findings`);
  let out = '';
  for (let i = 0; i < parts.length - 1; i++) out += `${parts[i]!}${key(states[i])}${boundary}`;
  const last = parts[parts.length - 1]!;
  return `${out}${last.slice(0, -1)}${key(states[parts.length - 1])}}`;
}

/** How the top-level `metrics` key starts in a report of renderJson (the last key of the document). */
const METRICS_KEY = `\n${' '.repeat(INDENT)}"metrics": `;

/**
 * A JSON report of renderJson with its `metrics` replaced by `metrics`, exactly as renderJson would
 * render them: for a replayed report (cache/report-cache.ts), whose metrics describe this run.
 */
export function spliceMetrics(rendered: string, metrics: AnalysisResult['metrics']): string {
  const at = rendered.lastIndexOf(METRICS_KEY);
  if (at < 0) throw new Error('not a JSON report of this version: it has no metrics');
  // `metrics` is the last key: the tail of the document is this one-key object without its `{`.
  const tail = JSON.stringify({ metrics: metricsJson({ metrics }) }, null, INDENT);
  return `${rendered.slice(0, at)}${tail.slice(1)}\n`;
}

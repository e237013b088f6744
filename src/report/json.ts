import type { AnalysisResult, FileSummary, Summary } from '../engine/types.js';
import { SEVERITIES, type Finding } from '../rules/types.js';
import { sortedFindings, sortKeys } from './common.js';
import type { ReportOptions } from './types.js';

/** Bump the major version on any breaking change of the JSON report (docs/report-json.md). */
export const JSON_REPORT_SCHEMA_VERSION = '1.0.0';

const INDENT = 2;

/** A finding may carry a baseline state (set by the baseline comparison, when one ran). */
export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';
export const BASELINE_STATES: readonly BaselineState[] = ['new', 'unchanged', 'updated', 'absent'];

export function baselineStateOf(finding: Finding): BaselineState | undefined {
  const state = (finding as Finding & { baselineState?: unknown }).baselineState;
  return BASELINE_STATES.find((s) => s === state);
}

const RELATED_KEYS = ['file', 'line', 'endLine', 'message'] as const;
const COUNT_KEYS = ['files', 'lines', 'codeLines', 'functions'] as const;
const SCORE_KEYS = ['nasaCompliance', 'duplication', 'connascenceIndex', 'overall'] as const;
const FILE_KEYS = ['path', 'language', 'lines', 'codeLines', 'functions', 'parseError'] as const;
const SKIPPED_KEYS = ['path', 'reason', 'detail'] as const;
const CACHE_KEYS = ['hits', 'misses', 'hitRate', 'corrupt', 'judgements'] as const;

/** A copy with exactly `keys`, in that order (stable JSON whatever the input's key order). */
function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

/** Written out key by key (not with `pick`): reports can hold 10^5 findings. */
function findingJson(finding: Finding): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    message: finding.message,
    fingerprint: finding.fingerprint,
    related: finding.related?.map((related) => pick(related, RELATED_KEYS)),
    baselineState: (finding as Finding & { baselineState?: unknown }).baselineState === undefined ? undefined : baselineStateOf(finding),
  };
}

function summaryJson(summary: Summary): Record<string, unknown> {
  return {
    ...pick(summary, COUNT_KEYS),
    findings: SEVERITIES.reduce((sum, s) => sum + (summary.bySeverity[s] ?? 0), 0),
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, summary.bySeverity[s] ?? 0])),
    byRule: sortKeys(summary.byRule),
    skipped: summary.skipped,
    parseErrors: summary.parseErrors,
    scores: pick(summary.scores, SCORE_KEYS),
  };
}

function metricsJson(result: AnalysisResult): Record<string, unknown> {
  const { metrics } = result;
  return { durationMs: metrics.durationMs, phases: { ...metrics.phases }, workers: metrics.workers, cache: metrics.cache && pick(metrics.cache, CACHE_KEYS) };
}

const byPath = (a: FileSummary, b: FileSummary): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The JSON report object (schemas/report.schema.json), keys in documented order. */
export function buildJsonReport(result: AnalysisResult, options: ReportOptions): Record<string, unknown> {
  const gate = options.gate && { failOn: options.gate.failOn, passed: options.gate.passed, failing: options.gate.failing };
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: { name: 'connascence', version: options.toolVersion },
    root: result.root,
    policy: result.policy,
    gate,
    summary: summaryJson(result.summary),
    findings: sortedFindings(result.findings).map(findingJson),
    files: [...result.files].sort(byPath).map((file) => pick(file, FILE_KEYS)),
    skipped: result.skipped.map((skipped) => pick(skipped, SKIPPED_KEYS)),
    metrics: metricsJson(result),
  };
}

/** Stands in for the findings while the rest of the report is pretty-printed. */
const FINDINGS_PLACEHOLDER = '\u0000findings\u0000';

/**
 * Pretty-printed, with one finding per line (a report can hold 10^5 findings: one compact line
 * each keeps it greppable, smaller, and several times faster to write than fully indented).
 * Undefined (absent optional) fields are dropped by JSON.stringify.
 */
export function renderJson(result: AnalysisResult, options: ReportOptions): string {
  const report = buildJsonReport(result, options);
  const findings = report.findings as unknown[];
  report.findings = FINDINGS_PLACEHOLDER;
  const pad = ' '.repeat(INDENT);
  const rendered = findings.length === 0 ? '[]' : `[\n${findings.map((finding) => pad + pad + JSON.stringify(finding)).join(',\n')}\n${pad}]`;
  const text = JSON.stringify(report, null, INDENT).replace(JSON.stringify(FINDINGS_PLACEHOLDER), () => rendered);
  return `${text}\n`;
}

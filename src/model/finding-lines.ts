/**
 * The line format of findings shared by the JSON report and the judgement cache (which stores each
 * file's findings as the report's lines, so that a JSON report writes them out without parsing):
 * one `JSON.stringify(findingJson(finding))` per line, keys in documented order (docs/report-json.md).
 */
import type { Finding } from '../rules/types.js';

/** Each finding line of a JSON report starts with this (findings sit two levels deep, indent 2). */
export const FINDING_INDENT = '    ';

/** A finding may carry a baseline state (set by the baseline comparison, when one ran). */
export type BaselineState = 'new' | 'unchanged';
export const BASELINE_STATES: readonly BaselineState[] = ['new', 'unchanged'];

export function baselineStateOf(finding: Finding): BaselineState | undefined {
  const state = (finding as Finding & { baselineState?: unknown }).baselineState;
  return BASELINE_STATES.find((s) => s === state);
}

/**
 * The findings as `JSON.stringify(findingJson(f))` lines, joined by `,\n`, each after `indent`:
 * the same text, from one JSON.stringify of the whole list (several times faster than one call per
 * finding), split at the boundaries between findings. The boundary `},{"ruleId":` cannot occur
 * inside a string (its quote would be escaped) nor inside `related` (no such key there).
 */
export function findingLines(findings: readonly Finding[], indent: string): string {
  if (findings.length === 0) return '';
  const text = JSON.stringify(findings.map(findingJson));
  return indent + text.slice(1, -1).replaceAll('},{"ruleId":', `},\n${indent}{"ruleId":`);
}

/** A related location, keys in documented order, without undefined ones (like every object here: stringified 10^5 times). */
function relatedJson(related: NonNullable<Finding['related']>[number]): Record<string, unknown> {
  const out: Record<string, unknown> = { file: related.file, line: related.line };
  if (related.endLine !== undefined) out.endLine = related.endLine;
  if (related.message !== undefined) out.message = related.message;
  return out;
}

/**
 * A finding of the report, keys in documented order, written out key by key and without undefined
 * keys: reports can hold 10^5 findings, and JSON.stringify is much faster on such objects.
 */
export function findingJson(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = { ruleId: finding.ruleId, severity: finding.severity, file: finding.file, line: finding.line, column: finding.column };
  if (finding.endLine !== undefined) out.endLine = finding.endLine;
  if (finding.endColumn !== undefined) out.endColumn = finding.endColumn;
  out.message = finding.message;
  out.fingerprint = finding.fingerprint;
  if (finding.related !== undefined) out.related = finding.related.map(relatedJson);
  const state = (finding as Finding & { baselineState?: unknown }).baselineState === undefined ? undefined : baselineStateOf(finding);
  if (state !== undefined) out.baselineState = state;
  return out;
}


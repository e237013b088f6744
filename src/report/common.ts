import { findRule } from '../rules/index.js';
import { SEVERITIES, type Finding, type RuleMeta, type Severity } from '../rules/types.js';
import type { AnalysisResult } from '../model/analysis.js';
import { relative, isAbsolute } from 'node:path';
import { printable } from '../printable.js';
import type { ReportOptions } from './types.js';

/** SARIF / annotation level of each severity. */
export const SEVERITY_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

export const SCORE_LABELS = {
  nasaCompliance: 'NASA compliance',
  duplication: 'Duplication',
  connascenceIndex: 'Connascence index',
  overall: 'Overall',
} as const;

/**
 * One line of text: each line break, with the blanks around it, becomes one space (`a  \n\n  b` ->
 * `a b`). By hand rather than a regular expression with a star on each side of the line break, which scans a run of blanks again from each of its
 * characters: quadratic on a message of spaces (issue 30).
 */
export function joinLines(text: string): string {
  const lines = text.split(/\r\n|[\r\n]/);
  if (lines.length === 1) return text;
  const out = [lines[0]!.trimEnd()];
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!.trim();
    if (line !== '') out.push(line);
  }
  out.push(lines[lines.length - 1]!.trimStart());
  return out.join(' ');
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** File, line, column, rule: the reading order of every report. */
export function compareByLocation(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId);
}

/** Most severe first, then by location. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compareByLocation(a, b);
}

export function sortedFindings(findings: readonly Finding[], compare = compareByLocation): Finding[] {
  return [...findings].sort(compare);
}

/** Findings grouped by file, files in path order, findings by location. */
export function groupByFile(findings: readonly Finding[]): Array<[string, Finding[]]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of sortedFindings(findings)) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return [...groups.entries()];
}

/** Rule metadata by id; undefined for ids no rule declares (tolerated everywhere). */
export function ruleMeta(id: string): RuleMeta | undefined {
  return findRule(id)?.meta;
}

/** Counts by rule id, most frequent first, then by id. */
export function ruleCounts(result: AnalysisResult): Array<[string, number]> {
  return Object.entries(result.summary.byRule)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || compareText(a, b));
}

/** Object with sorted keys, for stable JSON. */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

const HUNDREDTHS = 100;

/** `1`, `1.5`, `12.25`: at most two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * HUNDREDTHS) / HUNDREDTHS);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * `failed (fail on high: 2 findings at or above high): budget total: 4 > 3` style description of the
 * gate: the threshold, then every budget that failed, with its counts.
 */
export function describeGate(gate: { failOn: string; passed: boolean; failing?: number; reasons?: readonly string[] }): string {
  const verdict = gate.passed ? 'passed' : 'failed';
  const failing = gate.failing === undefined ? '' : `: ${plural(gate.failing, 'finding')} at or above ${gate.failOn}`;
  const threshold = gate.failOn === 'none' ? '--fail-on none' : `fail on ${gate.failOn}${failing}`;
  const budgets = (gate.reasons ?? []).filter((reason) => reason.startsWith('budget '));
  return `${verdict} (${threshold})${budgets.length > 0 ? `: ${budgets.join('; ')}` : ''}`;
}

/** The findings a human report lists: with a baseline, the new ones only (the others are counted). */
export function shownFindings(result: AnalysisResult, options: ReportOptions): Finding[] {
  return options.baseline ? result.findings.filter((finding) => (finding as Finding & { baselineState?: string }).baselineState === 'new') : result.findings;
}

/** `Baseline connascence-baseline.json: 2 new, 40 unchanged (not listed), 1 absent (fixed)`; undefined without one. */
export function describeBaseline(result: AnalysisResult, options: ReportOptions): string | undefined {
  const baseline = options.baseline;
  if (!baseline) return undefined;
  const inRoot = relative(result.root, baseline.file);
  const file = inRoot.startsWith('..') || isAbsolute(inRoot) ? baseline.file : inRoot;
  return `Baseline ${printable(file)}: ${baseline.new} new, ${baseline.unchanged} unchanged (not listed), ${baseline.absent.length} absent (fixed)`;
}

/** `3 findings suppressed by connascence-disable comments`; undefined when none was. */
export function describeSuppressed(options: ReportOptions): string | undefined {
  const count = options.suppressed?.length ?? 0;
  return count === 0 ? undefined : `${plural(count, 'finding')} suppressed by connascence-disable comments`;
}

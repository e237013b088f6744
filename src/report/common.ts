import { findRule } from '../rules/index.js';
import { SEVERITIES, type Finding, type RuleMeta, type Severity } from '../rules/types.js';
import type { AnalysisResult } from '../model/analysis.js';
import { relative, isAbsolute } from 'node:path';
import { printable } from '../printable.js';
import type { ReportOptions, SuppressedFinding } from './types.js';
import type { SafetySwitch } from '../model/policy-report.js';

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
  return `${verdict} (${threshold})${budgets.length > 0 ? `: ${printable(budgets.join('; '))}` : ''}`;
}

/** The findings a human report lists: with a baseline, the new ones only (the others are counted). */
export function shownFindings(result: AnalysisResult, options: ReportOptions): Finding[] {
  return options.baseline ? result.findings.filter((finding) => (finding as Finding & { baselineState?: string }).baselineState === 'new') : result.findings;
}

/** At most this many stale paths are named in a human report (the JSON report lists every entry). */
const STALE_PATHS_SHOWN = 5;

/**
 * `Baseline connascence-baseline.json: 2 new, 40 unchanged (not listed), 1 absent (fixed)`, and
 * `, 3 stale (no such file: src/gone.py)` when entries name files that do not exist; undefined without one.
 */
export function describeBaseline(result: AnalysisResult, options: ReportOptions): string | undefined {
  const parts = baselineParts(result, options);
  return parts && `Baseline ${printable(parts.file)}: ${parts.counts}${describeStale(parts.stale)}`;
}

/** The baseline file as shown (relative to the root when inside it), and its counts in words; undefined without one. */
export function baselineParts(result: AnalysisResult, options: ReportOptions): { file: string; counts: string; stale: { count: number; paths: string[]; more: number } } | undefined {
  const baseline = options.baseline;
  if (!baseline) return undefined;
  const inRoot = relative(result.root, baseline.file);
  const file = inRoot.startsWith('..') || isAbsolute(inRoot) ? baseline.file : inRoot;
  const stale = baseline.stale ?? [];
  const paths = [...new Set(stale.map((entry) => entry.path))];
  return {
    file,
    counts: `${baseline.new} new, ${baseline.unchanged} unchanged (not listed), ${baseline.absent.length} absent (fixed)`,
    stale: { count: stale.length, paths: paths.slice(0, STALE_PATHS_SHOWN), more: Math.max(0, paths.length - STALE_PATHS_SHOWN) },
  };
}

/** `, 3 stale (no such file: a.py, b.ts)`: entries of files that do not exist, which match nothing; `show` renders a path from the baseline for its format. */
export function describeStale(stale: { count: number; paths: string[]; more: number }, show: (path: string) => string = printable): string {
  if (stale.count === 0) return '';
  const more = stale.more > 0 ? `, ${stale.more} more` : '';
  return `, ${stale.count} stale (no such file: ${stale.paths.map(show).join(', ')}${more})`;
}

/** `3 findings suppressed by connascence-disable comments`; undefined when none was. */
export function describeSuppressed(options: ReportOptions): string | undefined {
  const count = options.suppressed?.length ?? 0;
  return count === 0 ? undefined : `${plural(count, 'finding')} suppressed by connascence-disable comments`;
}

/** Suppressed findings of these severities, and those of the safety rules, are listed in every report, not only counted. */
export const LISTED_SUPPRESSED_SEVERITIES: readonly Severity[] = ['critical', 'high'];

/** The heading of the suppressed findings every report names. */
export const LISTED_SUPPRESSED_TITLE = 'Suppressed critical, high and safety findings';

/**
 * The suppressed findings every report names: the critical and high ones, and those of a safety rule
 * (RuleMeta.safety) whatever their severity (a config may have lowered it), most severe first.
 */
export function listedSuppressed(options: ReportOptions): SuppressedFinding[] {
  return (options.suppressed ?? []).filter((finding) => LISTED_SUPPRESSED_SEVERITIES.includes(finding.severity) || ruleMeta(finding.ruleId)?.safety === true).sort(compareBySeverity);
}

/** `connascence-disable-next-line at line 2: the reason` (raw text: each format escapes it). */
export function describeSuppression(finding: SuppressedFinding): string {
  const reason = finding.suppression.reason !== undefined ? `: ${finding.suppression.reason}` : ' (no reason given)';
  return `connascence-${finding.suppression.kind} at line ${finding.suppression.line}${reason}`;
}

/** The switches of safety of the run (policy/switches.ts), none when it has none. */
export function safetySwitches(options: ReportOptions): readonly SafetySwitch[] {
  return options.policy?.switches ?? [];
}

/** Where a switch came from: `--exclude`, or `connascence.config.json: rules.SEC_SHELL` (raw text: each format escapes it). */
export function switchSource(entry: SafetySwitch): string {
  return entry.source.startsWith('--') ? entry.source : `${entry.source}: ${entry.setting}`;
}

/** The heading of the switches, saying when the config file is in the checkout (a pull request controls it). */
export function switchesHeading(options: ReportOptions): string {
  const settings = options.policy?.settings;
  const count = safetySwitches(options).length;
  const where = settings?.config !== undefined && settings.configInRoot === true ? ` (${settings.config} is inside the analysed directory: a pull request can change it)` : '';
  return `${plural(count, 'setting')} weaken${count === 1 ? 's' : ''} the safety checks or leave${count === 1 ? 's' : ''} files out${where}`;
}

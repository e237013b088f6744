import type { AnalysisResult } from '../model/analysis.js';
import type { Finding, Severity } from '../rules/types.js';
import { printable } from '../printable.js';
import { compareBySeverity, describeGate, describeSuppression, listedSuppressed, plural, safetySwitches, shownFindings, sortedFindings, switchesHeading, switchSource } from './common.js';
import type { ReportOptions } from './types.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
};

/** Escapes the message of a workflow command (GitHub's escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (GitHub's escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function properties(finding: Finding): string {
  const entries: Array<[string, string | number | undefined]> = [
    ['file', finding.file],
    ['line', finding.line],
    ['col', finding.column],
    ['endLine', finding.endLine],
    ['endColumn', finding.endColumn],
    ['title', finding.ruleId],
  ];
  return entries
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(printable(String(value)))}`)
    .join(',');
}

function relatedText(finding: Finding): string {
  const related = finding.related ?? [];
  const lines = related.map((r) => `  ${printable(r.file)}:${r.line}${r.message ? ` ${printable(r.message, true)}` : ''}`);
  return lines.length > 0 ? `\nRelated:\n${lines.join('\n')}` : '';
}

/** One workflow command: `::error file=a.ts,line=3,col=1,title=RULE::message`. */
export function annotation(finding: Finding): string {
  return `::${COMMAND[finding.severity]} ${properties(finding)}::${escapeData(printable(finding.message, true) + relatedText(finding))}`;
}

/** Annotations of each level GitHub shows per step (about 10); the rest are summed up in one notice. */
export const DEFAULT_MAX_ANNOTATIONS = 10;

/**
 * Annotations for GitHub Actions: per level (error, warning, notice) the most severe first, at most
 * `maxAnnotations` (GitHub shows about 10 of each per step and drops the rest), then one notice
 * saying how many were not annotated, then one plain summary line for the log.
 */
export function renderGithub(result: AnalysisResult, options: ReportOptions): string {
  // With a baseline only the new findings are annotated: the accepted ones would bury them.
  const findings = sortedFindings(shownFindings(result, options), compareBySeverity);
  const cap = options.maxAnnotations ?? DEFAULT_MAX_ANNOTATIONS;
  const perLevel = new Map<string, number>();
  const lines: string[] = [];
  let left = 0;
  for (const finding of findings) {
    const level = COMMAND[finding.severity];
    const count = perLevel.get(level) ?? 0;
    if (count >= cap) {
      left++;
      continue;
    }
    perLevel.set(level, count + 1);
    lines.push(annotation(finding));
  }
  // Settings that weaken the safety checks, and suppressed critical, high and safety findings.
  for (const entry of safetySwitches(options)) lines.push(`::warning title=connascence settings::${escapeData(printable(`${entry.change} (${switchSource(entry)}). ${switchesHeading(options)}.`))}`);
  for (const f of listedSuppressed(options).slice(0, cap)) {
    lines.push(`::notice file=${escapeProperty(printable(f.file))},line=${f.line},title=${escapeProperty(printable(`Suppressed ${f.severity} ${f.ruleId}`))}::${escapeData(printable(`${f.message} (${describeSuppression(f)})`, true))}`);
  }
  const hiddenSuppressed = listedSuppressed(options).length - Math.min(cap, listedSuppressed(options).length);
  if (hiddenSuppressed > 0) lines.push(`::notice title=connascence::${escapeData(`${plural(hiddenSuppressed, 'more suppressed critical, high or safety finding')} not annotated; see the report.`)}`);
  if (left > 0) lines.push(`::notice title=connascence::${escapeData(`${plural(left, 'more finding')} not annotated (at most ${cap} per level, --max-annotations); see the report or the step summary for all of them.`)}`);
  const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : '';
  const baseline = options.baseline ? ` (${options.baseline.new} new, ${options.baseline.unchanged} in the baseline, ${options.baseline.absent.length} fixed${(options.baseline.stale?.length ?? 0) > 0 ? `, ${options.baseline.stale.length} stale` : ''})` : '';
  const gate = options.gate ? `; gate ${describeGate(options.gate)}` : '';
  const suppressed = options.suppressed && options.suppressed.length > 0 ? `, ${options.suppressed.length} suppressed` : '';
  lines.push(`connascence: ${plural(result.findings.length, 'finding')}${baseline}${suppressed} in ${plural(result.summary.files, 'file')}${skipped}${gate}`);
  return `${lines.join('\n')}\n`;
}

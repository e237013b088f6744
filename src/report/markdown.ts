import type { AnalysisResult } from '../model/analysis.js';
import { SEVERITIES, type Finding } from '../rules/types.js';
import { compareBySeverity, describeBaseline, describeGate, describeSuppressed, formatNumber, joinLines, plural, ruleCounts, ruleMeta, SCORE_LABELS, shownFindings, sortedFindings } from './common.js';
import type { ReportOptions } from './types.js';
import { printable } from '../printable.js';

/** Findings listed in the summary; the rest are counted ("and N more"). */
export const MARKDOWN_MAX_FINDINGS = 50;

const LEFT = '---';
const RIGHT = '---:';

/** Table cell text: one line, Markdown punctuation (including `|`) backslash-escaped. */
export function escapeCell(text: string): string {
  return printable(joinLines(text))
    .replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
    .trim();
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly string[]): string[] {
  const separator = align ?? header.map(() => LEFT);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(separator), ...rows.map((row) => line(row.map(escapeCell)))];
}

function gateLines(options: ReportOptions): string[] {
  if (!options.gate) return [];
  const icon = options.gate.passed ? '✅' : '❌';
  return [`${icon} **Gate ${escapeCell(describeGate(options.gate))}**`, ''];
}

function overviewLine(result: AnalysisResult): string {
  const { summary } = result;
  const parts = [
    `Policy \`${result.policy}\``,
    plural(summary.files, 'file'),
    `${plural(summary.lines, 'line')} (${summary.codeLines} code)`,
    plural(summary.functions, 'function'),
    plural(result.findings.length, 'finding'),
  ];
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.parseErrors > 0) parts.push(plural(summary.parseErrors, 'parse error'));
  if (summary.tests > 0) parts.push(plural(summary.tests, 'test file'));
  if (summary.generated > 0) parts.push(`${summary.generated} generated`);
  return parts.join(' · ');
}

function scoresTable(result: AnalysisResult): string[] {
  const { scores } = result.summary;
  const rows = [
    [SCORE_LABELS.nasaCompliance, `${formatNumber(scores.nasaCompliance)} / 100`],
    [SCORE_LABELS.duplication, `${formatNumber(scores.duplication)} / 100`],
    [SCORE_LABELS.connascenceIndex, `${formatNumber(scores.connascenceIndex)} per KLOC (lower is better)`],
    [SCORE_LABELS.overall, `${formatNumber(scores.overall)} / 100`],
  ];
  return ['### Scores', '', ...table(['Score', 'Value'], rows, [LEFT, RIGHT]), ''];
}

function countTables(result: AnalysisResult): string[] {
  const bySeverity = SEVERITIES.map((s) => [s, String(result.summary.bySeverity[s] ?? 0)]);
  const lines = ['### Findings by severity', '', ...table(['Severity', 'Count'], bySeverity, [LEFT, RIGHT]), ''];
  const rules = ruleCounts(result).map(([id, count]) => [id, String(count), ruleMeta(id)?.description ?? '']);
  if (rules.length > 0) {
    lines.push('### Findings by rule', '', ...table(['Rule', 'Count', 'Description'], rules, [LEFT, RIGHT, LEFT]), '');
  }
  return lines;
}

function findingRow(finding: Finding): string[] {
  return [finding.severity, finding.ruleId, `${finding.file}:${finding.line}:${finding.column}`, finding.message];
}

function topFindings(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const shown = sortedFindings(findings, compareBySeverity).slice(0, MARKDOWN_MAX_FINDINGS);
  const lines = ['### Top findings', '', ...table(['Severity', 'Rule', 'Location', 'Message'], shown.map(findingRow))];
  const rest = findings.length - shown.length;
  if (rest > 0) lines.push('', `_and ${rest} more_`);
  return [...lines, ''];
}

function skippedTable(result: AnalysisResult): string[] {
  if (result.skipped.length === 0) return [];
  const rows = result.skipped.map((s) => [s.path, s.reason, s.detail]);
  return ['### Skipped files', '', ...table(['File', 'Reason', 'Detail'], rows), ''];
}

function baselineLines(result: AnalysisResult, options: ReportOptions): string[] {
  const lines = [describeBaseline(result, options), describeSuppressed(options)].filter((line): line is string => line !== undefined);
  return lines.length > 0 ? [...lines.map(escapeCell).join('  \n').split('\n'), ''] : [];
}

/** A summary for `$GITHUB_STEP_SUMMARY` (GitHub-flavoured Markdown). */
export function renderMarkdown(result: AnalysisResult, options: ReportOptions): string {
  const lines = [
    '## connascence report',
    '',
    ...gateLines(options),
    overviewLine(result),
    '',
    ...baselineLines(result, options),
    ...scoresTable(result),
    ...countTables(result),
    ...topFindings(shownFindings(result, options)),
    ...skippedTable(result),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

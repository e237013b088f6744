import type { AnalysisResult } from '../model/analysis.js';
import { SEVERITIES, type Finding } from '../rules/types.js';
import { baselineParts, compareBySeverity, describeStale, describeGate, describeSuppressed, formatNumber, joinLines, listedSuppressed, LISTED_SUPPRESSED_TITLE, plural, ruleCounts, ruleMeta, safetySwitches, SCORE_LABELS, shownFindings, sortedFindings, switchesHeading, switchSource } from './common.js';
import type { ReportOptions } from './types.js';
import { printable } from '../printable.js';

/** Findings listed in the summary; the rest are counted ("and N more"). */
export const MARKDOWN_MAX_FINDINGS = 50;

const LEFT = '---';
const RIGHT = '---:';

const oneLine = (text: string): string => printable(joinLines(text)).trim();

/**
 * Our own text in markdown (labels, counts, the gate's verdict): one line, Markdown punctuation
 * (including `|`) backslash-escaped, so that no link, image, HTML, emphasis or table cell can start;
 * and what GFM would turn into a link by itself (`https://`, `www.`, an email address) broken with
 * character references, which the autolink extension does not read as `:`, `.` or `@`. Text that
 * comes from a file, report, partial or baseline goes in code spans instead (codeSpan).
 */
export function escapeCell(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
    .replace(/:\/\//g, '&#58;//')
    .replace(/\b(www)\./gi, '$1&#46;')
    .replace(/@/g, '&#64;');
}

/**
 * Text that comes from a file, report, partial or baseline (paths, rule ids, messages, quoted
 * literals), as an inline code span: nothing inside one is a link (GFM autolinks included), an
 * image, HTML, emphasis or a reference. One line, control characters shown (printable); the fence is
 * one backtick longer than the longest run of backticks inside, with a space on each side (which
 * CommonMark strips), so no text can close it. `inTable`: a `|` is written `\|`, which GFM's table
 * parser reads as a `|` of the cell, even inside a code span.
 */
export function codeSpan(text: string, inTable = false): string {
  let shown = oneLine(text);
  if (shown === '') return '';
  if (inTable) shown = shown.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of shown.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${shown} ${fence}`;
}

/** A table cell of text that comes from outside (codeSpan in a table). */
const codeCell = (text: string): Cell => ({ code: text });
type Cell = string | { code: string };
const cellText = (cell: Cell): string => (typeof cell === 'string' ? escapeCell(cell) : codeSpan(cell.code, true));

function table(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>, align?: readonly string[]): string[] {
  const separator = align ?? header.map(() => LEFT);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(separator), ...rows.map((row) => line(row.map(cellText)))];
}

function gateLines(options: ReportOptions): string[] {
  if (!options.gate) return [];
  const icon = options.gate.passed ? '✅' : '❌';
  return [`${icon} **Gate ${escapeCell(describeGate(options.gate))}**`, ''];
}

function overviewLine(result: AnalysisResult): string {
  const { summary } = result;
  const parts = [
    `Policy ${codeSpan(result.policy)}`,
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
  const rules = ruleCounts(result).map(([id, count]) => [codeCell(id), String(count), ruleMeta(id)?.description ?? '']);
  if (rules.length > 0) {
    lines.push('### Findings by rule', '', ...table(['Rule', 'Count', 'Description'], rules, [LEFT, RIGHT, LEFT]), '');
  }
  return lines;
}

function findingRow(finding: Finding): Cell[] {
  return [finding.severity, codeCell(finding.ruleId), codeCell(`${finding.file}:${finding.line}:${finding.column}`), codeCell(finding.message)];
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
  const rows = result.skipped.map((s) => [codeCell(s.path), codeCell(s.reason), codeCell(s.detail)]);
  return ['### Skipped files', '', ...table(['File', 'Reason', 'Detail'], rows), ''];
}

function baselineLines(result: AnalysisResult, options: ReportOptions): string[] {
  const baseline = baselineParts(result, options);
  const suppressed = describeSuppressed(options);
  const lines = [baseline && `Baseline ${codeSpan(baseline.file)}: ${escapeCell(baseline.counts)}${describeStale(baseline.stale, (path) => codeSpan(path))}`, suppressed && escapeCell(suppressed)].filter((line): line is string => line !== undefined);
  return lines.length > 0 ? [...lines.join('  \n').split('\n'), ''] : [];
}

/** The settings that weaken a safety rule or leave files out, with where each came from. */
function switchesTable(options: ReportOptions): string[] {
  const switches = safetySwitches(options);
  if (switches.length === 0) return [];
  const rows = switches.map((entry) => [entry.change, switchSource(entry)]);
  return [`### ⚠️ Safety switched off or narrowed`, '', `${escapeCell(switchesHeading(options))}.`, '', ...table(['Change', 'Set by'], rows), ''];
}

/** The suppressed critical, high and safety findings: they left the counts and the gate, not the summary. */
function suppressedTable(options: ReportOptions): string[] {
  const listed = listedSuppressed(options);
  if (listed.length === 0) return [];
  const shown = listed.slice(0, MARKDOWN_MAX_FINDINGS);
  const rows = shown.map((f): Cell[] => [f.severity, codeCell(f.ruleId), codeCell(`${f.file}:${f.line}:${f.column}`), `connascence-${f.suppression.kind} at line ${f.suppression.line}`, f.suppression.reason !== undefined ? codeCell(f.suppression.reason) : '(none)']);
  const lines = [`### ${LISTED_SUPPRESSED_TITLE}`, '', ...table(['Severity', 'Rule', 'Location', 'Suppressed by', 'Reason'], rows)];
  if (listed.length > shown.length) lines.push('', `_and ${listed.length - shown.length} more_`);
  return [...lines, ''];
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
    ...switchesTable(options),
    ...suppressedTable(options),
    ...scoresTable(result),
    ...countTables(result),
    ...topFindings(shownFindings(result, options)),
    ...skippedTable(result),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

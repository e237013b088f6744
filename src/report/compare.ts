/**
 * `connascence compare` as text, JSON or markdown (see compare/compare.ts for what is compared).
 */
import type { Comparison, FindingChange } from '../compare/compare.js';
import { inertJson, inertText, printable, printableLine } from '../printable.js';
import { formatNumber, plural } from './common.js';
import { codeSpan, escapeCell } from './markdown.js';

export const COMPARE_FORMATS = ['text', 'json', 'markdown'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
/** Findings listed per side; the rest are counted. */
const MAX_LISTED = 50;

const signed = (value: number, unit = ''): string => `${value > 0 ? '+' : ''}${formatNumber(value)}${unit}`;

/**
 * Everything in a comparison but the numbers comes from the two reports (rule ids, paths, messages):
 * each field is escaped for its format (printable, code spans), and the whole goes through the last
 * guard of a report (printable.ts: no line a workflow command, no `##[`).
 */
export function renderComparison(comparison: Comparison, format: CompareFormat): string {
  if (format === 'json') return inertJson(`${JSON.stringify({ format: 'connascence-compare', version: 1, ...comparison }, null, 2)}\n`);
  return inertText(format === 'markdown' ? markdown(comparison) : text(comparison), false);
}

function verdict(comparison: Comparison): string {
  return comparison.regressions.length === 0 ? 'no regression' : `regression: ${comparison.regressions.join('; ')}`;
}

function text(c: Comparison): string {
  const line = (f: FindingChange): string => `  ${printableLine(f.file)}:${f.line} ${printable(f.ruleId)} ${printable(f.message)}`;
  const listed = (title: string, list: readonly FindingChange[]): string[] => {
    if (list.length === 0) return [];
    const rest = list.length - MAX_LISTED;
    return [`${title}:`, ...list.slice(0, MAX_LISTED).map(line), ...(rest > 0 ? [`  and ${rest} more`] : [])];
  };
  return `${[
    `Compared ${printable(c.base)} -> ${printable(c.head)}`,
    `Findings: ${plural(c.added.length, 'added', 'added')}, ${plural(c.removed.length, 'removed', 'removed')}`,
    ...c.byRule.map((r) => `  ${printableLine(r.ruleId).padEnd(24)} +${r.added} -${r.removed}`),
    ...listed('Added', c.added),
    ...listed('Removed', c.removed),
    `Scores: ${c.scores.map((s) => `${s.label} ${formatNumber(s.base)} -> ${formatNumber(s.head)} (${signed(s.change)})`).join(', ')}`,
    `Throughput: ${formatNumber(c.throughput.base)} -> ${formatNumber(c.throughput.head)} files/s (${signed(c.throughput.changePercent, '%')})`,
    `Result: ${verdict(c)}`,
  ].join('\n')}\n`;
}

function markdown(c: Comparison): string {
  const row = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const codeRow = (cells: readonly string[]): string => `| ${cells.map((cell) => codeSpan(cell, true)).join(' | ')} |`;
  const findings = (title: string, list: readonly FindingChange[]): string[] => {
    if (list.length === 0) return [];
    const rest = list.length - MAX_LISTED;
    return [`### ${title}`, '', '| Rule | Location | Message |', '| --- | --- | --- |', ...list.slice(0, MAX_LISTED).map((f) => codeRow([f.ruleId, `${f.file}:${f.line}`, f.message])), ...(rest > 0 ? ['', `_and ${rest} more_`] : []), ''];
  };
  return `${[
    '## connascence compare',
    '',
    `${c.regressions.length === 0 ? '✅' : '❌'} **${escapeCell(verdict(c))}**`,
    '',
    `${plural(c.added.length, 'finding')} added, ${c.removed.length} removed.`,
    '',
    ...(c.byRule.length > 0 ? ['| Rule | Added | Removed |', '| --- | ---: | ---: |', ...c.byRule.map((r) => `| ${codeSpan(r.ruleId, true)} | ${r.added} | ${r.removed} |`), ''] : []),
    '| Score | Base | Head | Change |',
    '| --- | ---: | ---: | ---: |',
    ...c.scores.map((s) => row([s.label, formatNumber(s.base), formatNumber(s.head), signed(s.change)])),
    row(['Throughput (files/s)', formatNumber(c.throughput.base), formatNumber(c.throughput.head), signed(c.throughput.changePercent, '%')]),
    '',
    ...findings('Added findings', c.added),
    ...findings('Removed findings', c.removed),
  ].join('\n').trimEnd()}\n`;
}

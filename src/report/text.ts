import type { AnalysisResult } from '../model/analysis.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { painter, type Painter, type Style } from './color.js';
import { describeBaseline, describeGate, describeSuppressed, describeSuppression, formatNumber, groupByFile, joinLines, listedSuppressed, LISTED_SUPPRESSED_TITLE, plural, ruleCounts, safetySwitches, SCORE_LABELS, shownFindings, switchesHeading, switchSource } from './common.js';
import type { ReportOptions } from './types.js';
import { printable, printableLine } from '../printable.js';

const FAILURE: Style[] = ['red', 'bold'];
const SUCCESS: Style[] = ['green'];

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['magenta', 'bold'],
  high: ['red'],
  medium: ['yellow'],
  low: ['blue'],
};

const JUDGEMENT_LABELS = {
  hit: 'reused from the last run',
  incremental: 'last run updated for the changed files',
  replayed: 'report replayed from the last run',
  miss: 'computed',
  corrupt: 'corrupt entry, recomputed',
  'write-error': 'computed, not stored',
} as const;
const PERCENT = 100;

/** One line of text: newlines and runs of blanks around them become one space. */
const oneLine = (text: string): string => printable(joinLines(text));

/** ESLint "stylish": a header per file, then aligned `line:col  severity  message  RULE`. */
function renderFileGroup(file: string, findings: readonly Finding[], paint: Painter): string[] {
  const rows = findings.map((f) => ({ position: `${f.line}:${f.column}`, severity: f.severity, message: oneLine(f.message), ruleId: printable(f.ruleId) }));
  const width = (key: 'position' | 'severity' | 'message'): number => Math.max(...rows.map((row) => row[key].length));
  const widths = { position: width('position'), severity: width('severity'), message: width('message') };
  const lines = rows.map((row) => {
    const severity = paint(row.severity.padEnd(widths.severity), ...SEVERITY_STYLE[row.severity]);
    return `  ${paint(row.position.padEnd(widths.position), 'dim')}  ${severity}  ${row.message.padEnd(widths.message)}  ${paint(row.ruleId, 'dim')}`;
  });
  return [paint(printableLine(file), 'underline'), ...lines, ''];
}

function renderCounts(result: AnalysisResult, paint: Painter): string[] {
  const total = result.findings.length;
  const bySeverity = SEVERITIES.map((s) => `${result.summary.bySeverity[s] ?? 0} ${s}`).join(', ');
  const mark = total === 0 ? paint('✔', ...SUCCESS) : paint('✖', ...FAILURE);
  const lines = [`${mark} ${plural(total, 'finding')} (${bySeverity})`];
  const rules = ruleCounts(result);
  if (rules.length > 0) lines.push(`  by rule: ${rules.map(([id, count]) => `${printable(id)} ${count}`).join(', ')}`);
  return lines;
}

function renderScores(result: AnalysisResult): string {
  const { scores } = result.summary;
  const parts = [
    `${SCORE_LABELS.nasaCompliance} ${formatNumber(scores.nasaCompliance)}/100`,
    `${SCORE_LABELS.duplication.toLowerCase()} ${formatNumber(scores.duplication)}/100`,
    `${SCORE_LABELS.connascenceIndex.toLowerCase()} ${formatNumber(scores.connascenceIndex)} per KLOC`,
    `${SCORE_LABELS.overall.toLowerCase()} ${formatNumber(scores.overall)}/100`,
  ];
  return `Scores: ${parts.join(', ')}`;
}

function renderAnalysed(result: AnalysisResult): string {
  const { summary } = result;
  const parseErrors = summary.parseErrors > 0 ? `, ${plural(summary.parseErrors, 'parse error')}` : '';
  const kinds = [summary.tests > 0 ? plural(summary.tests, 'test file') : '', summary.generated > 0 ? `${summary.generated} generated` : ''].filter(Boolean);
  const files = kinds.length > 0 ? `${plural(summary.files, 'file')} (${kinds.join(', ')})` : plural(summary.files, 'file');
  return `Analysed ${files}, ${plural(summary.lines, 'line')} (${summary.codeLines} code lines, ${plural(summary.functions, 'function')})${parseErrors} under policy ${printable(result.policy)}`;
}

function renderSkipped(result: AnalysisResult): string[] {
  if (result.skipped.length === 0) return [];
  const paths = result.skipped.map((s) => printableLine(s.path));
  const width = Math.max(...paths.map((path) => path.length));
  const rows = result.skipped.map((s, i) => `  ${paths[i]!.padEnd(width)}  ${printable(s.reason)}: ${oneLine(s.detail)}`);
  return [`Skipped ${plural(result.skipped.length, 'file')}:`, ...rows];
}

/** Each setting that weakens a safety rule or leaves files out, with where it came from. */
function renderSwitches(options: ReportOptions, paint: Painter): string[] {
  const switches = safetySwitches(options);
  if (switches.length === 0) return [];
  return [paint(`${oneLine(switchesHeading(options))}:`, 'yellow'), ...switches.map((entry) => `  ${oneLine(entry.change)}  (${oneLine(switchSource(entry))})`)];
}

/** The suppressed critical, high and safety findings, one line each: they left the counts and the gate, not the report. */
function renderSuppressed(options: ReportOptions, paint: Painter): string[] {
  const listed = listedSuppressed(options);
  if (listed.length === 0) return [];
  const rows = listed.map((f) => `  ${printableLine(`${f.file}:${f.line}:${f.column}`)}  ${paint(f.severity, ...SEVERITY_STYLE[f.severity])}  ${oneLine(f.ruleId)}  ${oneLine(f.message)}  [${oneLine(describeSuppression(f))}]`);
  return [`${LISTED_SUPPRESSED_TITLE} (${listed.length}, not counted by the gate):`, ...rows];
}

function renderVerbose(result: AnalysisResult): string[] {
  const { metrics } = result;
  const phases = Object.entries(metrics.phases).map(([name, ms]) => `${name} ${Math.round(ms)} ms`);
  const lines = [`Timings: ${[...phases, `total ${Math.round(metrics.durationMs)} ms`].join(', ')}`];
  const cache = metrics.cache;
  if (cache) {
    const lookups = cache.hits + cache.misses;
    const rate = lookups === 0 ? 0 : (cache.hits / lookups) * PERCENT;
    lines.push(`Cache: ${cache.hits} hits, ${cache.misses} misses (${formatNumber(rate)}% hit rate), ${cache.corrupt} corrupt entries${cache.writeErrors > 0 ? `, ${cache.writeErrors} not written` : ''}${cache.judgements ? `; judgements: ${JUDGEMENT_LABELS[cache.judgements]}` : ''}`);
  }
  return lines;
}

/** The default, human-readable report. */
export function renderText(result: AnalysisResult, options: ReportOptions): string {
  const paint = painter(options.color);
  const lines = groupByFile(shownFindings(result, options)).flatMap(([file, findings]) => renderFileGroup(file, findings, paint));
  lines.push(...renderCounts(result, paint));
  const baseline = describeBaseline(result, options);
  if (baseline) lines.push(baseline);
  const suppressed = describeSuppressed(options);
  if (suppressed) lines.push(suppressed);
  lines.push(...renderSuppressed(options, paint), ...renderSwitches(options, paint));
  lines.push(renderAnalysed(result), renderScores(result), ...renderSkipped(result));
  if (options.verbose) lines.push(...renderVerbose(result));
  if (options.gate) {
    const verdict = describeGate(options.gate);
    lines.push(`Gate: ${paint(verdict, ...(options.gate.passed ? SUCCESS : FAILURE))}`);
  }
  return `${lines.join('\n')}\n`;
}

import { ConfigError, EXIT } from '../../errors.js';
import { compareReports, readReport, type CompareLimits, type ComparedReport } from '../../compare/compare.js';
import { writeOutputFile } from '../../fs/output-file.js';
import { printable } from '../../printable.js';
import { COMPARE_FORMATS, renderComparison, type CompareFormat } from '../../report/compare.js';

/** --max-score-drop and --max-slowdown: numbers of at least 0 (a slowdown in percent). */
export function compareLimits(flags: { 'max-score-drop'?: string; 'max-slowdown'?: string }): CompareLimits {
  const number = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new ConfigError(`--${flag} must be a number of at least 0, not "${printable(value)}".`);
    return parsed;
  };
  const slowdown = number('max-slowdown', flags['max-slowdown']);
  return { maxScoreDrop: number('max-score-drop', flags['max-score-drop']) ?? 0, ...(slowdown !== undefined ? { maxSlowdown: slowdown } : {}) };
}

/** The comparison of two reports as `format`; exit 1 when a limit failed. */
export function comparisonOutcome(base: ComparedReport, head: ComparedReport, limits: CompareLimits, format: CompareFormat): { exitCode: number; text: string; regressions: string[] } {
  const comparison = compareReports(base, head, limits);
  return { exitCode: comparison.regressions.length > 0 ? EXIT.gateFailed : EXIT.passed, text: renderComparison(comparison, format), regressions: comparison.regressions };
}

/** `connascence compare BASE HEAD`. */
export function runCompare(input: { base: string; head: string; format: string; output?: string; limits: CompareLimits }): { exitCode: number; report?: string; messages: string[] } {
  if (!(COMPARE_FORMATS as readonly string[]).includes(input.format)) throw new ConfigError(`--format must be one of ${COMPARE_FORMATS.join(', ')}.`);
  const outcome = comparisonOutcome(readReport(input.base), readReport(input.head), input.limits, input.format as CompareFormat);
  if (input.output === undefined) return { exitCode: outcome.exitCode, report: outcome.text, messages: [] };
  const path = writeOutputFile(input.output, outcome.text, 'the comparison');
  return { exitCode: outcome.exitCode, messages: [`Wrote ${input.format} comparison to ${printable(path)}: ${outcome.regressions.length === 0 ? 'no regression' : `${outcome.regressions.length} regression(s)`}.`] };
}

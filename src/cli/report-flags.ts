import type { ParsedArgv } from './flag-spec.js';
import { compareLimits } from './actions/compare.js';

/** The report settings that `analyze` and `merge` share: suppressed findings, step summary, annotation and SARIF limits, --compare-to. */
export function reportSettings(flags: ParsedArgv['flags']) {
  return {
    includeSuppressed: flags['include-suppressed'] === true,
    stepSummary: flags['step-summary'] !== false,
    ...(flags['max-annotations'] !== undefined ? { maxAnnotations: flags['max-annotations'] as number } : {}),
    ...(flags['sarif-category'] !== undefined ? { sarifCategory: flags['sarif-category'] as string } : {}),
    ...(flags['sarif-max-results'] !== undefined ? { sarifMaxResults: flags['sarif-max-results'] as number } : {}),
    sarifNewOnly: flags['sarif-new-only'] === true,
    ...(flags['compare-to'] !== undefined ? { compareTo: flags['compare-to'] as string, compareLimits: compareLimits(flags as { 'max-score-drop'?: string; 'max-slowdown'?: string }) } : {}),
  };
}

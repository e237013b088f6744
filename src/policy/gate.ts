import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';

export type FailOn = Severity | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

export interface GateResult {
  failOn: FailOn;
  passed: boolean;
  /** Findings at or above the threshold. */
  failing: number;
}

/** The gate fails when any finding is at or above `failOn` (critical > high > medium > low). */
export function evaluateGate(findings: readonly Finding[], failOn: FailOn): GateResult {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) bySeverity[finding.severity]++;
  return gateOfCounts(bySeverity, failOn);
}

/** evaluateGate from the count of findings per severity (a summary's `bySeverity`). */
export function gateOfCounts(bySeverity: Readonly<Record<Severity, number>>, failOn: FailOn): GateResult {
  if (failOn === 'none') return { failOn, passed: true, failing: 0 };
  const limit = SEVERITIES.indexOf(failOn);
  const failing = SEVERITIES.slice(0, limit + 1).reduce((sum, severity) => sum + (bySeverity[severity] ?? 0), 0);
  return { failOn, passed: failing === 0, failing };
}

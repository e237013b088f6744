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
  if (failOn === 'none') return { failOn, passed: true, failing: 0 };
  const limit = SEVERITIES.indexOf(failOn);
  const failing = findings.filter((f) => SEVERITIES.indexOf(f.severity) <= limit).length;
  return { failOn, passed: failing === 0, failing };
}

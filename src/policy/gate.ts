/**
 * The gate: whether a run passes, and why not. Two kinds of limit, either of which fails it:
 * - `failOn`: any finding at or above that severity (`none` switches this one off);
 * - budgets (config `budgets`): at most N findings in total, per severity, or per rule.
 * With a baseline both count the new findings only. A failing gate names every limit that failed.
 */
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';

export type FailOn = Severity | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

/** Config `budgets`: the most findings allowed, in total, per severity and per rule. */
export interface Budgets {
  total?: number;
  critical?: number;
  high?: number;
  medium?: number;
  low?: number;
  rules?: Record<string, number>;
}

export interface GateResult {
  failOn: FailOn;
  passed: boolean;
  /** Findings at or above the threshold. */
  failing: number;
  /** Each limit that failed, in words: `3 findings at or above high`, `budget high: 3 > 0`. Empty when the gate passed. */
  reasons: string[];
}

/** What the gate counts: findings per severity and per rule (with a baseline, the new ones). */
export interface GateCounts {
  bySeverity: Readonly<Record<Severity, number>>;
  byRule: Readonly<Record<string, number>>;
}

/** The gate fails when any finding is at or above `failOn` (critical > high > medium > low). */
export function evaluateGate(findings: readonly Finding[], failOn: FailOn, budgets?: Budgets): GateResult {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  }
  return gateOf({ bySeverity, byRule }, failOn, budgets);
}

const findingsWord = (n: number): string => `${n} ${n === 1 ? 'finding' : 'findings'}`;

/** evaluateGate from counts (a summary's `bySeverity` and `byRule`). */
export function gateOf(counts: GateCounts, failOn: FailOn, budgets: Budgets = {}): GateResult {
  const reasons: string[] = [];
  let failing = 0;
  if (failOn !== 'none') {
    const limit = SEVERITIES.indexOf(failOn);
    failing = SEVERITIES.slice(0, limit + 1).reduce((sum, severity) => sum + (counts.bySeverity[severity] ?? 0), 0);
    if (failing > 0) reasons.push(`${findingsWord(failing)} at or above ${failOn}`);
  }
  const over = (name: string, count: number, allowed: number | undefined): void => {
    if (allowed !== undefined && count > allowed) reasons.push(`budget ${name}: ${count} > ${allowed}`);
  };
  over('total', SEVERITIES.reduce((sum, severity) => sum + (counts.bySeverity[severity] ?? 0), 0), budgets.total);
  for (const severity of SEVERITIES) over(severity, counts.bySeverity[severity] ?? 0, budgets[severity]);
  for (const [rule, allowed] of Object.entries(budgets.rules ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) over(rule, counts.byRule[rule] ?? 0, allowed);
  return { failOn, passed: reasons.length === 0, failing, reasons };
}

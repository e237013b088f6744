import type { PathBase } from './paths.js';
import type { Finding } from '../rules/types.js';

/** What every report format receives besides the analysis result. */
export interface GateSummary {
  /** Lowest failing severity, or `none`. */
  failOn: string;
  passed: boolean;
  /** Findings at or above `failOn`, when known. */
  failing?: number;
  /** Each limit that failed (policy/gate.ts): `budget high: 3 > 0`. */
  reasons?: readonly string[];
}

export type { BaselineSummary } from '../model/baseline-summary.js';
import type { BaselineSummary } from '../model/baseline-summary.js';
import type { PolicyReport } from '../model/policy-report.js';

/** A finding a suppression comment switched off, with the comment (engine/suppress.ts). */
export type SuppressedFinding = Finding & { suppression: { kind: string; line: number; reason?: string } };

export interface ReportOptions {
  /** ANSI colours (text format only); decided by the caller, see `shouldUseColor`. */
  color: boolean;
  /** Text format: add phase timings and cache statistics. */
  verbose?: boolean;
  toolVersion: string;
  gate?: GateSummary;
  /** Where the report's paths start (report/paths.ts); default: the analysed root. */
  paths?: PathBase;
  /** SARIF `tool.driver.informationUri` (the project home page), when known. */
  informationUri?: string;
  /** Set when the run was compared against a baseline: findings then carry `baselineState`. */
  baseline?: BaselineSummary;
  /** Findings a suppression comment switched off, with the comment's reason (engine/suppress.ts). */
  suppressed?: ReadonlyArray<SuppressedFinding>;
  /**
   * The run's effective settings and the switches that weaken a safety rule or leave files out
   * (policy/switches.ts): every format lists the switches, with where each came from.
   */
  policy?: PolicyReport;
  /** SARIF: list the suppressed findings too (with `suppressions`); GitHub shows them as open alerts. */
  includeSuppressed?: boolean;
  /** SARIF `automationDetails.id` (GitHub code scanning's category); default `connascence/<analysed path>/`. */
  sarifCategory?: string;
  /** SARIF: at most this many results, most severe and new first (GitHub keeps 5,000). */
  sarifMaxResults?: number;
  /** SARIF: leave out the results the baseline marks unchanged. */
  sarifNewOnly?: boolean;
  /** github format: at most this many annotations per level (GitHub shows about 10 of each per step). */
  maxAnnotations?: number;
}

import type { PathBase } from './paths.js';
import type { Finding } from '../rules/types.js';

/** What every report format receives besides the analysis result. */
export interface GateSummary {
  /** Lowest failing severity, or `none`. */
  failOn: string;
  passed: boolean;
  /** Findings at or above `failOn`, when known. */
  failing?: number;
}

/** What a run compared against a baseline shows of it (engine/session.ts). */
export interface BaselineSummary {
  /** Absolute path of the baseline file. */
  file: string;
  new: number;
  unchanged: number;
  /** Entries no finding took, in files this run covered: fixed. Paths relative to the baseline's folder. */
  absent: ReadonlyArray<{ rule: string; path: string; fingerprint: string; message: string }>;
  /** The state of each finding by file (root-relative path), in report order: a JSON report adds them to stored lines without parsing them. */
  statesByFile?: ReadonlyMap<string, ReadonlyArray<'new' | 'unchanged'>>;
}

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
  suppressed?: ReadonlyArray<Finding & { suppression: { kind: string; line: number; reason?: string } }>;
  /** SARIF: list the suppressed findings too (with `suppressions`); GitHub shows them as open alerts. */
  includeSuppressed?: boolean;
}

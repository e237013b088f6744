import type { PathBase } from './paths.js';

/** What every report format receives besides the analysis result. */
export interface GateSummary {
  /** Lowest failing severity, or `none`. */
  failOn: string;
  passed: boolean;
  /** Findings at or above `failOn`, when known. */
  failing?: number;
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
}

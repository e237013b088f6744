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
  /** SARIF `tool.driver.informationUri` (the project home page), when known. */
  informationUri?: string;
}

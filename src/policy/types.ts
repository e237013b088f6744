import type { PresetName, RuleOptions, Severity } from '../rules/types.js';

/** The effective setting of one rule after preset + config file. */
export interface ResolvedRule {
  id: string;
  enabled: boolean;
  severity: Severity;
  options: RuleOptions;
}

export interface ResolvedPolicy {
  preset: PresetName;
  rules: Map<string, ResolvedRule>;
  /** Extra include globs (relative to the root); empty = every analysable file. */
  include: string[];
  exclude: string[];
  /** Analyse test files for rules that skip them by default (CON_MEANING). */
  includeTests: boolean;
}

/**
 * What a run judged with, as every report shows it: the effective settings (preset, config file,
 * rules, overrides, file kinds, limits) and the switches among them that weaken a safety rule or
 * take files out of judgement (policy/switches.ts). A pull request controls the config file in its
 * checkout: each such switch is listed in every report, with where it came from.
 */
import type { PresetName, RuleOptions, Severity } from '../rules/types.js';

/** One rule's effective setting. */
export interface RuleSettingSummary {
  enabled: boolean;
  severity: Severity;
  options: RuleOptions;
}

/** The run's effective settings (JSON `policySettings`, docs/report-json.md). */
export interface PolicySettings {
  preset: PresetName;
  /** The config file read, relative to the analysed root when inside it (a pull request controls it then), else absolute; undefined when none. */
  config?: string;
  /** Whether the config file is inside the analysed directory (in the checkout). */
  configInRoot?: boolean;
  failOn: Severity | 'none';
  maxFileSize: number;
  include: readonly string[];
  exclude: readonly string[];
  tests: readonly string[];
  vendored: readonly string[];
  includeTests: boolean;
  generated: 'safety' | 'full' | 'skip';
  requireSuppressionReason: boolean;
  /** Every rule, by id (sorted). */
  rules: Record<string, RuleSettingSummary>;
  /** The config's overrides, in order: each rule it sets, as it stands after the entry is applied to the top-level setting. */
  overrides: ReadonlyArray<{ files: readonly string[]; rules: Record<string, RuleSettingSummary> }>;
}

/**
 * A setting that switches a safety rule off, lowers it, or takes files out of judgement.
 * `setting` names what was set (`rules.SEC_SHELL`, `overrides[0].rules.SEC_SHELL`, `exclude`,
 * `tests`...), `change` says what it does, `source` where it came from (`connascence.config.json`,
 * `--exclude`...).
 */
export interface SafetySwitch {
  setting: string;
  /** The safety rule it concerns, when it concerns one. */
  rule?: string;
  change: string;
  source: string;
}

export interface PolicyReport {
  settings: PolicySettings;
  switches: SafetySwitch[];
}

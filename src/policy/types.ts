import type { PresetName, RuleOptions, Severity } from '../rules/types.js';
import type { GeneratedMode } from './file-kinds.js';

/** The effective setting of one rule after preset + config file. */
export interface ResolvedRule {
  id: string;
  enabled: boolean;
  severity: Severity;
  options: RuleOptions;
}

/** A config `overrides` entry: for files matching `files`, these rule settings (later entries win). */
export interface ResolvedOverride {
  files: string[];
  /** The settings of the overridden rules on those files, each the result of applying the entry to the setting before it. */
  rules: Map<string, import('./config.js').RuleConfig>;
}

export interface ResolvedPolicy {
  preset: PresetName;
  rules: Map<string, ResolvedRule>;
  /** Extra include globs (relative to the root); empty = every analysable file. */
  include: string[];
  exclude: string[];
  /** Globs (relative to the root) of the test files: the rules with `judgesTests: false` skip them. */
  tests: string[];
  /** Globs (relative to the root) of vendored third-party code: judged like generated files. */
  vendored: string[];
  /** Every rule judges test files too. */
  includeTests: boolean;
  /** How generated (a marker, minified) and vendored files are judged (policy/file-kinds.ts). */
  generated: GeneratedMode;
  /** Per-path rule settings, in config order (later wins). */
  overrides: ResolvedOverride[];
}

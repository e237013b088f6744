import type { FileFacts } from '../facts/types.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 1 };

export type RuleFamily = 'connascence' | 'god-object' | 'complexity' | 'nasa' | 'duplication' | 'architecture' | 'security' | 'parse';

export type PresetName = 'standard' | 'strict' | 'lenient' | 'nasa-compliance';
export const PRESETS: readonly PresetName[] = ['standard', 'strict', 'lenient', 'nasa-compliance'];

/** A JSON schema for one rule option (rules/shared/options.ts builds them). */
export type OptionSchema = Readonly<Record<string, unknown>>;

/** Numeric or list options of a rule (thresholds). */
export type RuleOptions = Record<string, number | boolean | string[] | number[]>;

export interface RuleSetting {
  enabled: boolean;
  options: RuleOptions;
}

/** Documentation in Ruff's fixed sections; `connascence rules --explain ID` prints it. */
export interface RuleDocs {
  whatItDoes: string;
  whyIsThisBad: string;
  example: string;
  useInstead: string;
  /** One line per option: `threshold: maximum positional parameters`. */
  options?: Record<string, string>;
}

export interface RuleMeta {
  id: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** One line. */
  description: string;
  /** Why it matters, one or two sentences. */
  rationale: string;
  languages: ReadonlyArray<'javascript' | 'typescript' | 'python'>;
  /** Settings under each preset (the rule catalog). */
  presets: Record<PresetName, RuleSetting>;
  /**
   * The JSON schema of each option (type, bounds), as ESLint rules declare theirs: the config
   * schema is built from them, so a value out of range is an error naming its path (exit 2), not
   * a hang. Every option of the presets has one (tested). Absent for a rule without options.
   */
  optionSchemas?: Readonly<Record<string, OptionSchema>>;
  /**
   * Whether the rule judges test files (the config's `tests` globs) by default; `includeTests`
   * makes every rule judge them. Absent = true.
   */
  judgesTests?: boolean;
  /** A safety rule (SEC_*, NASA_8_DYNAMIC_CODE, PARSE_ERROR) also judges generated files by default. */
  safety?: boolean;
  /** Messages keyed by id with `{{placeholders}}`. */
  messages: Record<string, string>;
  docs: RuleDocs;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Path relative to the analysis root, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  /** Stable across line moves: rule + file + a rule-chosen key (function name, literal value...). */
  fingerprint: string;
  /** Other places involved (clone partners, cycle members). */
  related?: Array<{ file: string; line: number; endLine?: number; message?: string }>;
}

/** What a rule reports: message id + data, never a hand-built string. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  file?: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Key that identifies this finding independent of its line (e.g. function name). */
  key: string;
  related?: Finding['related'];
  /**
   * The least severity the finding may have, whatever the policy gives the rule: a SKIPPED_FILE
   * over a file whose text holds a shell call is as severe as the finding it hides.
   */
  atLeast?: Severity;
}

export interface RuleContext {
  options: RuleOptions;
}

export interface FileRule {
  meta: RuleMeta;
  scope: 'file';
  check(facts: FileFacts, context: RuleContext): Report[];
}

export interface ProjectRule {
  meta: RuleMeta;
  scope: 'project';
  /**
   * The facts fields `check` reads besides `path` and `language`: when none of them changed in any
   * file, its reports are those of the last run (an incremental run reuses them).
   */
  reads?: ReadonlyArray<keyof FileFacts>;
  /**
   * The engine may run it on an idle pool worker with only `reads` copied over, while the main
   * thread runs the other project rules: worth it for long work on facts small to copy.
   */
  offload?: boolean;
  /** Runs on the facts of every analysed file, never re-parsing. */
  check(files: readonly FileFacts[], context: RuleContext): Report[];
  /** A rule whose `reads` change in most edits can update its last reports instead of checking anew. */
  incremental?: IncrementalCheck;
}

/** A file of an incremental update: its facts are loaded only if the rule asks for them. */
export interface LazyFile {
  path: string;
  language: FileFacts['language'];
  /** FileFacts.generated, known without loading the facts. */
  generated: boolean;
  facts(): FileFacts;
}

/**
 * A project rule's state: what its last full check left (`base`), and what updates changed since
 * (`patch`, in the rule's own format). A run stores a new base only when the rule gives one; most
 * updates give the same base with a small patch, so only the patch is written.
 */
export interface RuleState {
  base: Uint8Array;
  patch?: Uint8Array;
}

/** The last run's reports of a project rule, brought up to date from a state the rule left behind. */
export interface IncrementalCheck {
  /** `check`, with the state (a base) a later `update` starts from. */
  checkWithState(files: readonly FileFacts[], context: RuleContext): { reports: Report[]; state: Uint8Array };
  /**
   * After the files named in `changed` got new facts (same files as the state's run, same order):
   * the reports of the files it checked again (`rechecked`, paths); the last run's reports of every
   * other file still hold. The state it returns keeps the given base object when it only adds a
   * patch. Undefined when the state does not fit: check anew.
   */
  update(files: readonly LazyFile[], changed: ReadonlySet<string>, state: RuleState, context: RuleContext): { reports: Report[]; rechecked: ReadonlySet<string>; state: RuleState } | undefined;
  /** The state as one base (its patch applied), for a run that stores new bases; undefined when it does not decode. */
  rebase(state: RuleState): Uint8Array | undefined;
}

/** A source file the engine found but did not analyse (too large, binary, unreadable...). */
export interface SkippedSource {
  path: string;
  language: FileFacts['language'];
  /** Why, as a short id (`too-large`, `binary`, `unreadable`...). */
  reason: string;
  /** Why, in words. */
  detail: string;
  /** What a scan of its text found (model/analysis.ts SkippedFile.hidden). */
  hidden?: { kind: string; what: string; line: number };
}

/** A rule about the files that were skipped: there are no facts to judge, only the reason. */
export interface SkippedRule {
  meta: RuleMeta;
  scope: 'skipped';
  check(file: SkippedSource, context: RuleContext): Report[];
}

/**
 * A rule about the suppression comments themselves (UNUSED_SUPPRESSION, INVALID_SUPPRESSION): the
 * engine reports it while it applies the comments (engine/suppress.ts), after every other rule ran.
 */
export interface DirectiveRule {
  meta: RuleMeta;
  scope: 'directive';
}

export type Rule = FileRule | ProjectRule | SkippedRule | DirectiveRule;

/** Helper to build preset tables concisely. */
export function presets(
  standard: RuleSetting,
  overrides: Partial<Record<Exclude<PresetName, 'standard'>, Partial<RuleSetting>>> = {},
): Record<PresetName, RuleSetting> {
  const merge = (o?: Partial<RuleSetting>): RuleSetting => ({
    enabled: o?.enabled ?? standard.enabled,
    options: { ...standard.options, ...(o?.options ?? {}) },
  });
  return {
    standard,
    strict: merge(overrides.strict),
    lenient: merge(overrides.lenient),
    'nasa-compliance': merge(overrides['nasa-compliance']),
  };
}

/** A message template split at its placeholders: even entries are text, odd entries are keys. */
const compiledTemplates = new Map<string, string[]>();

function compileTemplate(template: string): string[] {
  let parts = compiledTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
    compiledTemplates.set(template, parts);
  }
  return parts;
}

/** Fills `{{key}}` placeholders from `data`; unknown keys are left as they are. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  const parts = compileTemplate(template);
  if (parts.length === 1) return template;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    out += (key in data ? String(data[key]) : `{{${key}}}`) + parts[i + 1]!;
  }
  return out;
}

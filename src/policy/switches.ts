/**
 * The settings of a run as its reports show them (model/policy-report.ts): the effective policy, and
 * each switch that weakens a safety rule or takes source files out of judgement, with where it came
 * from. The config file in a checkout is written by whoever wrote the pull request: whatever it
 * switches off must be seen (README "Trusted configuration").
 *
 * The safety rules are those whose meta says `safety: true` (SEC_*, NASA_8_DYNAMIC_CODE,
 * PARSE_ERROR, SKIPPED_FILE...): a new one joins by its meta. A switch is:
 * - a safety rule turned off, its severity lowered or its options changed, by the preset, the
 *   config's `rules` or an `overrides` entry (for the files of its globs);
 * - a gate threshold of the config above the default (`failOn` `critical` or `none`; a `--fail-on` of
 *   the workflow is its own, named by every gate line);
 * - `exclude` / `include` globs (config or flags): source files left out of the analysis;
 * - a file size limit below the default: larger files are skipped, not analysed;
 * - `generated: "skip"`: generated and vendored files judged by no rule, the safety rules included;
 * - `tests` / `vendored` globs of the config that mark analysed files as tests or vendored beyond what
 *   the default globs would (fileKindSwitches, known once the files are).
 */
import { isAbsolute, relative, sep } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../discovery/defaults.js';
import type { PolicyReport, PolicySettings, RuleSettingSummary, SafetySwitch } from '../model/policy-report.js';
import { ALL_RULES, findRule } from '../rules/index.js';
import { SEVERITIES, type Severity } from '../rules/types.js';
import type { ConfigFile } from './config.js';
import { DEFAULT_TEST_GLOBS, DEFAULT_VENDORED_GLOBS, testMatcher } from './file-kinds.js';
import type { FailOn } from './gate.js';
import { defaultPolicy } from './presets.js';
import { applyRuleConfig } from './resolve.js';
import type { ResolvedPolicy, ResolvedRule } from './types.js';

/** The ids of the safety rules (RuleMeta.safety), in catalogue order. */
export const SAFETY_RULES: readonly string[] = ALL_RULES.filter((rule) => rule.meta.safety === true).map((rule) => rule.meta.id);

export const isSafetyRule = (id: string): boolean => findRule(id)?.meta.safety === true;

/** The gate threshold when neither the flag nor the config sets one. */
const DEFAULT_FAIL_ON: Severity = 'high';
/** Globs named in a switch's words; the rest are counted. */
const GLOBS_SHOWN = 5;

export interface SwitchInput {
  root: string;
  config: ConfigFile;
  /** The config file read (absolute), when there is one. */
  configPath?: string;
  policy: ResolvedPolicy;
  failOn: FailOn;
  maxFileSize: number;
  /** What the command line set (a shard's flags, for a merge). */
  flags: { preset?: string; include: readonly string[]; exclude: readonly string[]; maxFileSize?: number; failOn?: FailOn };
}

/** The config file as reports name it: relative to the root when inside it, else absolute. */
export function configLabel(root: string, configPath: string | undefined): { label?: string; inRoot: boolean } {
  if (configPath === undefined) return { inRoot: false };
  const rel = relative(root, configPath);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  return inside ? { label: rel.split(sep).join('/'), inRoot: true } : { label: configPath, inRoot: false };
}

const summary = (rule: ResolvedRule): RuleSettingSummary => ({ enabled: rule.enabled, severity: rule.severity, options: rule.options });

const byId = <T>(entries: Iterable<[string, T]>): Record<string, T> => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function globList(globs: readonly string[]): string {
  const shown = globs.slice(0, GLOBS_SHOWN).join(', ');
  return globs.length > GLOBS_SHOWN ? `${shown} and ${globs.length - GLOBS_SHOWN} more` : shown;
}

/** How `after` weakens `before`, in words; undefined when it does not. */
function weakening(before: ResolvedRule, after: ResolvedRule): string | undefined {
  if (before.enabled && !after.enabled) return 'switched off';
  if (!after.enabled) return undefined;
  const changes: string[] = [];
  if (SEVERITIES.indexOf(after.severity) > SEVERITIES.indexOf(before.severity)) changes.push(`severity lowered from ${before.severity} to ${after.severity}`);
  if (JSON.stringify(after.options) !== JSON.stringify(before.options)) changes.push(`options changed to ${JSON.stringify(after.options)}`);
  return changes.length > 0 ? changes.join('; ') : undefined;
}

/** The effective settings and the switches known before any file is read. */
export function policyReport(input: SwitchInput): PolicyReport {
  const { config, policy, flags } = input;
  const { label, inRoot } = configLabel(input.root, input.configPath);
  const fromConfig = label ?? 'the config';
  const switches: SafetySwitch[] = [];
  const add = (entry: SafetySwitch): number => switches.push(entry);

  // The preset, then the config's rules, each against what came before it.
  const standard = defaultPolicy('standard');
  const preset = defaultPolicy(policy.preset);
  const presetSource = flags.preset !== undefined ? `--policy ${policy.preset}` : `${fromConfig} (policy: ${policy.preset})`;
  for (const id of SAFETY_RULES) {
    const change = weakening(standard.rules.get(id)!, preset.rules.get(id)!);
    if (change) add({ setting: 'policy', rule: id, change: `${id} ${change} by the ${policy.preset} preset`, source: presetSource });
    const setting = config.rules?.[id];
    if (setting === undefined) continue;
    const after = weakening(preset.rules.get(id)!, policy.rules.get(id)!);
    if (after) add({ setting: `rules.${id}`, rule: id, change: `${id} ${after}`, source: fromConfig });
  }
  (config.overrides ?? []).forEach((entry, i) => {
    for (const [id, setting] of Object.entries(entry.rules)) {
      if (!isSafetyRule(id)) continue;
      const top = policy.rules.get(id);
      if (!top) continue;
      const change = weakening(top, applyRuleConfig(top, setting));
      if (change) add({ setting: `overrides[${i}].rules.${id}`, rule: id, change: `${id} ${change} for the files matching ${globList(entry.files)}`, source: fromConfig });
    }
  });

  // The threshold of the config (a --fail-on of the workflow is its own choice, and every gate line names it).
  if (flags.failOn === undefined && config.failOn !== undefined && (input.failOn === 'none' || SEVERITIES.indexOf(input.failOn) < SEVERITIES.indexOf(DEFAULT_FAIL_ON))) {
    const change = input.failOn === 'none' ? 'the gate fails on no finding, whatever its severity' : `the gate fails on ${input.failOn} findings only (default: ${DEFAULT_FAIL_ON} and above)`;
    add({ setting: 'failOn', change, source: fromConfig });
  }

  if ((config.exclude ?? []).length > 0) add({ setting: 'exclude', change: `source files matching ${globList(config.exclude!)} are not analysed`, source: fromConfig });
  if (flags.exclude.length > 0) add({ setting: 'exclude', change: `source files matching ${globList(flags.exclude)} are not analysed`, source: '--exclude' });
  if ((config.include ?? []).length > 0) add({ setting: 'include', change: `only source files matching ${globList(config.include!)} are analysed`, source: fromConfig });
  if (flags.include.length > 0) add({ setting: 'include', change: `only source files matching ${globList(flags.include)} are analysed`, source: '--include' });

  if (input.maxFileSize < DEFAULT_MAX_FILE_SIZE) {
    const source = flags.maxFileSize !== undefined ? '--max-file-size' : config.maxFileSize === input.maxFileSize ? fromConfig : '--max-file-size';
    add({ setting: 'maxFileSize', change: `source files larger than ${input.maxFileSize} bytes (default ${DEFAULT_MAX_FILE_SIZE}) are skipped, not analysed`, source });
  }
  if (config.generated === 'skip') add({ setting: 'generated', change: 'generated and vendored files are judged by no rule, the safety rules included', source: fromConfig });

  const settings: PolicySettings = {
    preset: policy.preset,
    ...(label !== undefined ? { config: label, configInRoot: inRoot } : {}),
    failOn: input.failOn,
    maxFileSize: input.maxFileSize,
    include: [...policy.include],
    exclude: [...policy.exclude],
    tests: [...policy.tests],
    vendored: [...policy.vendored],
    includeTests: policy.includeTests,
    generated: policy.generated,
    requireSuppressionReason: config.requireSuppressionReason === true,
    rules: byId([...policy.rules].map(([id, rule]) => [id, summary(rule)])),
    overrides: policy.overrides.map((entry) => ({
      files: [...entry.files],
      rules: byId([...entry.rules].flatMap(([id, setting]) => {
        const top = policy.rules.get(id);
        return top ? [[id, summary(applyRuleConfig(top, setting))] as [string, RuleSettingSummary]] : [];
      })),
    })),
  };
  return { settings, switches };
}

/**
 * The switches of the config's `tests` and `vendored` globs, known once the analysed files are: the
 * files they mark beyond what the default globs would mark. A test file is skipped by the rules that
 * do not judge tests; a vendored one is judged by the safety rules only (or by none under
 * `generated: "skip"`).
 */
export function fileKindSwitches(input: { root: string; config: ConfigFile; configPath?: string; policy: ResolvedPolicy }, files: ReadonlyArray<{ path: string }>): SafetySwitch[] {
  const { config, policy } = input;
  const source = configLabel(input.root, input.configPath).label ?? 'the config';
  const out: SafetySwitch[] = [];
  const beyond = (globs: readonly string[], defaults: readonly string[], what: string): number => {
    const matches = testMatcher(globs, what);
    const byDefault = testMatcher(defaults, what);
    let count = 0;
    for (const file of files) if (matches(file.path) && !byDefault(file.path)) count++;
    return count;
  };
  if (config.tests !== undefined && !policy.includeTests) {
    const count = beyond(policy.tests, DEFAULT_TEST_GLOBS, 'tests');
    const skipping = ALL_RULES.filter((rule) => rule.meta.judgesTests === false);
    const safety = skipping.filter((rule) => rule.meta.safety === true).map((rule) => rule.meta.id);
    const note = safety.length > 0 ? `, ${safety.join(', ')} among them` : '';
    if (count > 0) out.push({ setting: 'tests', change: `${count} of ${files.length} analysed files are tests by these globs and not by the default ones: the ${skipping.length} rules that skip tests${note} did not judge them`, source });
  }
  if (config.vendored !== undefined && policy.generated !== 'full') {
    const count = beyond(policy.vendored, DEFAULT_VENDORED_GLOBS, 'vendored');
    const judged = policy.generated === 'skip' ? 'judged by no rule' : `judged by the safety rules only (${SAFETY_RULES.join(', ')})`;
    if (count > 0) out.push({ setting: 'vendored', change: `${count} of ${files.length} analysed files are vendored by these globs and not by the default ones: ${judged}`, source });
  }
  return out;
}

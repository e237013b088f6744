import { ALL_RULES } from '../rules/index.js';
import type { PresetName, RuleOptions } from '../rules/types.js';
import { DEFAULT_TEST_GLOBS, DEFAULT_VENDORED_GLOBS } from './file-kinds.js';
import type { ResolvedPolicy, ResolvedRule } from './types.js';

/** Deep enough copy of rule options: list options must not be shared with the rule metadata. */
const copyOptions = (options: RuleOptions): RuleOptions =>
  Object.fromEntries(Object.entries(options).map(([key, value]) => [key, Array.isArray(value) ? [...value] : value])) as RuleOptions;

/** The policy of a preset, straight from the rules' own preset tables (no config file applied). */
export function defaultPolicy(preset: PresetName): ResolvedPolicy {
  const rules = new Map<string, ResolvedRule>();
  for (const { meta } of ALL_RULES) {
    const setting = meta.presets[preset];
    rules.set(meta.id, { id: meta.id, enabled: setting.enabled, severity: meta.defaultSeverity, options: copyOptions(setting.options) });
  }
  return { preset, rules, include: [], exclude: [], tests: [...DEFAULT_TEST_GLOBS], vendored: [...DEFAULT_VENDORED_GLOBS], includeTests: false, generated: 'safety', overrides: [] };
}

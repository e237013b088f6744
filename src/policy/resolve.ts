import type { PresetName } from '../rules/types.js';
import type { ConfigFile, RuleConfig } from './config.js';
import { defaultPolicy } from './presets.js';
import type { ResolvedPolicy, ResolvedRule } from './types.js';

/** Preset (flag beats config file beats `standard`) with the config file's overrides applied. */
export function resolvePolicy(config: ConfigFile, presetFlag?: PresetName): ResolvedPolicy {
  const policy = defaultPolicy(presetFlag ?? config.policy ?? 'standard');
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = policy.rules.get(id);
    if (rule) policy.rules.set(id, applyRuleConfig(rule, setting));
  }
  policy.include = [...(config.include ?? [])];
  policy.exclude = [...(config.exclude ?? [])];
  if (config.tests) policy.tests = [...config.tests];
  if (config.vendored) policy.vendored = [...config.vendored];
  policy.includeTests = config.includeTests ?? false;
  policy.generated = config.generated ?? 'safety';
  policy.overrides = (config.overrides ?? []).map((entry) => ({ files: [...entry.files], rules: new Map(Object.entries(entry.rules)) }));
  return policy;
}

/** A rule's setting with one config value (`off`, a severity, an object...) applied. */
export function applyRuleConfig(rule: ResolvedRule, setting: RuleConfig): ResolvedRule {
  if (setting === 'off') return { ...rule, enabled: false };
  if (setting === 'on') return { ...rule, enabled: true };
  if (typeof setting === 'string') return { ...rule, enabled: true, severity: setting };
  return {
    ...rule,
    enabled: setting.enabled ?? (setting.options || setting.severity ? true : rule.enabled),
    severity: setting.severity ?? rule.severity,
    options: { ...rule.options, ...(setting.options as ResolvedRule['options'] | undefined) },
  };
}

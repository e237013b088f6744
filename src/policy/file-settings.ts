/** `connascence rules --for FILE`: the rule settings that apply to one file. */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import { ALL_RULES } from '../rules/index.js';
import type { PresetName, RuleOptions, Severity } from '../rules/types.js';
import { loadConfig } from './config.js';
import { testMatcher } from './file-kinds.js';
import { PathSettings } from './overrides.js';
import { resolvePolicy } from './resolve.js';

export interface FileSettings {
  /** Relative to the analysed directory. */
  path: string;
  policy: PresetName;
  /** Indices of the config's overrides that match the file, in order. */
  overrides: number[];
  test: boolean;
  rules: Array<{ id: string; enabled: boolean; severity: Severity; options: RuleOptions; overridden: boolean }>;
}

export function settingsForFile(input: { directory: string; file: string; configPath?: string; preset?: PresetName }): FileSettings {
  const root = resolve(input.directory);
  const rel = relative(root, resolve(input.file));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new ConfigError(`${input.file} is not inside the analysed directory ${root}. Pass --directory.`);
  }
  const path = rel.split(sep).join('/');
  const { config } = loadConfig(root, input.configPath);
  const policy = resolvePolicy(config, input.preset);
  const settings = new PathSettings(policy);
  const rules = ALL_RULES.map(({ meta }) => {
    const base = policy.rules.get(meta.id)!;
    const setting = settings.settingFor(meta.id, path) ?? base;
    return { id: meta.id, enabled: setting.enabled, severity: setting.severity, options: setting.options, overridden: setting !== base };
  });
  return { path, policy: policy.preset, overrides: settings.matching(path), test: testMatcher(policy.tests, 'tests')(path), rules };
}

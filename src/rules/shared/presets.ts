import type { FileFacts } from '../../facts/types.js';
import { presets, type PresetName, type RuleSetting } from '../types.js';

/** Every language the front-ends support. */
export const ALL_LANGUAGES = ['javascript', 'typescript', 'python'] as const;

/** Presets of a rule with one `threshold` option: standard, strict and lenient values; nasa-compliance uses standard. */
export function thresholdPresets(values: { standard: number; strict: number; lenient: number }): Record<PresetName, RuleSetting> {
  return presets(
    { enabled: true, options: { threshold: values.standard } },
    { strict: { options: { threshold: values.strict } }, lenient: { options: { threshold: values.lenient } } },
  );
}

/** Presets of a rule without options that is on everywhere except `lenient`. */
export const offInLenient = (): Record<PresetName, RuleSetting> => presets({ enabled: true, options: {} }, { lenient: { enabled: false } });

/** Presets of a rule without options that is on in every preset. */
export const alwaysOn = (): Record<PresetName, RuleSetting> => presets({ enabled: true, options: {} });

export const isPython = (facts: Pick<FileFacts, 'language'>): boolean => facts.language === 'python';

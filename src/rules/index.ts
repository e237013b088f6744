import type { Rule } from './types.js';
import { conPosition } from './connascence/con-position.js';

/** Every rule, in catalog order. One file per rule; add new rules here. */
export const ALL_RULES: readonly Rule[] = [conPosition];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.meta.id === id);
}

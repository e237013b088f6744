import type { Rule } from './types.js';
import { connascenceRules } from './connascence/index.js';
import { godObjectRules } from './god-object/index.js';
import { complexityRules } from './complexity/index.js';
import { nasaRules } from './nasa/index.js';
import { duplicationRules } from './duplication/index.js';
import { architectureRules } from './architecture/index.js';
import { securityRules } from './security/index.js';
import { parseRules } from './parse/index.js';

/** Every rule, in catalog order. One file per rule, registered in its family's index.ts. */
export const ALL_RULES: readonly Rule[] = [
  ...connascenceRules,
  ...godObjectRules,
  ...complexityRules,
  ...nasaRules,
  ...duplicationRules,
  ...architectureRules,
  ...securityRules,
  ...parseRules,
];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.meta.id === id);
}

import type { Rule } from '../types.js';
import { duplication } from './duplication.js';

/** The duplication rules, in catalog order. */
export const duplicationRules: readonly Rule[] = [duplication];

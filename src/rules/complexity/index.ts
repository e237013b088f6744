import type { Rule } from '../types.js';
import { complexity } from './complexity.js';
import { nesting } from './nesting.js';

/** The complexity rules, in catalog order. */
export const complexityRules: readonly Rule[] = [complexity, nesting];

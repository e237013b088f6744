import type { Rule } from '../types.js';
import { godObject } from './god-object.js';

/** The god-object rules, in catalog order. */
export const godObjectRules: readonly Rule[] = [godObject];

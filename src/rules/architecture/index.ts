import type { Rule } from '../types.js';
import { archCycle } from './arch-cycle.js';
import { archFanOut } from './arch-fan-out.js';

/** The architecture rules, in catalog order. */
export const architectureRules: readonly Rule[] = [archCycle, archFanOut];

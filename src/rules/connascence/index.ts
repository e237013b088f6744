import type { Rule } from '../types.js';
import { conPosition } from './con-position.js';
import { conMeaning } from './con-meaning.js';
import { conValues } from './con-values.js';
import { conAlgorithm } from './con-algorithm.js';
import { conExecution } from './con-execution.js';
import { conTiming } from './con-timing.js';
import { conType } from './con-type.js';

/** The connascence rules, in catalog order. */
export const connascenceRules: readonly Rule[] = [conPosition, conMeaning, conValues, conAlgorithm, conExecution, conTiming, conType];

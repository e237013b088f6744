import type { Rule } from '../types.js';
import { nasa1Recursion } from './nasa-1-recursion.js';
import { nasa2UnboundedLoop } from './nasa-2-unbounded-loop.js';
import { nasa4FunctionLength } from './nasa-4-function-length.js';
import { nasa5Assertions } from './nasa-5-assertions.js';
import { nasa6Scope } from './nasa-6-scope.js';
import { nasa8DynamicCode } from './nasa-8-dynamic-code.js';

/** The nasa rules, in catalog order. */
export const nasaRules: readonly Rule[] = [nasa1Recursion, nasa2UnboundedLoop, nasa4FunctionLength, nasa5Assertions, nasa6Scope, nasa8DynamicCode];

import type { Rule } from './types.js';
import { conPosition } from './connascence/con-position.js';
import { conMeaning } from './connascence/con-meaning.js';
import { conValues } from './connascence/con-values.js';
import { conAlgorithm } from './connascence/con-algorithm.js';
import { conExecution } from './connascence/con-execution.js';
import { conTiming } from './connascence/con-timing.js';
import { conType } from './connascence/con-type.js';
import { godObject } from './god-object/god-object.js';
import { complexity } from './complexity/complexity.js';
import { nesting } from './complexity/nesting.js';
import { nasa1Recursion } from './nasa/nasa-1-recursion.js';
import { nasa2UnboundedLoop } from './nasa/nasa-2-unbounded-loop.js';
import { nasa4FunctionLength } from './nasa/nasa-4-function-length.js';
import { nasa5Assertions } from './nasa/nasa-5-assertions.js';
import { nasa6Scope } from './nasa/nasa-6-scope.js';
import { nasa8DynamicCode } from './nasa/nasa-8-dynamic-code.js';
import { duplication } from './duplication/duplication.js';
import { archCycle } from './architecture/arch-cycle.js';
import { archFanOut } from './architecture/arch-fan-out.js';
import { secShell } from './security/sec-shell.js';
import { secDeserialize } from './security/sec-deserialize.js';
import { secSecret } from './security/sec-secret.js';
import { parseError } from './parse/parse-error.js';

/** Every rule, in catalog order. One file per rule; add new rules here. */
export const ALL_RULES: readonly Rule[] = [
  conPosition,
  conMeaning,
  conValues,
  conAlgorithm,
  conExecution,
  conTiming,
  conType,
  godObject,
  complexity,
  nesting,
  nasa1Recursion,
  nasa2UnboundedLoop,
  nasa4FunctionLength,
  nasa5Assertions,
  nasa6Scope,
  nasa8DynamicCode,
  duplication,
  archCycle,
  archFanOut,
  secShell,
  secDeserialize,
  secSecret,
  parseError,
];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.meta.id === id);
}

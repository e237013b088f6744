import type { FunctionFact } from '../../facts/types.js';
import { integerOption } from '../shared/options.js';
import type { FileRule } from '../types.js';
import { ALL_LANGUAGES, thresholdPresets } from '../shared/presets.js';

const STANDARD = 3;
const STRICT = 2;
const LENIENT = 5;
const THRESHOLD = { standard: STANDARD, strict: STRICT, lenient: LENIENT };

/**
 * An overloaded function is one function: its `@overload` stubs are left out when the
 * implementation is in the file; without one (a stub file, a Protocol), only the first stub counts.
 */
function withoutOverloadStubs(functions: readonly FunctionFact[]): FunctionFact[] {
  const implemented = new Set(functions.filter((fn) => !fn.overload).map((fn) => fn.name));
  const stubs = new Set<string>();
  return functions.filter((fn) => {
    if (!fn.overload) return true;
    if (implemented.has(fn.name) || stubs.has(fn.name)) return false;
    stubs.add(fn.name);
    return true;
  });
}

/** CON_POSITION: connascence of position — too many positional parameters. */
export const conPosition: FileRule = {
  scope: 'file',
  meta: {
    id: 'CON_POSITION',
    family: 'connascence',
    defaultSeverity: 'medium',
    description: 'Function takes more positional parameters than the threshold.',
    rationale: 'Every caller must know the order of the arguments; adding or reordering one breaks them all silently.',
    languages: ALL_LANGUAGES,
    optionSchemas: { threshold: integerOption(0, 1000) },
    presets: thresholdPresets(THRESHOLD),
    messages: {
      tooMany: '{{name}} takes {{count}} positional parameters (maximum {{threshold}}).',
    },
    docs: {
      whatItDoes: 'Counts the positional parameters of each function. `self`/`cls` and a TypeScript `this` parameter are not counted; one destructured object counts as one; Python keyword-only parameters, `*args` and `**kwargs` are excluded. An overloaded function is reported once, at its implementation: TypeScript overload signatures and Python `@overload` stubs are not functions of their own (without an implementation in the file, the first stub is reported).',
      whyIsThisBad: 'Connascence of position is strong coupling: each call site depends on the order of the arguments. Callers swap arguments of the same type without any error.',
      example: 'function move(x, y, speed, angle) {}\nmove(1, 2, 3, 4);',
      useInstead: 'function move({ x, y, speed, angle }) {}\nmove({ x: 1, y: 2, speed: 3, angle: 4 });',
      options: { threshold: 'maximum number of positional parameters' },
    },
  },
  check(facts, { options }) {
    const threshold = Number(options.threshold);
    return withoutOverloadStubs(facts.functions.filter((fn) => fn.positionalParams > threshold))
      .map((fn) => ({
        messageId: 'tooMany',
        data: { name: fn.name, count: fn.positionalParams, threshold },
        line: fn.line,
        column: fn.column,
        // The count is part of the identity: a baseline accepted 5 parameters, not a 6th one.
        key: `${fn.name}/${fn.positionalParams}`,
      }));
  },
};

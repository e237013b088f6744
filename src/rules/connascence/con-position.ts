import type { FileRule } from '../types.js';
import { ALL_LANGUAGES, thresholdPresets } from '../shared/presets.js';

const STANDARD = 3;
const STRICT = 2;
const LENIENT = 5;
const THRESHOLD = { standard: STANDARD, strict: STRICT, lenient: LENIENT };

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
    presets: thresholdPresets(THRESHOLD),
    messages: {
      tooMany: '{{name}} takes {{count}} positional parameters (maximum {{threshold}}).',
    },
    docs: {
      whatItDoes: 'Counts the positional parameters of each function. `self`/`cls` and a TypeScript `this` parameter are not counted; one destructured object counts as one; Python keyword-only parameters, `*args` and `**kwargs` are excluded.',
      whyIsThisBad: 'Connascence of position is strong coupling: each call site depends on the order of the arguments. Callers swap arguments of the same type without any error.',
      example: 'function move(x, y, speed, angle) {}\nmove(1, 2, 3, 4);',
      useInstead: 'function move({ x, y, speed, angle }) {}\nmove({ x: 1, y: 2, speed: 3, angle: 4 });',
      options: { threshold: 'maximum number of positional parameters' },
    },
  },
  check(facts, { options }) {
    const threshold = Number(options.threshold);
    return facts.functions
      .filter((fn) => fn.positionalParams > threshold)
      .map((fn) => ({
        messageId: 'tooMany',
        data: { name: fn.name, count: fn.positionalParams, threshold },
        line: fn.line,
        column: fn.column,
        key: fn.name,
      }));
  },
};

import { type FileRule } from '../types.js';
import { integerOption, numberOption } from '../shared/options.js';
import { ALL_LANGUAGES, thresholdPresets } from '../shared/presets.js';

const STANDARD = 4;
const STRICT = 3;
const LENIENT = 6;
const THRESHOLD = { standard: STANDARD, strict: STRICT, lenient: LENIENT };

/** NESTING: blocks nested deeper than the threshold. */
export const nesting: FileRule = {
  scope: 'file',
  meta: {
    id: 'NESTING',
    family: 'complexity',
    defaultSeverity: 'medium',
    description: 'Function with blocks nested deeper than the threshold.',
    rationale: 'Each level of nesting is one more condition the reader has to keep in mind to understand a line.',
    languages: ALL_LANGUAGES,
    optionSchemas: { threshold: integerOption(1, 1000) },
    presets: thresholdPresets(THRESHOLD),
    messages: {
      deep: '{{name}} nests blocks {{depth}} levels deep (maximum {{threshold}}).',
    },
    docs: {
      whatItDoes:
        'Measures the deepest block nesting in every function with ESLint `max-depth` semantics (if, loops, switch, try, with; `else if` does not add a level; nested functions start again at 0). Python blocks (if, for, while, try, with, match) are counted the same way.',
      whyIsThisBad:
        'Deeply nested code hides the condition under which a statement runs. Early returns, guard clauses and extracted functions make the same logic readable.',
      example: 'for (const a of xs) {\n  if (a) {\n    for (const b of a) {\n      if (b) {\n        while (b.next) { ... }\n      }\n    }\n  }\n}',
      useInstead: 'for (const a of xs) {\n  if (!a) continue;\n  handle(a);\n}',
      options: { threshold: 'maximum block nesting depth' },
    },
  },
  check(facts, { options }) {
    const threshold = numberOption(options.threshold, THRESHOLD.standard);
    return facts.functions
      .filter((fn) => fn.maxDepth > threshold)
      .map((fn) => ({
        messageId: 'deep',
        data: { name: fn.name, depth: fn.maxDepth, threshold },
        line: fn.line,
        column: fn.column,
        key: fn.name,
      }));
  },
};

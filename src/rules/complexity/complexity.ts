import { type FileRule } from '../types.js';
import { integerOption, numberOption } from '../shared/options.js';
import { ALL_LANGUAGES, thresholdPresets } from '../shared/presets.js';

const STANDARD = 10;
const STRICT = 8;
const LENIENT = 20;
const THRESHOLD = { standard: STANDARD, strict: STRICT, lenient: LENIENT };

/** COMPLEXITY: cyclomatic complexity above the threshold. */
export const complexity: FileRule = {
  scope: 'file',
  meta: {
    id: 'COMPLEXITY',
    family: 'complexity',
    defaultSeverity: 'medium',
    description: 'Function with a cyclomatic complexity above the threshold.',
    rationale: 'Each independent path needs its own test and its own place in the reader’s head; past about ten paths neither happens.',
    languages: ALL_LANGUAGES,
    optionSchemas: { threshold: integerOption(1, 100_000) },
    presets: thresholdPresets(THRESHOLD),
    messages: {
      complex: '{{name}} has a cyclomatic complexity of {{complexity}} (maximum {{threshold}}).',
    },
    docs: {
      whatItDoes:
        'Computes the cyclomatic complexity of every function: 1 plus one for each branch. JavaScript/TypeScript follow ESLint `complexity` (if, loops, case, catch, ?:, &&, ||, ??, default values, optional chaining); Python follows radon/mccabe (if/elif, loops, except, boolean operators, comprehension clauses, match cases).',
      whyIsThisBad:
        'Highly branched functions are hard to read, hard to test exhaustively and are where defects concentrate. The number of paths grows with every condition that is added.',
      example: 'function price(order) {\n  if (a) { ... } else if (b) { ... } else if (c) { ... } // and 9 more branches\n}',
      useInstead: 'const PRICING = { a: priceA, b: priceB, c: priceC };\nfunction price(order) { return PRICING[order.kind](order); }',
      options: { threshold: 'maximum cyclomatic complexity' },
    },
  },
  check(facts, { options }) {
    const threshold = numberOption(options.threshold, THRESHOLD.standard);
    return facts.functions
      .filter((fn) => fn.complexity > threshold)
      .map((fn) => ({
        messageId: 'complex',
        data: { name: fn.name, complexity: fn.complexity, threshold },
        line: fn.line,
        column: fn.column,
        key: fn.name,
      }));
  },
};

import { presets, type FileRule } from '../types.js';
import { numberOption } from '../shared/options.js';

const THRESHOLD = { standard: 10, strict: 8, lenient: 20 } as const;

/** COMPLEXITY: cyclomatic complexity above the threshold. */
export const complexity: FileRule = {
  scope: 'file',
  meta: {
    id: 'COMPLEXITY',
    family: 'complexity',
    defaultSeverity: 'medium',
    description: 'Function with a cyclomatic complexity above the threshold.',
    rationale: 'Each independent path needs its own test and its own place in the reader’s head; past about ten paths neither happens.',
    languages: ['javascript', 'typescript', 'python'],
    presets: presets(
      { enabled: true, options: { threshold: THRESHOLD.standard } },
      { strict: { options: { threshold: THRESHOLD.strict } }, lenient: { options: { threshold: THRESHOLD.lenient } } },
    ),
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

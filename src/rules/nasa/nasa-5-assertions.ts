import { presets, type FileRule } from '../types.js';
import { integerOption, numberOption } from '../shared/options.js';
import { ALL_LANGUAGES } from '../shared/presets.js';

const MIN_LINES = 10;
const MIN_ASSERTIONS = 2;

/** NASA_5_ASSERTIONS: Power of Ten rule 5 — at least two assertions per function. */
export const nasa5Assertions: FileRule = {
  scope: 'file',
  meta: {
    id: 'NASA_5_ASSERTIONS',
    family: 'nasa',
    defaultSeverity: 'low',
    description: 'Function over 10 lines with fewer than 2 assertions.',
    rationale: 'Assertions state what a function assumes and guarantees; without them a wrong input travels far before it fails.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    optionSchemas: { minLines: integerOption(1, 1_000_000), minAssertions: integerOption(0, 1000) },
    presets: presets(
      { enabled: false, options: { minLines: MIN_LINES, minAssertions: MIN_ASSERTIONS } },
      { 'nasa-compliance': { enabled: true } },
    ),
    messages: {
      few: '{{name}} has {{count}} assertion(s) in {{lines}} lines (at least {{min}} expected).',
    },
    docs: {
      whatItDoes:
        'Reports functions longer than `minLines` lines with fewer than `minAssertions` assertions (`assert`, `console.assert`, `assert.*(...)`, `invariant(...)`). Test functions are skipped.',
      whyIsThisBad:
        'Power of Ten rule 5: an average of two assertions per function checks pre- and post-conditions at run time, so defects are caught where they happen instead of far downstream.',
      example: 'function withdraw(account, amount) {\n  account.balance -= amount;\n  // ...10 more lines\n}',
      useInstead: "function withdraw(account, amount) {\n  assert(amount > 0, 'positive amount');\n  assert(account.balance >= amount, 'covered');\n  account.balance -= amount;\n  // ...\n}",
      options: { minLines: 'functions with more lines than this are checked', minAssertions: 'minimum number of assertions' },
    },
  },
  check(facts, { options }) {
    const minLines = numberOption(options.minLines, MIN_LINES);
    const min = numberOption(options.minAssertions, MIN_ASSERTIONS);
    return facts.functions
      .filter((fn) => !fn.isTest && fn.lengthLines > minLines && fn.assertions < min)
      .map((fn) => ({
        messageId: 'few',
        data: { name: fn.name, count: fn.assertions, lines: fn.lengthLines, min },
        line: fn.line,
        column: fn.column,
        key: fn.name,
      }));
  },
};

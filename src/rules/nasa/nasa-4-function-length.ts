import { type FileRule } from '../types.js';
import { integerOption, numberOption } from '../shared/options.js';
import { ALL_LANGUAGES, thresholdPresets } from '../shared/presets.js';

const STANDARD = 60;
const STRICT = 40;
const LENIENT = 100;
const THRESHOLD = { standard: STANDARD, strict: STRICT, lenient: LENIENT };

/** NASA_4_FUNCTION_LENGTH: Power of Ten rule 4 — functions fit on one page. */
export const nasa4FunctionLength: FileRule = {
  scope: 'file',
  meta: {
    id: 'NASA_4_FUNCTION_LENGTH',
    family: 'nasa',
    defaultSeverity: 'medium',
    description: 'Function longer than N lines of code.',
    rationale: 'A function that does not fit on one screen cannot be understood, reviewed or tested as a unit.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    optionSchemas: { threshold: integerOption(1, 1_000_000) },
    presets: thresholdPresets(THRESHOLD),
    messages: {
      long: '{{name}} has {{lines}} lines of code (maximum {{threshold}}).',
    },
    docs: {
      whatItDoes:
        'Reports functions with more than `threshold` lines of code, counted from the line of the declaration to its last line like ESLint `max-lines-per-function` with `skipComments: true, skipBlankLines: true`: blank lines, lines holding only comments and (Python) docstrings do not count; a line with code and a comment does. The function literals passed to a test framework (`describe`, `it`, `test`, `suite`, `context`, `beforeEach`, `afterEach`, `beforeAll`, `afterAll`, with their `.only`, `.skip`, `.concurrent`, `.todo`, `.each(table)` variants) are the structure of a test suite, not functions: they are not reported, while a function defined inside one is.',
      whyIsThisBad:
        'Power of Ten rule 4: no function longer than what fits on a sheet of paper (about 60 lines). Long functions mix several responsibilities and hide the steps of the logic.',
      example: 'function handle(request) {\n  // 120 lines of parsing, validation, persistence and rendering\n}',
      useInstead: 'function handle(request) {\n  const input = parse(request);\n  validate(input);\n  return render(save(input));\n}',
      options: { threshold: 'maximum number of lines of code of a function' },
    },
  },
  check(facts, { options }) {
    const threshold = numberOption(options.threshold, THRESHOLD.standard);
    return facts.functions
      .filter((fn) => fn.codeLines > threshold && !fn.testCallback)
      .map((fn) => ({
        messageId: 'long',
        data: { name: fn.name, lines: fn.codeLines, threshold },
        line: fn.line,
        column: fn.column,
        key: fn.name,
      }));
  },
};

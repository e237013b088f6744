import { type FileRule } from '../types.js';
import { numberOption } from '../shared/options.js';
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
    description: 'Function longer than N lines.',
    rationale: 'A function that does not fit on one screen cannot be understood, reviewed or tested as a unit.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    presets: thresholdPresets(THRESHOLD),
    messages: {
      long: '{{name}} is {{lines}} lines long (maximum {{threshold}}).',
    },
    docs: {
      whatItDoes: 'Reports functions whose span, from the line of the declaration to its last line, is longer than `threshold` lines.',
      whyIsThisBad:
        'Power of Ten rule 4: no function longer than what fits on a sheet of paper (about 60 lines). Long functions mix several responsibilities and hide the steps of the logic.',
      example: 'function handle(request) {\n  // 120 lines of parsing, validation, persistence and rendering\n}',
      useInstead: 'function handle(request) {\n  const input = parse(request);\n  validate(input);\n  return render(save(input));\n}',
      options: { threshold: 'maximum number of lines of a function' },
    },
  },
  check(facts, { options }) {
    const threshold = numberOption(options.threshold, THRESHOLD.standard);
    return facts.functions
      .filter((fn) => fn.lengthLines > threshold)
      .map((fn) => ({
        messageId: 'long',
        data: { name: fn.name, lines: fn.lengthLines, threshold },
        line: fn.line,
        column: fn.column,
        key: fn.name,
      }));
  },
};

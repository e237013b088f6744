import { presets, type FileRule } from '../types.js';
import { numberList, occurrenceKey } from '../shared/options.js';
import { ALL_LANGUAGES } from '../shared/presets.js';

/** Numbers that carry no hidden meaning (ESLint `no-magic-numbers` style allow list). */
const DEFAULT_ALLOW = [0, 1, -1, 2];

/** CON_MEANING: connascence of meaning — magic numbers. */
export const conMeaning: FileRule = {
  scope: 'file',
  meta: {
    id: 'CON_MEANING',
    family: 'connascence',
    defaultSeverity: 'low',
    description: 'Magic number used outside a constant declaration, enum or default value.',
    rationale: 'Every place that uses the bare number must agree on what it means; changing the meaning means finding every copy.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    presets: presets({ enabled: true, options: { allow: DEFAULT_ALLOW } }, { lenient: { enabled: false } }),
    messages: {
      magic: 'Magic number {{value}}: give it a name with a constant.',
    },
    docs: {
      whatItDoes:
        'Flags numeric literals in ordinary expressions. Literals that initialise a constant (`const X = 42`, `static readonly`, Python UPPER_CASE names), enum members, default parameter values, literal types and array/subscript indexes (`a[3]`) are not flagged. The numbers 0, 1, -1 and 2 are allowed by default. Test files are not judged unless `includeTests` is set.',
      whyIsThisBad:
        'Connascence of meaning: the reader and every other use site must know that 86400 means "seconds per day". When the meaning changes, each copy must be found and changed by hand.',
      example: 'if (elapsed > 86400) expire();',
      useInstead: 'const SECONDS_PER_DAY = 86400;\nif (elapsed > SECONDS_PER_DAY) expire();',
      options: {
        allow: 'numbers that are never flagged (default [0, 1, -1, 2])',
      },
    },
  },
  check(facts, { options }) {
    const allow = new Set(numberList(options.allow));
    const seen = new Map<string, number>();
    return facts.literals
      .filter((lit) => lit.kind === 'number' && lit.context === 'other' && !allow.has(Number(lit.value)))
      .map((lit) => ({
        messageId: 'magic',
        data: { value: lit.value },
        line: lit.line,
        column: lit.column,
        key: occurrenceKey(seen, lit.value),
      }));
  },
};

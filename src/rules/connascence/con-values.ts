import type { LiteralFact } from '../../facts/types.js';
import { presets, type FileRule } from '../types.js';
import { numberList, numberOption } from '../shared/options.js';
import { ALL_LANGUAGES } from '../shared/presets.js';

const DEFAULT_THRESHOLD = 3;
const LENIENT_THRESHOLD = 5;
const DEFAULT_MIN_STRING_LENGTH = 3;
const DISPLAY_LENGTH = 40;

interface Criteria {
  allow: Set<number>;
  minStringLength: number;
}

/** Non-trivial: numbers outside the allow list, strings of `minStringLength`+ characters, never docstrings or literal types. */
function isNonTrivial(lit: LiteralFact, criteria: Criteria): boolean {
  if (lit.docstring || lit.context === 'type' || lit.context === 'enum') return false;
  if (lit.kind === 'number') return !criteria.allow.has(Number(lit.value));
  return lit.value.length >= criteria.minStringLength;
}

function display(lit: LiteralFact): string {
  if (lit.kind === 'number') return lit.value;
  const text = JSON.stringify(lit.value);
  return text.length > DISPLAY_LENGTH ? `${text.slice(0, DISPLAY_LENGTH - 1)}…` : text;
}

/** Groups literals by kind + value, keeping the order of first occurrence. */
function groupLiterals(literals: readonly LiteralFact[]): Map<string, LiteralFact[]> {
  const groups = new Map<string, LiteralFact[]>();
  for (const lit of literals) {
    const key = `${lit.kind}:${lit.value}`;
    const group = groups.get(key);
    if (group) group.push(lit);
    else groups.set(key, [lit]);
  }
  return groups;
}

/** CON_VALUES: connascence of value — the same literal repeated throughout a file. */
export const conValues: FileRule = {
  scope: 'file',
  meta: {
    id: 'CON_VALUES',
    family: 'connascence',
    defaultSeverity: 'low',
    description: 'The same non-trivial literal appears at least N times in one file.',
    rationale: 'Copies of one value must change together; a missed copy is a silent bug.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    presets: presets(
      { enabled: true, options: { threshold: DEFAULT_THRESHOLD, minStringLength: DEFAULT_MIN_STRING_LENGTH, allow: [0, 1, -1, 2] } },
      { lenient: { options: { threshold: LENIENT_THRESHOLD } } },
    ),
    messages: {
      repeated: 'The {{kind}} {{value}} appears {{count}} times in this file (maximum {{max}}): name it once.',
    },
    docs: {
      whatItDoes:
        'Counts each non-trivial literal per file and reports it once, at its first occurrence outside a constant declaration, when it appears `threshold` times or more. Non-trivial means: a number outside the `allow` list, or a string of at least `minStringLength` characters. Docstrings, JS directive prologues, enum members and literal types are not counted; a constant declaration counts as one occurrence.',
      whyIsThisBad:
        'Connascence of value: several places must hold the same value for the program to work. Changing one copy and forgetting another breaks the program without any compiler or linter noticing.',
      example: "if (user.role === 'administrator') {}\nif (req.role === 'administrator') {}\ngrant('administrator');",
      useInstead: "const ADMIN = 'administrator';\nif (user.role === ADMIN) {}\nif (req.role === ADMIN) {}\ngrant(ADMIN);",
      options: {
        threshold: 'number of occurrences in one file at which a literal is reported',
        minStringLength: 'shortest string that counts as non-trivial',
        allow: 'numbers that are never counted',
      },
    },
  },
  check(facts, { options }) {
    const threshold = numberOption(options.threshold, DEFAULT_THRESHOLD);
    const criteria: Criteria = {
      allow: new Set(numberList(options.allow)),
      minStringLength: numberOption(options.minStringLength, DEFAULT_MIN_STRING_LENGTH),
    };
    const groups = groupLiterals(facts.literals.filter((lit) => isNonTrivial(lit, criteria)));
    return [...groups.entries()]
      .filter(([, group]) => group.length >= threshold)
      .map(([key, group]) => {
        const first = group.find((lit) => lit.context !== 'constant') ?? group[0]!;
        return {
          messageId: 'repeated',
          data: { kind: first.kind, value: display(first), count: group.length, max: threshold - 1 },
          line: first.line,
          column: first.column,
          key,
          related: group.filter((lit) => lit !== first).map((lit) => ({ file: facts.path, line: lit.line })),
        };
      });
  },
};

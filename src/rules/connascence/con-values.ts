import type { LiteralFact } from '../../facts/types.js';
import { presets, type FileRule } from '../types.js';
import { integerOption, numberList, numberListOption, numberOption } from '../shared/options.js';
import { ALL_LANGUAGES } from '../shared/presets.js';
import { isOctal, isPlainMask, isUnitFactor } from '../shared/literals.js';

const DEFAULT_THRESHOLD = 3;
const LENIENT_THRESHOLD = 5;
const DEFAULT_MIN_STRING_LENGTH = 3;
const DISPLAY_LENGTH = 40;

interface Criteria {
  allow: Set<number>;
  minStringLength: number;
}

/** Places whose literal is a name, a tag, a position or table data rather than a value several places must share. */
const NOT_VALUES = new Set<LiteralFact['context']>(['type', 'enum', 'data', 'key', 'tag', 'argument']);
/** Places where a number states a position, a width or a bit count (see LiteralContext). */
const NOT_NUMBER_VALUES = new Set<LiteralFact['context']>(['index', 'shift', 'version']);
/**
 * `%s`, `%(name)d`, `{}`, `{0}`, `{name}`, `{:>8}`: a format string is a template, not a shared value.
 * Linear on any text (issue 30): a mapping key is at most 64 characters (`[^)]*` scanned to the end
 * of `%(%(%(...` from every `%`), and the width starts with a non-zero digit so that it cannot share
 * the zeros of the flags (`%0000...` split every way).
 */
const FORMAT_PLACEHOLDER = /%(?:\([^)]{0,64}\))?[-#0 +]*(?:[1-9]\d*)?(?:\.\d+)?[sdifrxXeEgGoc]|\{[\w.[\]]*(?:![rsa])?(?::[^{}]*)?\}/;
/** `%Y`, `%m`, `%H`: a strftime directive that no printf template uses. A date format is a value the places that print one date must share. */
const DATE_DIRECTIVE = /%[-#]?[YymBbAaHIMSpjZzUWGVuCFTRDe]/;

function isTemplate(text: string): boolean {
  return FORMAT_PLACEHOLDER.test(text) && !DATE_DIRECTIVE.test(text);
}

/**
 * Non-trivial: a number outside the allow list that is not an index, well-known API argument,
 * shift amount, plain bit mask or power-of-ten factor; a string of `minStringLength`+ characters
 * that holds a letter or digit, no whitespace (messages and prose are text, not shared values) and
 * no format placeholder. Never docstrings, literal types, enum members, table data, keys or tags.
 */
function isNonTrivial(lit: LiteralFact, criteria: Criteria): boolean {
  if (lit.docstring || NOT_VALUES.has(lit.context)) return false;
  if (lit.kind === 'number') {
    const value = Number(lit.value);
    if (NOT_NUMBER_VALUES.has(lit.context) || criteria.allow.has(value) || isOctal(lit.raw)) return false;
    if (lit.context === 'mask') return !isPlainMask(value, lit.raw);
    return lit.context !== 'factor' || !isUnitFactor(Math.abs(value));
  }
  const text = lit.value;
  return text.length >= criteria.minStringLength && /[\p{L}\p{N}]/u.test(text) && !/\s/.test(text) && !isTemplate(text);
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

/** Constant declarations count as one occurrence together: `A = 60` and `B = 60` are two names, not three copies. */
function occurrences(group: readonly LiteralFact[]): number {
  const named = group.filter((lit) => lit.context === 'constant').length;
  return group.length - named + (named > 0 ? 1 : 0);
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
    optionSchemas: { threshold: integerOption(2, 1_000_000), minStringLength: integerOption(1, 100_000), allow: numberListOption() },
    presets: presets(
      { enabled: true, options: { threshold: DEFAULT_THRESHOLD, minStringLength: DEFAULT_MIN_STRING_LENGTH, allow: [0, 1, -1, 2] } },
      { lenient: { options: { threshold: LENIENT_THRESHOLD } } },
    ),
    messages: {
      repeated: 'The {{kind}} {{value}} appears {{count}} times in this file (maximum {{max}}): name it once.',
    },
    docs: {
      whatItDoes:
        'Counts each non-trivial literal per file and reports it once, at its first occurrence outside a constant declaration, when it appears `threshold` times or more; constant declarations count as one occurrence together (`A = 60` and `B = 60` are two names that happen to agree, not copies). ' +
        'Non-trivial numbers: outside the `allow` list, and not an index or slice bound (`a[-1]`, `a[-2:]`), an argument of a well-known API (`toString(16)`, `slice(0, 3)`, `round(x, 2)`), a shift amount, a plain bit mask (`& 0xff`) or a power-of-ten factor (`/ 1000`): those say the same thing wherever they appear without having to agree. ' +
        'Non-trivial strings: at least `minStringLength` characters with a letter or digit, no whitespace and no format placeholder (`%s`, `{}`, `{name}`); a date format (`"%d.%m.%Y"`, any strftime directive such as `%Y` or `%H`) is a value, and counts. ' +
        'Messages, log lines and format strings are prose: a repeated error message is duplicated text, not a value other code compares against, so it is not counted (DUPLICATION finds repeated code). ' +
        'Never counted: docstrings, JS directive prologues, literal types, enum members, literals inside constant data (a module-level or UPPER_CASE table, `export default`, Python `__all__`/`__slots__`), ' +
        'property names (object and dict keys, `obj["key"]`, `\'key\' in obj`, `getattr(o, "name")`, `d.get("key")`, `Object.defineProperty(o, "name", d)`, `$(el).attr("href")`, `object.__setattr__(self, "name", v)`), ' +
        'type tags or discriminants (`typeof x === "string"`, `x.kind === "object"`, `case "string":` in a switch on one, `kind: "object"` in an object literal, `__name__ == "__main__"`; in JS and TS the names `typeof` answers, such as `"string"` and `"object"`, wherever they stand), ' +
        'and the vocabulary of well-known APIs: text encodings (`s.encode("ascii")`, `buf.toString("hex")`, `new TextDecoder("utf-8")`) and Python\'s `action=`, `errors=` and `encoding=` values (`action="store_true"`).',
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
      .filter(([, group]) => occurrences(group) >= threshold)
      .map(([key, group]) => {
        const first = group.find((lit) => lit.context !== 'constant') ?? group[0]!;
        return {
          messageId: 'repeated',
          data: { kind: first.kind, value: display(first), count: occurrences(group), max: threshold - 1 },
          line: first.line,
          column: first.column,
          key,
          related: group.filter((lit) => lit !== first).map((lit) => ({ file: facts.path, line: lit.line })),
        };
      });
  },
};

import { presets, type FileRule } from '../types.js';
import { numberList, numberListOption, occurrenceKey } from '../shared/options.js';
import { ALL_LANGUAGES } from '../shared/presets.js';
import { isSelfDescribingNumber } from '../shared/literals.js';

/** Numbers that carry no hidden meaning (ESLint `no-magic-numbers` style allow list). */
const DEFAULT_ALLOW = [0, 1, -1, 2];

/** CON_MEANING: connascence of meaning — magic numbers. */
export const conMeaning: FileRule = {
  scope: 'file',
  meta: {
    id: 'CON_MEANING',
    family: 'connascence',
    defaultSeverity: 'low',
    description: 'Magic number in ordinary code: not a constant, table entry, enum member, default, index, named property value or well-known API argument.',
    rationale: 'Every place that uses the bare number must agree on what it means; changing the meaning means finding every copy.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    optionSchemas: { allow: numberListOption() },
    presets: presets({ enabled: true, options: { allow: DEFAULT_ALLOW } }, { lenient: { enabled: false } }),
    messages: {
      magic: 'Magic number {{value}}: give it a name with a constant.',
    },
    docs: {
      whatItDoes:
        'Flags numeric literals in ordinary code: comparisons, arithmetic, call arguments, returns. ' +
        'Not flagged, because the place already says what the number is: ' +
        'constants (`const X = 42`, `static readonly`, Python UPPER_CASE, dunder, `ClassVar`/`Final` names) and everything inside constant data at any depth ' +
        '(an object, array, dict, tuple or call argument in the initialiser of a module-level or UPPER_CASE `const`, of `export default`, ' +
        'of a Python module- or class-level UPPER_CASE name or container literal: a 2,000-entry table gives no finding); ' +
        'enum members (TS `enum`, members of Python `Enum`/`IntEnum`/`Flag`/`Choices` subclasses); default parameter values; literal types; ' +
        'indexes and slice bounds (`a[3]`, `a[-2:]`), and the cases of a switch on a length (`switch (args.length) { case 3: }`); ' +
        'object property values, class fields and Python keyword arguments (`{ retries: 5 }`, `static chunkSize = 512_000`, `f(retries=5)`: the key names the value, as ESLint `no-magic-numbers` without `detectObjects`); ' +
        'lookup tables written in place: a list of three or more plain numbers (`[0, 2, 4, 6, 8][d]`); ' +
        'discriminant tags (`x.kind === 3`, `case` of a switch on `typeof`/`.type`/`.kind`/`._tag`, the wire tag of `w.tag(12, …)`); ' +
        'arguments of well-known APIs whose parameter names them (radix of `toString(16)`/`parseInt(s, 16)`/`int(s, 16)`, digits of `toFixed(2)`/`round(x, 2)`, widths of `padStart(2, "0")`/`zfill(2)`/`ljust(8)`, positions of `slice`/`substring`/`charCodeAt`/`at`, split limits); ' +
        'shift amounts (`x >>> 8`); plain bit masks in `&`, `|`, `^` (low bits such as `0xff`, `0x3f`, `15`, whole bytes such as `0xff00`, or a run of bits written in hex or binary such as `0xf0`; a single flag bit like `flags & 4` or `0x40` is still flagged); ' +
        'unit factors of `*`, `/`, `%` (powers of ten, 60, 24, 3600, 86400, 1024: `Math.round(x * 100) / 100`, `ms / 1000`, `days * 86400`) and powers of a thousand from a million up passed as an argument (`toUnit(n, 1_000_000_000)`). ' +
        'Still flagged: thresholds and limits in comparisons (`len(f) < 250`, `bytes.length !== 10`), protocol and status codes passed as arguments (`sendCode(451)`, `ws.close(1008)`), character codes (`c === 46`), offsets into binary formats, other factors (`price * 1.2`). ' +
        'The numbers 0, 1, -1 and 2 are allowed by default. Test files are skipped unless `includeTests` is set.',
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
      .filter((lit) => lit.kind === 'number' && !isSelfDescribingNumber(lit) && !allow.has(Number(lit.value)))
      .map((lit) => ({
        messageId: 'magic',
        data: { value: lit.value },
        line: lit.line,
        column: lit.column,
        key: occurrenceKey(seen, lit.value),
      }));
  },
};

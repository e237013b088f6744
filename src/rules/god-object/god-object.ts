import type { ClassFact } from '../../facts/types.js';
import { presets, type FileRule } from '../types.js';
import { integerOption, numberOption } from '../shared/options.js';
import { ALL_LANGUAGES } from '../shared/presets.js';

const STANDARD_METHODS = 20;
const STRICT_METHODS = 15;
const LENIENT_METHODS = 35;
const STANDARD_LINES = 500;
const STRICT_LINES = 300;
const LENIENT_LINES = 1000;
const METHODS = { standard: STANDARD_METHODS, strict: STRICT_METHODS, lenient: LENIENT_METHODS };
const LINES = { standard: STANDARD_LINES, strict: STRICT_LINES, lenient: LENIENT_LINES };

interface Limits {
  methods: number;
  lines: number;
}

function describe(cls: ClassFact, limits: Limits): string {
  const parts: string[] = [];
  if (cls.methods > limits.methods) parts.push(`${cls.methods} methods (maximum ${limits.methods})`);
  if (cls.codeLines > limits.lines) parts.push(`${cls.codeLines} lines of code (maximum ${limits.lines})`);
  return parts.join(' and ');
}

/** GOD_OBJECT: a class that knows or does too much. */
export const godObject: FileRule = {
  scope: 'file',
  meta: {
    id: 'GOD_OBJECT',
    family: 'god-object',
    defaultSeverity: 'medium',
    description: 'Class with more than M methods or more than L lines of code.',
    rationale: 'A class that does everything couples every feature to every other one; each change risks all of them.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    optionSchemas: { methods: integerOption(1, 1_000_000), lines: integerOption(1, 10_000_000) },
    presets: presets(
      { enabled: true, options: { methods: METHODS.standard, lines: LINES.standard } },
      {
        strict: { options: { methods: METHODS.strict, lines: LINES.strict } },
        lenient: { options: { methods: METHODS.lenient, lines: LINES.lenient } },
      },
    ),
    messages: {
      god: 'Class {{name}} has {{detail}}: split its responsibilities.',
    },
    docs: {
      whatItDoes:
        'Reports classes with more than `methods` methods or more than `lines` lines of code (from the `class` line to its last line; blank lines, lines holding only comments and Python docstrings do not count, like NASA_4_FUNCTION_LENGTH). Methods are counted as a reader sees them: the getter and setter of one property (JS `get x()`/`set x()`, Python `@property` with `@x.setter`/`@x.deleter`) are one method, and overload signatures (TypeScript methods without a body, Python `@overload` stubs) are none. A declaration of keys is not a god object: a Python `TypedDict`, or a class (not a `Protocol`) whose body only declares annotated names, is not reported (TypeScript interfaces and type literals are not classes).',
      whyIsThisBad:
        'A god object accumulates unrelated responsibilities. Everything depends on it, it depends on everything, and every change to it needs the whole program retested.',
      example: 'class App {\n  loadUser() {}\n  renderInvoice() {}\n  sendMail() {}\n  // ...40 more methods\n}',
      useInstead: 'class UserRepository { load() {} }\nclass InvoiceView { render() {} }\nclass Mailer { send() {} }',
      options: { methods: 'maximum number of methods', lines: 'maximum number of lines of code' },
    },
  },
  check(facts, { options }) {
    const limits: Limits = {
      methods: numberOption(options.methods, METHODS.standard),
      lines: numberOption(options.lines, LINES.standard),
    };
    return facts.classes
      .filter((cls) => !cls.record && (cls.methods > limits.methods || cls.codeLines > limits.lines))
      .map((cls) => ({
        messageId: 'god',
        data: { name: cls.name, detail: describe(cls, limits), methods: cls.methods, lines: cls.codeLines },
        line: cls.line,
        column: cls.column,
        key: cls.name,
      }));
  },
};

import type { ClassFact } from '../../facts/types.js';
import { presets, type FileRule } from '../types.js';
import { numberOption } from '../shared/options.js';
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
  if (cls.lengthLines > limits.lines) parts.push(`${cls.lengthLines} lines (maximum ${limits.lines})`);
  return parts.join(' and ');
}

/** GOD_OBJECT: a class that knows or does too much. */
export const godObject: FileRule = {
  scope: 'file',
  meta: {
    id: 'GOD_OBJECT',
    family: 'god-object',
    defaultSeverity: 'medium',
    description: 'Class with more than M methods or more than L lines.',
    rationale: 'A class that does everything couples every feature to every other one; each change risks all of them.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
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
      whatItDoes: 'Reports classes with more than `methods` methods or more than `lines` lines (from the `class` line to its last line).',
      whyIsThisBad:
        'A god object accumulates unrelated responsibilities. Everything depends on it, it depends on everything, and every change to it needs the whole program retested.',
      example: 'class App {\n  loadUser() {}\n  renderInvoice() {}\n  sendMail() {}\n  // ...40 more methods\n}',
      useInstead: 'class UserRepository { load() {} }\nclass InvoiceView { render() {} }\nclass Mailer { send() {} }',
      options: { methods: 'maximum number of methods', lines: 'maximum number of lines' },
    },
  },
  check(facts, { options }) {
    const limits: Limits = {
      methods: numberOption(options.methods, METHODS.standard),
      lines: numberOption(options.lines, LINES.standard),
    };
    return facts.classes
      .filter((cls) => cls.methods > limits.methods || cls.lengthLines > limits.lines)
      .map((cls) => ({
        messageId: 'god',
        data: { name: cls.name, detail: describe(cls, limits), methods: cls.methods, lines: cls.lengthLines },
        line: cls.line,
        column: cls.column,
        key: cls.name,
      }));
  },
};

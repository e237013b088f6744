import { type FileRule } from '../types.js';
import { ALL_LANGUAGES, offInLenient } from '../shared/presets.js';

/** CON_EXECUTION: connascence of execution order — functions that mutate module-level state. */
export const conExecution: FileRule = {
  scope: 'file',
  meta: {
    id: 'CON_EXECUTION',
    family: 'connascence',
    defaultSeverity: 'medium',
    description: 'Function assigns to module-level state (`global` in Python, a top-level `let`/`var` in JS).',
    rationale: 'The result of every other function that reads the state depends on whether this one ran first.',
    languages: ALL_LANGUAGES,
    presets: offInLenient(),
    messages: {
      mutates: '{{name}} assigns module-level state: {{names}}.',
    },
    docs: {
      whatItDoes:
        'Reports each function that assigns to a module-level mutable binding: a top-level `let`/`var` in JavaScript/TypeScript, a name declared `global` in Python. One finding per function, listing the names it writes. ' +
        'Not reported: idempotent lazy initialisation, where call order does not matter — `x ??= make()`, `x ||= make()`, `if (x === undefined) x = make()` / `if (!x) x = …` / `if (x == null) x = …` in JS, `if X is None: X = …` / `if not X: X = …` in Python, the assignment being the only statement of an `if` without `else` that tests the same name. Other writes to the same binding are still reported.',
      whyIsThisBad:
        'Connascence of execution: callers must invoke functions in the right order, because one of them changes what the others see. The coupling is invisible at the call sites and breaks under concurrency, caching and tests run in another order.',
      example: 'counter = 0\n\ndef bump():\n    global counter\n    counter += 1',
      useInstead: 'class Counter:\n    def __init__(self):\n        self.value = 0\n\n    def bump(self):\n        self.value += 1',
    },
  },
  check(facts) {
    return facts.functions
      .map((fn) => ({ fn, writes: fn.globalWrites.filter((w) => !w.lazy) }))
      .filter(({ writes }) => writes.length > 0)
      .map(({ fn, writes }) => ({
        messageId: 'mutates',
        data: { name: fn.name, names: [...new Set(writes.map((w) => w.name))].join(', ') },
        line: fn.line,
        column: fn.column,
        key: fn.name,
      }));
  },
};

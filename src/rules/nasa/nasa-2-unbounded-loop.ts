import { type FileRule } from '../types.js';
import { ALL_LANGUAGES, offInLenient } from '../shared/presets.js';

/** NASA_2_UNBOUNDED_LOOP: Power of Ten rule 2 — every loop has a fixed upper bound. */
export const nasa2UnboundedLoop: FileRule = {
  scope: 'file',
  meta: {
    id: 'NASA_2_UNBOUNDED_LOOP',
    family: 'nasa',
    defaultSeverity: 'medium',
    description: 'Loop without a bound: `while (true)`, `for (;;)`, `do {} while (true)`, `while True:`.',
    rationale: 'A loop whose condition can never become false only ends through a `break` hidden in its body; when that path is missed the program hangs.',
    languages: ALL_LANGUAGES,
    presets: offInLenient(),
    messages: {
      unbounded: 'Unbounded loop in {{name}}: give it a condition or an iteration limit.',
    },
    docs: {
      whatItDoes:
        'Reports loops whose condition is a constant true: `while (true)`, `for (;;)`, `do { } while (true)` in JavaScript/TypeScript and `while True:` / `while 1:` in Python.',
      whyIsThisBad:
        'Power of Ten rule 2: every loop must have an upper bound a reader (or a tool) can see. An infinite loop relies on a `break` or `return` deep in its body; a missed case hangs the process instead of failing.',
      example: 'while (true) {\n  const job = queue.take();\n  if (!job) break;\n  run(job);\n}',
      useInstead: 'for (let i = 0; i < MAX_JOBS; i++) {\n  const job = queue.take();\n  if (!job) break;\n  run(job);\n}',
    },
  },
  check(facts) {
    return facts.functions.flatMap((fn) =>
      fn.unboundedLoops.map((loop, i) => ({
        messageId: 'unbounded',
        data: { name: fn.name },
        line: loop.line,
        column: loop.column,
        key: `${fn.name}#${i + 1}`,
      })),
    );
  },
};

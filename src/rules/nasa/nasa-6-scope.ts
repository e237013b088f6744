import { presets, type FileRule } from '../types.js';
import { ALL_LANGUAGES } from '../shared/presets.js';

/** NASA_6_SCOPE: Power of Ten rule 6 — declare data at the smallest possible scope. */
export const nasa6Scope: FileRule = {
  scope: 'file',
  meta: {
    id: 'NASA_6_SCOPE',
    family: 'nasa',
    defaultSeverity: 'low',
    description: 'Mutable module-level state: a top-level `let`/`var`, a Python `global` statement.',
    rationale: 'State that every function of a module can change has no owner; any of them may be the one that broke it.',
    languages: ALL_LANGUAGES,
    presets: presets({ enabled: false, options: {} }, { strict: { enabled: true }, 'nasa-compliance': { enabled: true } }),
    messages: {
      moduleState: '{{name}} is mutable module-level state ({{kind}}): declare it in the smallest scope that needs it.',
    },
    docs: {
      whatItDoes:
        'Reports each top-level `let`/`var` declaration in JavaScript/TypeScript and each `global` statement in a Python function.',
      whyIsThisBad:
        'Power of Ten rule 6: data should be declared at the smallest possible scope. Module-level mutable state is shared by every function of the module (and every importer), so its value depends on the whole history of the program.',
      example: 'let cache = {};\nexport function get(key) { return cache[key]; }',
      useInstead: 'export function createStore() {\n  const cache = {};\n  return { get: (key) => cache[key] };\n}',
    },
  },
  check(facts) {
    return facts.moduleState.map((state) => ({
      messageId: 'moduleState',
      data: { name: state.name, kind: state.kind },
      line: state.line,
      column: state.column,
      key: `${state.kind}:${state.name}`,
    }));
  },
};

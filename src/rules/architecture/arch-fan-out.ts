import type { FileFacts } from '../../facts/types.js';
import { type ProjectRule, type Report, type RuleContext } from '../types.js';
import { integerOption, numberOption } from '../shared/options.js';
import { buildModuleGraph } from '../shared/module-graph.js';
import { projectedState } from '../shared/projected-state.js';
import { ALL_LANGUAGES, thresholdPresets } from '../shared/presets.js';

const STANDARD = 20;
const STRICT = 12;
const LENIENT = 40;
const THRESHOLD = { standard: STANDARD, strict: STRICT, lenient: LENIENT };

/** The rule's check (also run by its incremental updates, see projected-state.ts). */
function check(files: readonly FileFacts[], { options }: RuleContext): Report[] {
  const threshold = numberOption(options.threshold, THRESHOLD.standard);
  const graph = buildModuleGraph(files, { direct: true });
  return graph.files.flatMap((facts, i) => {
    const edges = graph.edges[i]!;
    if (edges.length <= threshold) return [];
    const first = edges.reduce((a, b) => (b.line < a.line || (b.line === a.line && b.column < a.column) ? b : a));
    return [{ messageId: 'fanOut', data: { count: edges.length, threshold }, file: facts.path, line: first.line, column: first.column, key: 'fan-out' }];
  });
}

/** ARCH_FAN_OUT: efferent coupling — a module that depends on too many others. */
export const archFanOut: ProjectRule = {
  scope: 'project',
  meta: {
    id: 'ARCH_FAN_OUT',
    family: 'architecture',
    defaultSeverity: 'medium',
    description: 'Module importing more than N distinct project modules.',
    rationale: 'A module that depends on many others breaks whenever any of them changes, and usually does too many things.',
    languages: ALL_LANGUAGES,
    optionSchemas: { threshold: integerOption(1, 100_000) },
    presets: thresholdPresets(THRESHOLD),
    messages: {
      fanOut: 'This module imports {{count}} project modules (maximum {{threshold}}).',
    },
    docs: {
      whatItDoes:
        'Counts the distinct project files each file imports (resolved like ARCH_CYCLE; packages from node_modules or site-packages are not counted, only the imports that run when the module is imported: not type-only ones, dynamic `import()`, `require()` or Python imports inside functions) and reports files above `threshold`, at their first import. ' +
        'A Python import counts the modules it names, not the packages on the way: `from a.b import c` is one dependency (`a/b/c.py`, or `a/b/__init__.py` when `c` is a name in it), never also `a/__init__.py`.',
      whyIsThisBad:
        'High efferent coupling: the module is exposed to changes in every module it imports and is hard to test in isolation. It is often an orchestrator that has grown business logic of its own.',
      example: "import { a } from './a.js';\nimport { b } from './b.js';\n// ...25 more project imports",
      useInstead: 'Split the module by responsibility, or depend on a small facade that groups related modules.',
      options: { threshold: 'maximum number of distinct project modules a module may import' },
    },
  },
  reads: ['imports'],
  check,
  incremental: projectedState(['imports'], check),
};

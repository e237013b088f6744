import type { FileFacts } from '../../facts/types.js';
import { type ProjectRule, type Report } from '../types.js';
import { cyclicComponents, shortestCycle } from '../shared/graph.js';
import { adjacencyOf, buildModuleGraph, type ImportEdge, type ModuleGraph } from '../shared/module-graph.js';
import { projectedState } from '../shared/projected-state.js';
import { ALL_LANGUAGES, offInLenient } from '../shared/presets.js';

/** The import of `from` that points into the cycle (preferring the next module on the shown path). */
function edgeInto(edges: readonly ImportEdge[], targets: ReadonlySet<number>, preferred?: number): ImportEdge {
  return edges.find((edge) => edge.target === preferred) ?? edges.find((edge) => targets.has(edge.target))!;
}

/** Members named in the message; the related locations list all of them. */
const MEMBERS_SHOWN = 8;

function memberList(paths: readonly string[]): string {
  const shown = paths.slice(0, MEMBERS_SHOWN).join(', ');
  return paths.length > MEMBERS_SHOWN ? `${shown} and ${paths.length - MEMBERS_SHOWN} more` : shown;
}

function reportCycle(graph: ModuleGraph, adjacency: number[][], component: readonly number[]): Report {
  const members = new Set(component);
  const first = component[0]!;
  const cycle = shortestCycle(first, adjacency, members);
  const edge = edgeInto(graph.edges[first]!, members, cycle[1]);
  const path = (i: number): string => graph.files[i]!.path;
  return {
    messageId: component.length > cycle.length ? 'cycleMore' : 'cycle',
    data: { cycle: [...cycle, first].map(path).join(' -> '), count: component.length, members: memberList(component.map(path)) },
    file: path(first),
    line: edge.line,
    column: edge.column,
    key: component.map(path).join(','),
    related: component.slice(1).map((member) => ({
      file: path(member),
      line: edgeInto(graph.edges[member]!, members).line,
      message: 'part of the import cycle',
    })),
  };
}

/** The rule's check (also run by its incremental updates, see projected-state.ts). */
function check(files: readonly FileFacts[]): Report[] {
  const graph = buildModuleGraph(files);
  const adjacency = adjacencyOf(graph);
  return cyclicComponents(adjacency).map((component) => reportCycle(graph, adjacency, component));
}

/** ARCH_CYCLE: import cycles between project modules. */
export const archCycle: ProjectRule = {
  scope: 'project',
  meta: {
    id: 'ARCH_CYCLE',
    family: 'architecture',
    defaultSeverity: 'medium',
    description: 'Import cycle between project modules.',
    rationale: 'Modules in a cycle can only be understood, tested and released together, and their initialisation order decides whether they work.',
    languages: ALL_LANGUAGES,
    presets: offInLenient(),
    messages: {
      cycle: 'Import cycle: {{cycle}}.',
      cycleMore: 'Import cycle: {{cycle}} ({{count}} modules are tangled together: {{members}}).',
    },
    docs: {
      whatItDoes:
        'Resolves the imports that run when a module is imported to project files and reports each strongly connected group of modules once, on the first file in path order, with a shortest cycle and the members in the message and the other members as related locations. Not counted, because they do not run on import: `import type`, `import { type A }` when every specifier is a type, `export type … from`, dynamic `import()`, `require()` inside a function, Python imports inside a function or method and under `if TYPE_CHECKING:` (an import in `try: … except ImportError:` runs and counts). JavaScript/TypeScript: relative specifiers with extension and `index` resolution (`./a.js` finds `a.ts`, as TypeScript ESM writes it). Python: relative imports against the package of the file; absolute imports against the source root only, as Python does: the first ancestor without `__init__.py` (so `import typing` beside a local `typing.py` is the standard library; when the analysed folder is itself a package, its name is the one its absolute imports use for it, so the cycles inside it are the same from the package, its parent or the repository root). `from pkg import mod` depends on the submodule `mod`, and on `pkg/__init__.py` when another name comes from it or the importer is outside `pkg`; `import a.b` from outside `a` also runs `a/__init__.py`.',
      whyIsThisBad:
        'A cycle makes every module in it depend on all the others. Whichever module is loaded first sees the others half-initialised (`undefined` exports in ESM/CommonJS, `ImportError: partially initialized module` in Python), and none of them can be reused or tested on its own.',
      example: "// a.ts\nimport { b } from './b.js';\n// b.ts\nimport { a } from './a.js';",
      useInstead: "// shared.ts holds what both need\n// a.ts\nimport { shared } from './shared.js';\n// b.ts\nimport { shared } from './shared.js';",
    },
  },
  reads: ['imports'],
  offload: true,
  check,
  incremental: projectedState(['imports'], check),
};

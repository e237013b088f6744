import type { FileFacts, ImportFact, Position } from '../../facts/types.js';
import { ProjectPaths, resolveImport } from './resolve-imports.js';

export interface ImportEdge extends Position {
  target: number;
}

/** Import graph between project files, of the imports that run when a module is imported. Node i is `files[i]`; files are sorted by path. */
export interface ModuleGraph {
  files: FileFacts[];
  /** Per node: one edge per distinct imported project file (the first import of it), self-imports dropped. */
  edges: ImportEdge[][];
}

const byPath = (a: FileFacts, b: FileFacts): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Python files import Python files, JS/TS files import JS/TS files. */
const sameFamily = (a: FileFacts, b: FileFacts): boolean => (a.language === 'python') === (b.language === 'python');

/** Does the import run when its module is imported (not erased as a type, not deferred to a call)? */
export const runsOnImport = (fact: ImportFact): boolean => fact.typeOnly !== true && fact.deferred !== true;

function edgesOf(facts: FileFacts, context: { index: Map<string, number>; project: ProjectPaths; files: FileFacts[]; direct: boolean }): ImportEdge[] {
  const edges = new Map<number, ImportEdge>();
  for (const fact of facts.imports) {
    if (!runsOnImport(fact)) continue;
    for (const path of resolveImport(facts, fact, context.project, context.direct)) {
      const target = context.index.get(path)!;
      if (path === facts.path || edges.has(target) || !sameFamily(facts, context.files[target]!)) continue;
      edges.set(target, { target, line: fact.line, column: fact.column });
    }
  }
  return [...edges.values()];
}

/**
 * Builds the graph of the imports that run when a module is imported (see `runsOnImport`). With
 * `direct`, an edge goes only to the modules a statement names, not to the packages it passes through.
 */
export function buildModuleGraph(input: readonly FileFacts[], options: { direct?: boolean } = {}): ModuleGraph {
  const files = [...input].sort(byPath);
  const project = new ProjectPaths(files);
  const index = new Map(files.map((f, i) => [f.path, i]));
  const context = { index, project, files, direct: options.direct ?? false };
  return { files, edges: files.map((facts) => edgesOf(facts, context)) };
}

export function adjacencyOf(graph: ModuleGraph): number[][] {
  return graph.edges.map((edges) => edges.map((edge) => edge.target));
}

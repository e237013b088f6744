import type { FunctionFact } from '../../facts/types.js';
import { type FileRule, type Report } from '../types.js';
import { cyclicComponents, shortestCycle } from '../shared/graph.js';
import { ALL_LANGUAGES, offInLenient } from '../shared/presets.js';

const ANONYMOUS = '<anonymous>';

/** The last segment of `Class.method`, the name a call site uses. */
const shortName = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** Index of the functions of a file by the name calls use, split into methods (per class) and plain functions. */
function buildIndex(functions: readonly FunctionFact[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  functions.forEach((fn, i) => {
    if (fn.name === ANONYMOUS) return;
    const key = fn.className === undefined ? `fn:${shortName(fn.name)}` : `method:${fn.className}.${shortName(fn.name)}`;
    index.set(key, [...(index.get(key) ?? []), i]);
  });
  return index;
}

/** A call from a method resolves to a method of the same class first, then to a plain function of the file. */
function callTargets(caller: FunctionFact, callee: string, index: ReadonlyMap<string, number[]>): number[] {
  const method = caller.className === undefined ? undefined : index.get(`method:${caller.className}.${callee}`);
  return method ?? index.get(`fn:${callee}`) ?? [];
}

/** Call graph among the functions of one file, without self-edges (direct recursion is reported separately). */
export function callGraph(functions: readonly FunctionFact[]): number[][] {
  const index = buildIndex(functions);
  return functions.map((fn, i) => {
    const targets = new Set(fn.calls.flatMap((callee) => callTargets(fn, callee, index)));
    targets.delete(i);
    return [...targets].sort((a, b) => a - b);
  });
}

function directReports(functions: readonly FunctionFact[]): Report[] {
  return functions
    .filter((fn) => fn.recursionLines.length > 0)
    .map((fn) => ({
      messageId: 'direct',
      data: { name: fn.name, line: fn.recursionLines[0]! },
      line: fn.line,
      column: fn.column,
      key: fn.name,
    }));
}

function mutualReports(functions: readonly FunctionFact[]): Report[] {
  const graph = callGraph(functions);
  return cyclicComponents(graph).flatMap((component) => {
    const members = new Set(component);
    return component.map((i) => {
      const fn = functions[i]!;
      const cycle = shortestCycle(i, graph, members).map((n) => functions[n]!.name);
      return {
        messageId: 'mutual',
        data: { name: fn.name, cycle: [...cycle, fn.name].join(' -> ') },
        line: fn.line,
        column: fn.column,
        key: `mutual:${fn.name}`,
      };
    });
  });
}

/** NASA_1_RECURSION: Power of Ten rule 1 — no recursion. */
export const nasa1Recursion: FileRule = {
  scope: 'file',
  meta: {
    id: 'NASA_1_RECURSION',
    family: 'nasa',
    defaultSeverity: 'medium',
    description: 'Direct recursion, or mutual recursion between functions of the same file.',
    rationale: 'Recursion has no static bound on its stack depth; an unexpected input exhausts the stack at run time.',
    languages: ALL_LANGUAGES,
    presets: offInLenient(),
    messages: {
      direct: '{{name}} calls itself (line {{line}}): recursion has no bound on its stack depth.',
      mutual: '{{name}} is mutually recursive: {{cycle}}.',
    },
    docs: {
      whatItDoes:
        'Reports functions that call themselves, and functions of one file that call each other in a cycle (found in the call graph of the file: plain names, and `this.x`/`self.x` resolved to methods of the same class). Calls across files and through variables are not followed.',
      whyIsThisBad:
        'Power of Ten rule 1: without recursion the call graph is acyclic, so stack use is bounded and can be checked. Recursive code in JavaScript and Python also hits the engine’s recursion limit on deep inputs (`RangeError`, `RecursionError`).',
      example: 'function depth(node) {\n  return node ? 1 + Math.max(depth(node.left), depth(node.right)) : 0;\n}',
      useInstead: 'function depth(root) {\n  let max = 0;\n  const stack = [[root, 1]];\n  while (stack.length) { /* explicit stack */ }\n  return max;\n}',
    },
  },
  check(facts) {
    return [...directReports(facts.functions), ...mutualReports(facts.functions)];
  },
};

import type { FunctionFact } from '../../facts/types.js';
import { type FileRule, type Report } from '../types.js';
import { cyclicComponents, shortestCycle } from '../shared/graph.js';
import { ALL_LANGUAGES, offInLenient } from '../shared/presets.js';

/** Call graph among the functions of one file (edges resolved by scope in the front-end), without self-edges. */
export function callGraph(functions: readonly FunctionFact[]): number[][] {
  return functions.map((fn, i) => fn.callees.filter((callee) => callee !== i && callee >= 0 && callee < functions.length));
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

/** One report per cycle of two or more functions, at its first member in line order, listing the members. */
function mutualReports(functions: readonly FunctionFact[]): Report[] {
  const graph = callGraph(functions);
  return cyclicComponents(graph).map((component) => {
    const ordered = [...component].sort((a, b) => functions[a]!.line - functions[b]!.line || functions[a]!.column - functions[b]!.column || a - b);
    const first = functions[ordered[0]!]!;
    const members = new Set(component);
    const cycle = shortestCycle(ordered[0]!, graph, members).map((n) => functions[n]!.name);
    return {
      messageId: 'mutual',
      data: {
        name: first.name,
        count: ordered.length,
        members: ordered.map((i) => `${functions[i]!.name} (line ${functions[i]!.line})`).join(', '),
        cycle: [...cycle, first.name].join(' -> '),
      },
      line: first.line,
      column: first.column,
      key: `mutual:${ordered.map((i) => functions[i]!.name).join(',')}`,
    };
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
      mutual: '{{count}} functions are mutually recursive ({{cycle}}): {{members}}.',
    },
    docs: {
      whatItDoes:
        'Reports functions that call themselves (one finding each), and each cycle of functions of one file that call each other (one finding per strongly connected component of the call graph, at its first member, listing all members). Calls are resolved by scope, like the language does: a call binds to the innermost visible declaration, so a parameter or local of the same name shadows a function, and an imported or reassigned name is no function of this file; two functions of one name in different scopes are different functions. A method is reached only through `this.`/`self.`/`cls.` inside its own class (or, for a function assigned to `X.prototype.bar`, inside another `X.prototype` function), or through its class name (`Foo.bar()`); a bare `bar()` inside method `bar` calls the outer `bar`, and a getter is never called. Python scoping is followed (class bodies are not visible from methods; `global`/`nonlocal` are honoured). Calls across files and through variables are not followed.',
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

/**
 * The function each position of a file is in, by qualified name (`Outer.inner`, `Class.method`,
 * `<module>` outside every function): part of the fingerprints of safety findings, so that a
 * baseline entry for a call in one function accepts no call in another. One sweep over the
 * functions and positions sorted by start: linear after the sort, whatever the nesting.
 */
import type { FunctionFact, Position } from '../../facts/types.js';

export const MODULE_SCOPE = '<module>';

const before = (a: Position, b: Position): number => a.line - b.line || a.column - b.column;
const endsBefore = (fn: FunctionFact, at: Position): boolean => fn.endLine < at.line || (fn.endLine === at.line && fn.endColumn <= at.column);

/** For each position, the qualified name of the innermost function whose span holds it. */
export function enclosingFunctions(functions: readonly FunctionFact[], positions: readonly Position[]): string[] {
  const names = new Array<string>(positions.length).fill(MODULE_SCOPE);
  if (functions.length === 0 || positions.length === 0) return names;
  const fns = [...functions].sort((a, b) => before(a, b) || b.endLine - a.endLine || b.endColumn - a.endColumn);
  const order = positions.map((_, i) => i).sort((a, b) => before(positions[a]!, positions[b]!));
  const open: Array<{ fn: FunctionFact; name: string }> = [];
  let next = 0;
  for (const i of order) {
    const at = positions[i]!;
    while (next < fns.length && before(fns[next]!, at) <= 0) {
      const fn = fns[next++]!;
      while (open.length > 0 && endsBefore(open[open.length - 1]!.fn, fn)) open.pop();
      const outer = open[open.length - 1];
      open.push({ fn, name: outer ? `${outer.name}.${fn.name}` : fn.name });
    }
    while (open.length > 0 && endsBefore(open[open.length - 1]!.fn, at)) open.pop();
    const inner = open[open.length - 1];
    if (inner) names[i] = inner.name;
  }
  return names;
}

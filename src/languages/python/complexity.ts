/**
 * Cyclomatic complexity with exactly the counting of radon 5.1.0 (`radon cc`), and block nesting
 * depth with ESLint `max-depth` semantics. See docs/python-complexity.md.
 */
import { walkScope, type PyNode } from './tree.js';

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

function hasElse(node: PyNode): boolean {
  return node.children.some((c) => c.type === 'else_clause');
}

/** radon: handlers + `else`. A `try`/`except*` (ast.TryStar) is not recognised by radon 5.1.0 and adds 0. */
function tryIncrement(node: PyNode): number {
  const handlers = node.children.filter((c) => c.type === 'except_clause');
  if (handlers.some((h) => h.children.some((c) => c.type === '*'))) return 0;
  return handlers.length + (hasElse(node) ? 1 : 0);
}

const one = (): number => 1;
const loop = (node: PyNode): number => 1 + (hasElse(node) ? 1 : 0);
/** A comprehension's `if`; the `if` guard of a `case` is not counted. */
const comprehensionIf = (node: PyNode): number => (COMPREHENSIONS.has(node.parent?.type ?? '') ? 1 : 0);

/** Decision points per node type (radon: If, IfExp, BoolOp, comprehension, Assert, For/While, Try). */
const INCREMENTS: Record<string, (node: PyNode) => number> = {
  if_statement: one,
  elif_clause: one,
  conditional_expression: one,
  boolean_operator: one,
  for_in_clause: one,
  assert_statement: one,
  if_clause: comprehensionIf,
  for_statement: loop,
  while_statement: loop,
  try_statement: tryIncrement,
};

/**
 * radon `cc` of one function: 1 + decision points of its body. Nested functions and classes are
 * separate blocks (not added); decorators, defaults and annotations are not part of the body;
 * an `assert` counts 1 and its expression is not inspected (radon does not visit it).
 */
export function complexityOf(body: PyNode | undefined): number {
  let total = 1;
  if (!body) return total;
  walkScope(body, (node) => {
    total += INCREMENTS[node.type]?.(node) ?? 0;
    return node.type !== 'assert_statement';
  });
  return total;
}

const NESTING = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement']);
const STRUCTURE = new Set(['block', 'elif_clause', 'else_clause', 'except_clause', 'finally_clause', 'case_clause']);

function deepest(node: PyNode, depth: number): number {
  let max = depth;
  for (const child of node.children) {
    if (NESTING.has(child.type)) max = Math.max(max, deepest(child, depth + 1));
    else if (STRUCTURE.has(child.type)) max = Math.max(max, deepest(child, depth));
  }
  return max;
}

/**
 * Maximum block nesting (ESLint `max-depth`): `if` (its `elif`/`else` stay at the same depth, like
 * JS `else if`), `for`, `while`, `try` (all its clauses), `with` and `match` each add one level.
 * Nested functions and classes have their own depth.
 */
export function maxDepthOf(body: PyNode | undefined): number {
  return body ? deepest(body, 0) : 0;
}

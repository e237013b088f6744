/** Per-function body facts: statements, assertions, unbounded loops, global writes (calls: call-targets.ts). */
import type { Position } from '../../facts/types.js';
import { isDocstringStatement } from './scope.js';
import { fieldChild, positionOf, textOf, walk, walkScope, type PyNode, type Source } from './tree.js';

export const STATEMENTS = new Set([
  'future_import_statement', 'import_statement', 'import_from_statement', 'print_statement', 'assert_statement',
  'expression_statement', 'return_statement', 'delete_statement', 'raise_statement', 'pass_statement',
  'break_statement', 'continue_statement', 'global_statement', 'nonlocal_statement', 'exec_statement',
  'type_alias_statement', 'if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement',
  'function_definition', 'class_definition', 'decorated_definition', 'match_statement',
]);

export interface BodyFacts {
  statements: number;
  assertions: number;
  unboundedLoops: Position[];
  globalWrites: Array<Position & { name: string; lazy?: boolean }>;
}

function unwrap(node: PyNode | undefined): PyNode | undefined {
  let n = node;
  while (n?.type === 'parenthesized_expression') n = n.children.find((c) => c.named && c.type !== 'comment');
  return n;
}

function isUnbounded(src: Source, loop: PyNode): boolean {
  const condition = unwrap(fieldChild(loop, 'condition'));
  if (!condition) return false;
  if (condition.type === 'true') return true;
  return condition.type === 'integer' && Number(textOf(src, condition).replace(/_/g, '')) !== 0;
}

const OPAQUE_TARGETS = new Set(['attribute', 'subscript', 'call']);

/** Identifiers rebound by an assignment target (not attributes or subscripts, which mutate objects). */
function targetNames(src: Source, target: PyNode | undefined): string[] {
  if (!target || OPAQUE_TARGETS.has(target.type)) return [];
  if (target.type === 'identifier') return [textOf(src, target)];
  const names: string[] = [];
  walk(target, (n) => {
    if (n.type === 'identifier') names.push(textOf(src, n));
    return !OPAQUE_TARGETS.has(n.type);
  });
  return names;
}

const BINDINGS: Record<string, string> = {
  assignment: 'left',
  augmented_assignment: 'left',
  named_expression: 'name',
  for_statement: 'left',
};

function declaredGlobals(src: Source, body: PyNode): Set<string> {
  const names = new Set<string>();
  walkScope(body, (n) => {
    if (n.type !== 'global_statement') return;
    for (const id of n.children) if (id.type === 'identifier') names.add(textOf(src, id));
  });
  return names;
}

/** `X is None` or `not X`: the test of a lazy initialisation of `name`. */
function testsUnset(src: Source, test: PyNode | undefined, name: string): boolean {
  while (test?.type === 'parenthesized_expression') test = test.children.find((c) => c.named);
  if (!test) return false;
  const operands = test.children.filter((c) => c.named);
  const isName = (n: PyNode | undefined): boolean => n?.type === 'identifier' && textOf(src, n) === name;
  if (test.type === 'not_operator') return operands.length === 1 && isName(operands[0]);
  if (test.type !== 'comparison_operator' || operands.length !== 2) return false;
  const operators = test.children.filter((c) => !c.named).map((c) => textOf(src, c));
  return operators.join(' ') === 'is' && isName(operands[0]) && operands[1]!.type === 'none';
}

/** `if X is None: X = …` / `if not X: X = …`: the assignment is the only statement of an `if` without `else`. */
function isLazyInit(src: Source, assignment: PyNode, name: string): boolean {
  if (assignment.type !== 'assignment') return false;
  const left = fieldChild(assignment, 'left');
  if (left?.type !== 'identifier' || textOf(src, left) !== name) return false;
  const statement = assignment.parent;
  if (statement?.type !== 'expression_statement') return false;
  const block = statement.parent;
  if (block?.type !== 'block' || block.children.filter((c) => c.named && c.type !== 'comment').length !== 1) return false;
  const branch = block.parent;
  if (branch?.type !== 'if_statement' || block.field !== 'consequence') return false;
  if (branch.children.some((c) => c.field === 'alternative')) return false;
  return testsUnset(src, fieldChild(branch, 'condition'), name);
}

function globalWrites(src: Source, body: PyNode): BodyFacts['globalWrites'] {
  const globals = declaredGlobals(src, body);
  const writes: BodyFacts['globalWrites'] = [];
  if (globals.size === 0) return writes;
  walkScope(body, (n) => {
    const field = BINDINGS[n.type];
    if (!field) return;
    for (const name of targetNames(src, fieldChild(n, field))) {
      if (!globals.has(name)) continue;
      const write: BodyFacts['globalWrites'][number] = { name, ...positionOf(src, n) };
      if (isLazyInit(src, n, name)) write.lazy = true;
      writes.push(write);
    }
  });
  return writes;
}

export function bodyFacts(src: Source, body: PyNode | undefined): BodyFacts {
  const facts: BodyFacts = { statements: 0, assertions: 0, unboundedLoops: [], globalWrites: [] };
  if (!body) return facts;
  walkScope(body, (n) => {
    if (STATEMENTS.has(n.type) && !isDocstringStatement(n)) facts.statements++;
    if (n.type === 'assert_statement') facts.assertions++;
    if (n.type === 'while_statement' && isUnbounded(src, n)) facts.unboundedLoops.push(positionOf(src, n));
  });
  facts.globalWrites = globalWrites(src, body);
  return facts;
}

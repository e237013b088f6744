/** LiteralFact extraction: numbers and strings with the syntactic context rules need. */
import type { LiteralContext, LiteralFact } from '../../facts/types.js';
import { STATEMENTS } from './body.js';
import { isDocstringStatement } from './scope.js';
import { numberValue, stringValue } from './strings.js';
import { fieldChild, nodesOf, ownerOf, positionOf, textOf, type NodeIndex, type PyNode, type Source } from './tree.js';

const UPPER_CASE = /^_*[A-Z][A-Z0-9_]*$/;

/** Expressions a literal can sit in and still be "the value" of its assignment/default/index. */
const TRANSPARENT = new Set([
  'unary_operator', 'parenthesized_expression', 'tuple', 'list', 'set', 'dictionary', 'pair',
  'expression_list', 'slice', 'binary_operator', 'concatenated_string',
]);

function inAnnotation(node: PyNode): boolean {
  for (let p = node.parent; p && !STATEMENTS.has(p.type); p = p.parent) {
    if (p.type === 'type') return true;
  }
  return false;
}

/** `NAME = <value>` (also `NAME: T = ...` and `A = B = ...`) outside any function body. */
function isConstantAssignment(src: Source, assignment: PyNode): boolean {
  let top = assignment;
  while (top.parent?.type === 'assignment' && top.field === 'right') top = top.parent;
  const left = fieldChild(assignment, 'left');
  if (left?.type !== 'identifier' || !UPPER_CASE.test(textOf(src, left))) return false;
  return ownerOf(top)?.type !== 'function_definition';
}

/** Where `child` sits in `parent`, or undefined when the parent is transparent and the climb goes on. */
function placeIn(src: Source, parent: PyNode, child: PyNode): LiteralContext | undefined {
  const place = `${parent.type}.${child.field ?? ''}`;
  if (place === 'default_parameter.value' || place === 'typed_default_parameter.value') return 'default';
  if (place === 'subscript.subscript') return 'index';
  if (place === 'assignment.right') return isConstantAssignment(src, parent) ? 'constant' : 'other';
  return TRANSPARENT.has(parent.type) ? undefined : 'other';
}

function contextOf(src: Source, literal: PyNode): LiteralContext {
  if (inAnnotation(literal)) return 'type';
  let n = literal;
  for (let p = n.parent; p; n = p, p = p.parent) {
    const context = placeIn(src, p, n);
    if (context) return context;
  }
  return 'other';
}

function numberFact(src: Source, node: PyNode): LiteralFact {
  const raw = textOf(src, node);
  const parent = node.parent;
  const negated = parent?.type === 'unary_operator' && parent.children.some((c) => c.field === 'operator' && c.type === '-');
  const outer = negated ? parent : node;
  return {
    ...positionOf(src, outer),
    kind: 'number',
    value: negated ? `-${numberValue(raw)}` : numberValue(raw),
    raw: textOf(src, outer),
    context: contextOf(src, outer),
    ...(negated ? { negative: true } : {}),
  };
}

/** f-strings with interpolations are not constant values and are left out (see docs). */
function stringFact(src: Source, node: PyNode): LiteralFact | undefined {
  const { value, interpolated } = stringValue(src, node);
  if (interpolated) return undefined;
  const docstring = node.parent !== undefined && isDocstringStatement(node.parent);
  return {
    ...positionOf(src, node),
    kind: 'string',
    value,
    raw: textOf(src, node),
    context: contextOf(src, node),
    ...(docstring ? { docstring: true } : {}),
  };
}

/** String literals: whole implicit concatenations, and strings that are not part of one. */
export function stringLiterals(index: NodeIndex): PyNode[] {
  return nodesOf(index, 'string', 'concatenated_string').filter((n) => n.parent?.type !== 'concatenated_string');
}

export function collectLiterals(src: Source, index: NodeIndex): LiteralFact[] {
  const literals: LiteralFact[] = [];
  for (const node of nodesOf(index, 'integer', 'float', 'string', 'concatenated_string')) {
    if (node.type === 'integer' || node.type === 'float') literals.push(numberFact(src, node));
    else if (node.parent?.type !== 'concatenated_string') {
      const fact = stringFact(src, node);
      if (fact) literals.push(fact);
    }
  }
  return literals;
}

import type { LiteralContext, LiteralFact } from '../../facts/types.js';
import { effectiveParent, get, literalKind, TRANSPARENT, type Node } from './ast.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

const LITERAL_NODES = new Set(['Literal']);
const MODULE_SYNTAX = new Set(['ImportDeclaration', 'ExportAllDeclaration', 'TSImportEqualsDeclaration', 'TSImportType']);
/** Type members whose computed key is still a key (classes and objects compute theirs). */
const SIGNATURES = new Set(['TSPropertySignature', 'TSMethodSignature']);

/** `export { a } from 'x'` is module syntax; `export const a = 'x'` holds an ordinary declaration. */
function isModuleSyntax(node: Node): boolean {
  return MODULE_SYNTAX.has(node.type) || (node.type === 'ExportNamedDeclaration' && !node.declaration);
}

/** A key that names a member: `{ 'a': 1 }`, `class { 1() {} }`, but not `{ ['a']: 1 }`. */
function isKey(node: Node, parent: Node): boolean {
  return parent.key === node && (parent.computed !== true || SIGNATURES.has(parent.type));
}

/** Import/export specifiers, `require('x')`/`import('x')` arguments, keys, ids and JSX attribute values are not literals of interest. */
function isSkipped(node: Node, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent || isKey(node, parent) || parent.id === node || parent.type === 'JSXAttribute') return true;
  if (ancestors.some(isModuleSyntax)) return true;
  if (parent.type === 'ImportExpression') return parent.source === node;
  return parent.type === 'CallExpression' && (parent.arguments as Node[])[0] === node && isRequire(get(parent, 'callee'));
}

function isRequire(callee: Node | undefined): boolean {
  return callee?.type === 'Identifier' && callee.name === 'require';
}

/** `'use strict'` and other strings of the directive prologue of a program or function body (ESTree marks their statements). */
function isDirective(node: Node, ancestors: readonly Node[]): boolean {
  const statement = ancestors[ancestors.length - 1];
  return statement?.type === 'ExpressionStatement' && typeof statement.directive === 'string' && statement.expression === node;
}

type ContextRule = (parent: Node, child: Node, above: readonly Node[]) => LiteralContext | undefined;

const CONTEXT_RULES: Record<string, ContextRule> = {
  TSLiteralType: () => 'type',
  VariableDeclarator: (parent, child, above) =>
    get(parent, 'init') === child && above[above.length - 1]?.kind === 'const' ? 'constant' : undefined,
  PropertyDefinition: (parent) =>
    parent.static === true && parent.readonly === true && get(parent, 'key')?.type !== 'PrivateIdentifier' ? 'constant' : undefined,
  AssignmentPattern: (parent, child) => (get(parent, 'right') === child ? 'default' : undefined),
  MemberExpression: (parent, child) => (parent.computed === true && get(parent, 'property') === child ? 'index' : undefined),
};

/** Object and array literals (and `as const`) between a value and the `const` declaration that holds it. */
const CONSTANT_CONTAINERS = new Set(['ObjectExpression', 'Property', 'ArrayExpression', 'BinaryExpression', 'LogicalExpression', 'UnaryExpression', ...TRANSPARENT]);
const UPPER_CASE = /^[A-Z][A-Z0-9_]*$/;

/** Whether `container` holds `child` as a value of a table: a computed key (`{ ['a' + b]: 1 }`) is not one. */
function isContainerOf(container: Node, child: Node | undefined): boolean {
  return CONSTANT_CONTAINERS.has(container.type) && (container.type !== 'Property' || container.key !== child);
}

/** The program, or `export` in front of a declaration in it. */
function isModuleLevel(node: Node | undefined): boolean {
  return node?.type === 'Program' || (node?.type === 'ExportNamedDeclaration' && !!node.declaration);
}

/**
 * `const LIMITS = { low: 10, steps: [5, 20] }`, `const TIMEOUT_MS = 60 * 1000`: literals inside a
 * table or an arithmetic expression that initialises a module-level or UPPER_CASE constant are named
 * by that constant. Inside functions, `const total = price * 1.2` still hides a magic number.
 */
function inConstantTable(target: Node, ancestors: readonly Node[]): boolean {
  let index = ancestors.length - 1;
  while (index >= 0 && isContainerOf(ancestors[index]!, ancestors[index + 1] ?? target)) index--;
  const declarator = ancestors[index];
  const declaration = ancestors[index - 1];
  if (index === ancestors.length - 1 || declarator?.type !== 'VariableDeclarator' || declaration?.kind !== 'const') return false;
  const id = get(declarator, 'id');
  return isModuleLevel(ancestors[index - 2]) || (id?.type === 'Identifier' && UPPER_CASE.test(String(id.name)));
}

function contextOf(target: Node, ancestors: readonly Node[]): LiteralContext {
  const { parent, child, index } = effectiveParent(target, ancestors);
  if (!parent) return 'other';
  const rule = CONTEXT_RULES[parent.type];
  const found = rule ? rule(parent, child, ancestors.slice(0, index)) : undefined;
  if (found) return found;
  if (inConstantTable(target, ancestors)) return 'constant';
  return ancestors.some((a) => a.type === 'TSEnumMember') ? 'enum' : 'other';
}

/** Numbers as `String(value)` (`0x10` -> "16"); BigInts as written, without `n` and separators. */
function numberValue(node: Node): string {
  if (typeof node.bigint === 'string') return String(node.raw).replace(/n$/, '').replace(/_/g, '');
  return String(node.value);
}

/** `-5`: the fact covers the minus sign; position, raw and value include it. */
function negativeFact(node: Node, ancestors: readonly Node[], parsed: ParsedSource): LiteralFact {
  const minus = ancestors[ancestors.length - 1]!;
  const raw = `-${String(node.raw)}`;
  const context = contextOf(minus, ancestors.slice(0, -1));
  return { kind: 'number', value: `-${numberValue(node)}`, raw, context, negative: true, ...parsed.pos(minus.start) };
}

function literalFact(node: Node, isNumber: boolean, ancestors: readonly Node[], parsed: ParsedSource): LiteralFact {
  const parent = ancestors[ancestors.length - 1];
  if (isNumber && parent?.type === 'UnaryExpression' && parent.operator === '-') return negativeFact(node, ancestors, parsed);
  const value = isNumber ? numberValue(node) : String(node.value);
  const raw = typeof node.raw === 'string' ? node.raw : value;
  const fact: LiteralFact = { kind: isNumber ? 'number' : 'string', value, raw, context: contextOf(node, ancestors), ...parsed.start(node) };
  if (!isNumber && isDirective(node, ancestors)) fact.docstring = true;
  return fact;
}

/** Every numeric and string literal with the context it appears in. */
export function literalVisitor(parsed: ParsedSource, out: LiteralFact[]): Visitor {
  return {
    types: LITERAL_NODES,
    enter(node, ancestors) {
      const kind = literalKind(node);
      if (kind !== 'number' && kind !== 'bigint' && kind !== 'string') return;
      if (!isSkipped(node, ancestors)) out.push(literalFact(node, kind !== 'string', ancestors, parsed));
    },
  };
}

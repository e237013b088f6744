import type { LiteralContext, LiteralFact } from '../../facts/types.js';
import { effectiveParent, get, list, TRANSPARENT, type Node } from './ast.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

const NUMBERS = new Set(['NumericLiteral', 'BigIntLiteral']);
const LITERAL_NODES = new Set([...NUMBERS, 'StringLiteral']);
const MODULE_SYNTAX = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'TsImportEqualsDeclaration', 'TsImportType']);
const PROGRAMS = new Set(['Module', 'Script']);

/** Import/export specifiers, `require('x')`/`import('x')` arguments, keys, ids and JSX attribute values are not literals of interest. */
function isSkipped(node: Node, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent || parent.key === node || parent.id === node || parent.type === 'JSXAttribute') return true;
  if (ancestors.some((a) => MODULE_SYNTAX.has(a.type))) return true;
  return parent.type === 'CallExpression' && list(parent, 'arguments')[0] === node && isModuleLoader(get(parent, 'callee'));
}

function isModuleLoader(callee: Node | undefined): boolean {
  return callee?.type === 'Import' || (callee?.type === 'Identifier' && callee.value === 'require');
}

function isStringStatement(statement: Node): boolean {
  return statement.type === 'ExpressionStatement' && get(statement, 'expression')?.type === 'StringLiteral';
}

/** `'use strict'` and other strings of the directive prologue of a program or function body. */
function isDirective(node: Node, ancestors: readonly Node[]): boolean {
  const statement = ancestors[ancestors.length - 1];
  const holder = ancestors[ancestors.length - 2];
  if (!statement || !holder || get(statement, 'expression') !== node || !isStringStatement(statement)) return false;
  const body = list(holder, holder.type === 'FunctionBody' ? 'stmts' : 'body');
  const start = PROGRAMS.has(holder.type) ? 1 : 0; // skip the `;` sentinel
  const end = body.indexOf(statement);
  return end >= start && body.slice(start, end).every(isStringStatement);
}

type ContextRule = (parent: Node, child: Node, above: readonly Node[]) => LiteralContext | undefined;

const CONTEXT_RULES: Record<string, ContextRule> = {
  TsLiteralType: () => 'type',
  VariableDeclarator: (parent, child, above) =>
    get(parent, 'init') === child && above[above.length - 1]?.kind === 'const' ? 'constant' : undefined,
  ClassProperty: (parent) => (parent.isStatic === true && parent.readonly === true ? 'constant' : undefined),
  AssignmentPattern: (parent, child) => (get(parent, 'right') === child ? 'default' : undefined),
  AssignmentPatternProperty: (parent, child) => (get(parent, 'value') === child ? 'default' : undefined),
  Computed: (_parent, _child, above) => (/^(Member|SuperProp)Expression$/.test(above[above.length - 1]?.type ?? '') ? 'index' : undefined),
};

/** Object and array literals (and `as const`) between a value and the `const` declaration that holds it. */
const CONSTANT_CONTAINERS = new Set(['ObjectExpression', 'KeyValueProperty', 'ArrayExpression', 'BinaryExpression', 'UnaryExpression', ...TRANSPARENT]);
const MODULE_LEVEL = new Set(['Module', 'Script', 'ExportDeclaration']);
const UPPER_CASE = /^[A-Z][A-Z0-9_]*$/;

/**
 * `const LIMITS = { low: 10, steps: [5, 20] }`, `const TIMEOUT_MS = 60 * 1000`: literals inside a
 * table or an arithmetic expression that initialises a module-level or UPPER_CASE constant are named
 * by that constant. Inside functions, `const total = price * 1.2` still hides a magic number.
 */
function inConstantTable(ancestors: readonly Node[]): boolean {
  let index = ancestors.length - 1;
  while (index >= 0 && CONSTANT_CONTAINERS.has(ancestors[index]!.type)) index--;
  const declarator = ancestors[index];
  const declaration = ancestors[index - 1];
  if (index === ancestors.length - 1 || declarator?.type !== 'VariableDeclarator' || declaration?.kind !== 'const') return false;
  const id = get(declarator, 'id');
  return MODULE_LEVEL.has(ancestors[index - 2]?.type ?? '') || (id?.type === 'Identifier' && UPPER_CASE.test(String(id.value)));
}

function contextOf(target: Node, ancestors: readonly Node[]): LiteralContext {
  const { parent, child, index } = effectiveParent(target, ancestors);
  if (!parent) return 'other';
  const rule = CONTEXT_RULES[parent.type];
  const found = rule ? rule(parent, child, ancestors.slice(0, index)) : undefined;
  if (found) return found;
  if (inConstantTable(ancestors)) return 'constant';
  return ancestors.some((a) => a.type === 'TsEnumMember') ? 'enum' : 'other';
}

function numberValue(node: Node): string {
  if (node.type === 'BigIntLiteral') return String(node.raw ?? '').replace(/n$/, '').replace(/_/g, '');
  return String(node.value);
}

/** `-5`: the fact covers the minus sign; position, raw and value include it. */
function negativeFact(node: Node, ancestors: readonly Node[], parsed: ParsedSource): LiteralFact {
  const minus = ancestors[ancestors.length - 1]!;
  const raw = `-${String(node.raw ?? node.value)}`;
  const context = contextOf(minus, ancestors.slice(0, -1));
  return { kind: 'number', value: `-${numberValue(node)}`, raw, context, negative: true, ...parsed.pos(minus.span?.start ?? 0) };
}

function literalFact(node: Node, ancestors: readonly Node[], parsed: ParsedSource): LiteralFact {
  const parent = ancestors[ancestors.length - 1];
  const isNumber = NUMBERS.has(node.type);
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
      if (!NUMBERS.has(node.type) && node.type !== 'StringLiteral') return;
      if (!isSkipped(node, ancestors)) out.push(literalFact(node, ancestors, parsed));
    },
  };
}

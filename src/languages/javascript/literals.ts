import type { LiteralContext, LiteralFact } from '../../facts/types.js';
import { effectiveParent, get, list, type Node } from './ast.js';
import type { ParsedSource } from './parse.js';
import { walk } from './walker.js';

const NUMBERS = new Set(['NumericLiteral', 'BigIntLiteral']);
const MODULE_SYNTAX = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'TsImportEqualsDeclaration', 'TsImportType']);
const PROGRAMS = new Set(['Module', 'Script']);

/** Import/export specifiers, `require('x')`/`import('x')` arguments, keys, ids and JSX attribute values are not literals of interest. */
function isSkipped(node: Node, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent) return true;
  if (parent.key === node || parent.id === node || parent.type === 'JSXAttribute') return true;
  if (ancestors.some((a) => MODULE_SYNTAX.has(a.type))) return true;
  if (parent.type !== 'CallExpression' || list(parent, 'arguments')[0] !== node) return false;
  const callee = get(parent, 'callee');
  return callee?.type === 'Import' || (callee?.type === 'Identifier' && callee.value === 'require');
}

/** `'use strict'` and other strings of the directive prologue of a program or function body. */
function isDirective(node: Node, ancestors: readonly Node[]): boolean {
  const statement = ancestors[ancestors.length - 1];
  const holder = ancestors[ancestors.length - 2];
  if (statement?.type !== 'ExpressionStatement' || get(statement, 'expression') !== node || !holder) return false;
  const body = list(holder, holder.type === 'FunctionBody' ? 'stmts' : 'body');
  const start = PROGRAMS.has(holder.type) ? 1 : 0; // skip the `;` sentinel
  for (let i = start; i < body.length; i++) {
    const item = body[i]!;
    if (item === statement) return true;
    if (item.type !== 'ExpressionStatement' || get(item, 'expression')?.type !== 'StringLiteral') return false;
  }
  return false;
}

function contextOf(target: Node, ancestors: readonly Node[]): LiteralContext {
  const { parent, child, index } = effectiveParent(target, ancestors);
  if (!parent) return 'other';
  if (parent.type === 'TsLiteralType') return 'type';
  if (ancestors.some((a) => a.type === 'TsEnumMember')) return 'enum';
  if (parent.type === 'VariableDeclarator' && get(parent, 'init') === child) {
    return ancestors[index - 1]?.kind === 'const' ? 'constant' : 'other';
  }
  if (parent.type === 'ClassProperty' && parent.isStatic === true && parent.readonly === true) return 'constant';
  if (parent.type === 'AssignmentPattern' && get(parent, 'right') === child) return 'default';
  if (parent.type === 'AssignmentPatternProperty' && get(parent, 'value') === child) return 'default';
  const grand = ancestors[index - 1];
  if (parent.type === 'Computed' && (grand?.type === 'MemberExpression' || grand?.type === 'SuperPropExpression')) return 'index';
  return 'other';
}

function numberValue(node: Node): string {
  if (node.type === 'BigIntLiteral') return String(node.raw ?? '').replace(/n$/, '').replace(/_/g, '');
  return String(node.value);
}

function literalFact(node: Node, ancestors: readonly Node[], parsed: ParsedSource): LiteralFact {
  const parent = ancestors[ancestors.length - 1];
  if (NUMBERS.has(node.type) && parent?.type === 'UnaryExpression' && parent.operator === '-') {
    const raw = `-${String(node.raw ?? node.value)}`;
    const context = contextOf(parent, ancestors.slice(0, -1));
    return { kind: 'number', value: `-${numberValue(node)}`, raw, context, negative: true, ...parsed.pos(parent.span?.start ?? 0) };
  }
  const kind = NUMBERS.has(node.type) ? 'number' : 'string';
  const value = kind === 'number' ? numberValue(node) : String(node.value);
  const fact: LiteralFact = { kind, value, raw: String(node.raw ?? value), context: contextOf(node, ancestors), ...parsed.pos(node.span?.start ?? 0) };
  if (kind === 'string' && isDirective(node, ancestors)) fact.docstring = true;
  return fact;
}

/** Every numeric and string literal with the context it appears in. */
export function collectLiterals(parsed: ParsedSource): LiteralFact[] {
  const out: LiteralFact[] = [];
  walk(parsed.program, {
    enter(node, ancestors) {
      if (!NUMBERS.has(node.type) && node.type !== 'StringLiteral') return;
      if (!isSkipped(node, ancestors)) out.push(literalFact(node, ancestors, parsed));
    },
  });
  return out;
}

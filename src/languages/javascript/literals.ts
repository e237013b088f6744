import type { LiteralContext, LiteralFact } from '../../facts/types.js';
import { effectiveParent, get, indexIn, isEmptyList, list, literalKind, memberKeyName, TRANSPARENT, unwrap, type Node } from './ast.js';
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

/** Property names whose values are discriminants of a tagged union (`kind: "object"`, `x._tag === "Some"`). */
const DISCRIMINANTS = new Set(['type', 'kind', '_tag', 'tag', '_type', '_kind', '__typename', 'typeName', 'nodeType', '_op', 'op']);
const EQUALITY = new Set(['===', '!==', '==', '!=']);
const SHIFTS = new Set(['<<', '>>', '>>>', '<<=', '>>=', '>>>=']);
const BITWISE = new Set(['&', '|', '^', '&=', '|=', '^=']);
const FACTORS = new Set(['*', '/', '%', '*=', '/=', '%=']);
const POWERS = new Set(['**', '**=']);
/** Bases whose powers are units: `2 ** 10`, `1024 ** 3`, `10 ** 6`. */
const UNIT_BASES = new Set([2, 10, 1024]);

function isString(node: Node): boolean {
  const value = unwrap(node);
  return value !== undefined && literalKind(value) === 'string';
}

/** `arguments.length === 3`, `args.length < 2`: an arity check counts positional arguments. */
function isArity(node: Node | undefined): boolean {
  const expr = unwrap(node);
  if (expr?.type !== 'MemberExpression' || expr.computed === true || get(expr, 'property')?.name !== 'length') return false;
  const object = get(expr, 'object');
  return object?.type === 'Identifier' && (object.name === 'arguments' || object.name === 'args');
}
/** `switch (args.length) { case 3: ... }`: cases on a length count elements. */
function isLength(node: Node | undefined): boolean {
  const expr = unwrap(node);
  return expr?.type === 'MemberExpression' && expr.computed !== true && get(expr, 'property')?.name === 'length';
}

/**
 * Methods whose numeric arguments (by position; `*` = any) are positions, widths, digits or a radix
 * the method's own name explains: `toString(16)`, `toFixed(2)`, `padStart(2, '0')`, `slice(0, 3)`.
 */
const KNOWN_ARGUMENTS: Record<string, number | '*'> = {
  toString: 0, toFixed: 0, toPrecision: 0, toExponential: 0, padStart: 0, padEnd: 0,
  slice: '*', substring: '*', substr: '*', subarray: '*', splice: '*', at: 0, charAt: 0, charCodeAt: 0, codePointAt: 0,
  parseInt: 1, split: 1, with: 0,
  // the components of a date: `new Date(2020, 11, 31)`, `Date.UTC(...)`, `d.setUTCHours(23, 59, 59)`
  Date: '*', UTC: '*', setHours: '*', setUTCHours: '*', setMinutes: '*', setUTCMinutes: '*', setSeconds: '*', setUTCSeconds: '*',
  setMonth: '*', setUTCMonth: '*', setDate: '*', setUTCDate: '*', setFullYear: '*', setUTCFullYear: '*',
};

/** The member or plain name of a callee: `x.toString` -> toString, `parseInt` -> parseInt. */
function calleeName(callee: Node | undefined): string | undefined {
  const expr = unwrap(callee);
  if (expr?.type === 'Identifier') return String(expr.name);
  if (expr?.type !== 'MemberExpression' || expr.computed === true) return undefined;
  const property = get(expr, 'property');
  return property?.type === 'Identifier' ? String(property.name) : undefined;
}

/** `x.kind`, `x?._tag`, `typeof x`: the expression a discriminant is compared with. */
function isDiscriminant(node: Node | undefined): boolean {
  const expr = unwrap(node?.type === 'ChainExpression' ? get(node, 'expression') : node);
  // `switch ("_tag" in a ? a._tag : undefined)`: a discriminant read behind a guard
  if (expr?.type === 'ConditionalExpression') return isDiscriminant(get(expr, 'consequent')) || isDiscriminant(get(expr, 'alternate'));
  if (expr?.type === 'UnaryExpression') return expr.operator === 'typeof';
  if (expr?.type !== 'MemberExpression') return false;
  const property = get(expr, 'property');
  if (expr.computed === true) return property !== undefined && literalKind(property) === 'string' && DISCRIMINANTS.has(String(property.value));
  return property?.type === 'Identifier' && DISCRIMINANTS.has(String(property.name));
}

function binaryContext(parent: Node, child: Node): LiteralContext | undefined {
  const operator = String(parent.operator);
  const left = get(parent, 'left');
  const other = left === child ? get(parent, 'right') : left;
  if (operator === 'in' && left === child) return literalKind(child) === 'string' ? 'key' : undefined;
  if (!isString(child) && isArity(other)) return 'index';
  if (EQUALITY.has(operator)) return isDiscriminant(other) ? 'tag' : isString(child) && isKeyVariable(other) ? 'key' : undefined;
  if (SHIFTS.has(operator)) return get(parent, 'right') === child ? 'shift' : undefined;
  if (BITWISE.has(operator)) return 'mask';
  if (POWERS.has(operator)) return get(parent, 'right') === child && UNIT_BASES.has(Number(get(parent, 'left')?.value)) ? 'shift' : undefined;
  return FACTORS.has(operator) ? 'factor' : undefined;
}

/** A literal (or a negated one) standing alone: `let retries = 5`, `this.timeout = 600`. */
function isPlainValue(child: Node): boolean {
  const value = unwrap(child);
  return value !== undefined && (value.type === 'Literal' || (value.type === 'UnaryExpression' && value.operator === '-'));
}

/** `Reflect.get(o, "k")`, `Reflect.has(o, "k")`: the object comes first, the property name second. */
function isReflect(callee: Node | undefined): boolean {
  const expr = unwrap(callee);
  const object = expr?.type === 'MemberExpression' ? get(expr, 'object') : undefined;
  return object?.type === 'Identifier' && object.name === 'Reflect';
}

/** `Object.defineProperty(o, "k", d)`, `$(el).attr("href")`, `defineLazy(o, "k", get)`, `Reflect.get(o, "k")`: a string argument that names a property. */
function isKeyArgument(callee: Node | undefined, name: string, position: number): boolean {
  if (isReflect(callee)) return position === 1;
  return KEY_ARGUMENTS[name] === position || (position === 1 && DEFINE_CALL.test(name));
}

function callContext(parent: Node, child: Node): LiteralContext | undefined {
  const position = indexIn(parent, 'arguments', child);
  const callee = get(parent, 'callee');
  const name = calleeName(callee) ?? '';
  if (position < 0) return undefined;
  if (isString(child)) {
    if (isKeyArgument(callee, name, position)) return 'key';
    return CODEC_ARGUMENTS[name] === position ? 'argument' : undefined;
  }
  if (name === 'tag' && position === 0) return 'tag';
  const expected = KNOWN_ARGUMENTS[name];
  if (expected === '*' || expected === position) return 'argument';
  return isScaleArgument(child) ? 'factor' : undefined;
}

const SCALE = /^1(?:000){2,}$/;
/** `nanosToUnit(n, 1_000_000_000)`, `scale(x, 1e6n)`: a power of a thousand from a million up passed along is a unit scale. */
function isScaleArgument(child: Node): boolean {
  const value = unwrap(child);
  if (value?.type !== 'Literal') return false;
  return SCALE.test(numberValue(value));
}

function propertyContext(parent: Node, child: Node, above: readonly Node[]): LiteralContext | undefined {
  if (get(parent, 'value') !== child || above[above.length - 1]?.type !== 'ObjectExpression') return undefined;
  return DISCRIMINANTS.has(memberKeyName(parent)) ? 'tag' : 'named';
}

function switchCaseContext(parent: Node, child: Node, above: readonly Node[]): LiteralContext | undefined {
  const statement = above[above.length - 1];
  if (get(parent, 'test') !== child || statement?.type !== 'SwitchStatement') return undefined;
  const discriminant = get(statement, 'discriminant');
  if (isDiscriminant(discriminant)) return 'tag';
  if (!isString(child) && isLength(discriminant)) return 'index';
  return isString(child) && isKeyVariable(discriminant) ? 'key' : undefined;
}

/** Variables that hold a property name: `key === "$ref"`, `switch (prop) { case "then": }`. */
const KEY_VARIABLES = /^(?:key|prop|property|propName|propertyName|keyword|attr|attribute|field|fieldName)$/;

function isKeyVariable(node: Node | undefined): boolean {
  const expr = unwrap(node);
  return expr?.type === 'Identifier' && KEY_VARIABLES.test(String(expr.name));
}

/** Calls whose string argument at the position is a property name: `Object.defineProperty(o, "k", d)`, `o.hasOwnProperty("k")`. */
const KEY_ARGUMENTS: Record<string, number> = {
  hasOwnProperty: 0, propertyIsEnumerable: 0, hasOwn: 1, defineProperty: 1, getOwnPropertyDescriptor: 1,
  deleteProperty: 1, getAttribute: 0, setAttribute: 0, removeAttribute: 0, hasAttribute: 0,
  // jQuery-style accessors of properties, attributes, data and styles: `$(el).prop("checked")`
  prop: 0, attr: 0, data: 0, css: 0, removeAttr: 0, removeProp: 0, removeData: 0,
};
/** `defineLazy(o, "shape", get)`, `defineGetter(proto, "size", fn)`: helpers that define a named property take its name second. */
const DEFINE_CALL = /^define|Lazy$/;
/** Calls whose string argument at the position names a text encoding: `buf.toString("hex")`, `new TextDecoder("utf-8")`. */
const CODEC_ARGUMENTS: Record<string, number> = { toString: 0, TextDecoder: 0, encode: 0, decode: 0, digest: 0, from: 1, byteLength: 1 };
/** What `typeof` answers: the language's own names for its types, which a constant would only rename. */
const TYPEOF_NAMES = new Set(['string', 'number', 'boolean', 'bigint', 'symbol', 'undefined', 'object', 'function']);

/** Rules that decide from the nearest (non-transparent) parent; a table or enum around it comes first. */
const CONTEXT_RULES: Record<string, ContextRule> = {
  TSLiteralType: () => 'type',
  VariableDeclarator: (parent, child, above) =>
    get(parent, 'init') === child && above[above.length - 1]?.kind === 'const' ? 'constant' : undefined,
  PropertyDefinition: (parent) =>
    parent.static === true && parent.readonly === true && get(parent, 'key')?.type !== 'PrivateIdentifier' ? 'constant' : undefined,
  AssignmentPattern: (parent, child) => (get(parent, 'right') === child ? 'default' : undefined),
  MemberExpression: (parent, child) =>
    parent.computed === true && get(parent, 'property') === child ? (literalKind(child) === 'string' ? 'key' : 'index') : undefined,
  LogicalExpression: (parent, child) => (parent.operator === '??' && get(parent, 'right') === child ? 'default' : undefined),
  BinaryExpression: (parent, child, above) => (isIndexOffset(parent, child, above) ? 'index' : undefined),
};

/** `buf[i + 5]`, `a[n - 2]`: an offset added to the index of a computed member access is an index too. */
function isIndexOffset(parent: Node, child: Node, above: readonly Node[]): boolean {
  if ((parent.operator !== '+' && parent.operator !== '-') || (parent.operator === '-' && get(parent, 'right') !== child)) return false;
  let node = parent;
  for (let index = above.length - 1; index >= 0; index--) {
    const holder = above[index]!;
    if (TRANSPARENT.has(holder.type) || (holder.type === 'BinaryExpression' && (holder.operator === '+' || holder.operator === '-'))) {
      node = holder;
      continue;
    }
    return holder.type === 'MemberExpression' && holder.computed === true && get(holder, 'property') === node;
  }
  return false;
}

/** Rules for the nearest parent that apply only when no constant table holds the literal. */
const LOCAL_RULES: Record<string, ContextRule> = {
  BinaryExpression: binaryContext,
  AssignmentExpression: (parent, child) => {
    if (get(parent, 'right') !== child) return undefined;
    if (parent.operator !== '=') return binaryContext(parent, child);
    if (isString(child) && isDiscriminant(get(parent, 'left'))) return 'tag';
    return isPlainValue(child) ? 'named' : undefined;
  },
  VariableDeclarator: (parent, child) => (get(parent, 'init') === child && isPlainValue(child) ? 'named' : undefined),
  CallExpression: callContext,
  NewExpression: callContext,
  Property: propertyContext,
  SwitchCase: switchCaseContext,
  // `static chunkSize = 512_000`, `timeout = 600`: a class field names its value
  PropertyDefinition: (parent, child) => (get(parent, 'value') === child && isPlainValue(child) ? 'named' : undefined),
  ArrayExpression: (parent) => (isNumberTable(parent) ? 'data' : undefined),
};

/** `[0, 2, 4, 6, 8, 1, 3, 5, 7, 9][digit]`: an array of three or more plain numbers is a lookup table. */
const TABLE_SIZE = 3;
/** Per array, once: asked for each of its elements, the check was quadratic in the array's length. */
const NUMBER_TABLES = new WeakMap<Node, boolean>();
function isNumberTable(array: Node): boolean {
  let table = NUMBER_TABLES.get(array);
  if (table === undefined) {
    const elements = list(array, 'elements');
    table = elements.length >= TABLE_SIZE && elements.every((e) => isPlainValue(e) && !isString(e));
    NUMBER_TABLES.set(array, table);
  }
  return table;
}

/** Expressions between a value and the `const` declaration that holds it, as long as no function intervenes. */
const CONSTANT_CONTAINERS = new Set([
  'ObjectExpression', 'Property', 'ArrayExpression', 'BinaryExpression', 'LogicalExpression', 'UnaryExpression',
  'CallExpression', 'NewExpression', 'ConditionalExpression', 'TemplateLiteral', 'SpreadElement', 'ChainExpression', 'MemberExpression', ...TRANSPARENT,
]);
/** Containers that make the value part of a table rather than the constant's own value. */
const TABLES = new Set(['ObjectExpression', 'ArrayExpression', 'CallExpression', 'NewExpression', 'TemplateLiteral']);
const UPPER_CASE = /^[A-Z][A-Z0-9_]*$/;

/** The nearest ancestor above `ancestors[index]` that is not a transparent wrapper. */
function callAbove(ancestors: readonly Node[], index: number): Node | undefined {
  let above = index - 1;
  while (above >= 0 && TRANSPARENT.has(ancestors[above]!.type)) above--;
  return ancestors[above];
}

/** `(() => ({ ... }))()`: an immediately called arrow with no parameters that returns an expression only wraps it. */
function isThunk(callee: Node | undefined): boolean {
  const expr = unwrap(callee);
  return expr?.type === 'ArrowFunctionExpression' && expr.expression === true && isEmptyList(expr, 'params');
}

/** Whether `container` holds `child` as a value of a table: a computed key (`{ ['a' + b]: 1 }`) or a callee is not one. */
function isContainerOf(container: Node, child: Node | undefined, above: Node | undefined): boolean {
  if (container.type === 'ArrowFunctionExpression') return isThunk(container) && above?.type === 'CallExpression' && unwrap(get(above, 'callee')) === container;
  if (!CONSTANT_CONTAINERS.has(container.type)) return false;
  if (container.type === 'Property') return container.key !== child;
  if (container.type === 'CallExpression' || container.type === 'NewExpression') return get(container, 'callee') !== child || isThunk(child);
  if (container.type === 'ArrowFunctionExpression') return container.expression === true && isEmptyList(container, 'params');
  if (container.type === 'MemberExpression') return get(container, 'object') === child;
  return true;
}

/** The program, or `export` in front of a declaration in it. */
function isModuleLevel(node: Node | undefined): boolean {
  return node?.type === 'Program' || (node?.type === 'ExportNamedDeclaration' && !!node.declaration);
}

/** Whether the declaration at `ancestors[index]` names a constant: `export default`, a module-level or UPPER_CASE `const`. */
function isConstantHolder(ancestors: readonly Node[], index: number): boolean {
  const holder = ancestors[index];
  if (holder?.type === 'ExportDefaultDeclaration') return true;
  if (holder?.type === 'PropertyDefinition') return holder.static === true && holder.readonly === true;
  const declaration = ancestors[index - 1];
  if (holder?.type !== 'VariableDeclarator' || declaration?.kind !== 'const') return false;
  const id = get(holder, 'id');
  return isModuleLevel(ancestors[index - 2]) || (id?.type === 'Identifier' && UPPER_CASE.test(String(id.name)));
}

/** `const sizes = { string: { unit: "chars" } }` in a function: an object or array literal held by any `const` is a table too. */
function isLocalTable(ancestors: readonly Node[], index: number, literalTable: boolean): boolean {
  return literalTable && ancestors[index]?.type === 'VariableDeclarator' && ancestors[index - 1]?.kind === 'const';
}

/**
 * `const LIMITS = { low: 10, steps: [5, 20] }`, `export default [{ code: 404 }]`, `const TIMEOUT_MS = 60 * 1000`:
 * literals inside a table (objects, arrays, call arguments at any depth) or an arithmetic expression
 * that initialises a module-level or UPPER_CASE constant are data named by that constant ('data' for
 * tables, 'constant' for the value itself). A function in between ends the climb: its body is code.
 * Inside functions, `const total = price * 1.2` still hides a magic number.
 */
function constantTable(target: Node, ancestors: readonly Node[]): LiteralContext | undefined {
  let index = ancestors.length - 1;
  let table = false;
  let literalTable = false;
  while (index >= 0 && isContainerOf(ancestors[index]!, ancestors[index + 1] ?? target, callAbove(ancestors, index))) {
    table ||= TABLES.has(ancestors[index]!.type);
    literalTable ||= ancestors[index]!.type === 'ObjectExpression' || ancestors[index]!.type === 'ArrayExpression';
    index--;
  }
  if (index === ancestors.length - 1 || !(isConstantHolder(ancestors, index) || isLocalTable(ancestors, index, literalTable))) return undefined;
  const holder = ancestors[index]!;
  const child = ancestors[index + 1];
  if (holder.type === 'VariableDeclarator' && get(holder, 'init') !== child) return undefined;
  if (holder.type === 'PropertyDefinition' && get(holder, 'value') !== child) return undefined;
  return table ? 'data' : 'constant';
}

function contextOf(target: Node, ancestors: readonly Node[]): LiteralContext {
  const { parent, child, index } = effectiveParent(target, ancestors);
  if (!parent) return 'other';
  const above = ancestors.slice(0, index);
  const rule = CONTEXT_RULES[parent.type];
  const found = rule ? rule(parent, child, above) : undefined;
  if (found) return found;
  const table = constantTable(target, ancestors);
  if (table) return table;
  if (ancestors.some((a) => a.type === 'TSEnumMember')) return 'enum';
  const local = LOCAL_RULES[parent.type];
  const context = (local ? local(parent, child, above) : undefined) ?? 'other';
  return literalKind(target) === 'string' && TYPEOF_NAMES.has(String(target.value)) ? 'tag' : context;
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

/**
 * A literal's context is read from its nearest ancestors only: every climb (module syntax, enum
 * members, constant tables, `a[i + 1 + ...]`) stops there. Climbing all of them took quadratic time
 * on long chains (`1 + 1 + ...` tens of thousands deep); real code decides within a few levels.
 */
const CONTEXT_WINDOW = 64;

/** Every numeric and string literal with the context it appears in. */
export function literalVisitor(parsed: ParsedSource, out: LiteralFact[]): Visitor {
  return {
    types: LITERAL_NODES,
    enter(node, all) {
      const kind = literalKind(node);
      if (kind !== 'number' && kind !== 'bigint' && kind !== 'string') return;
      const ancestors = all.length > CONTEXT_WINDOW ? all.slice(-CONTEXT_WINDOW) : all;
      if (!isSkipped(node, ancestors)) out.push(literalFact(node, kind !== 'string', ancestors, parsed));
    },
  };
}

/**
 * A loose view of the ESTree AST that oxc-parser returns (TS-ESTree for TypeScript). Every node
 * carries a `type` and UTF-16 `start`/`end` offsets. Children come from oxc's visitor keys, so a
 * walk visits exactly the child nodes, in source order.
 */
import { visitorKeys } from 'oxc-parser';

export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The child node stored under `key`, if any. */
export function get(node: Node | undefined, key: string): Node | undefined {
  const value = node?.[key];
  return isNode(value) ? value : undefined;
}

/** The child nodes stored under `key` as an array (holes of sparse arrays skipped). */
export function list(node: Node | undefined, key: string): Node[] {
  const value = node?.[key];
  if (!Array.isArray(value)) return [];
  const out: Node[] = [];
  for (const item of value) if (isNode(item)) out.push(item);
  return out;
}

/** Whether `key` holds no child node: `list(node, key).length === 0` without the copy. */
export function isEmptyList(node: Node | undefined, key: string): boolean {
  const value = node?.[key];
  if (!Array.isArray(value)) return true;
  for (const item of value) if (isNode(item)) return false;
  return true;
}

/** Position of each child in the arrays asked about, built once per array (holes skipped, as `list` does). */
const POSITIONS = new WeakMap<object, Map<Node, number>>();
/** Arrays this short are searched directly: the map would cost more than it saves. */
const SHORT_LIST = 16;

/**
 * `list(node, key).indexOf(child)` in constant time per call: asked for every literal among the
 * 40,000 arguments of one call, copying the list each time was quadratic (issue 30).
 */
export function indexIn(node: Node | undefined, key: string, child: Node): number {
  const value = node?.[key];
  if (!Array.isArray(value)) return -1;
  if (value.length <= SHORT_LIST) {
    let position = 0;
    for (const item of value) {
      if (item === child) return position;
      if (isNode(item)) position++;
    }
    return -1;
  }
  let positions = POSITIONS.get(value);
  if (!positions) {
    positions = new Map();
    for (const item of value) if (isNode(item)) positions.set(item, positions.size);
    POSITIONS.set(value, positions);
  }
  return positions.get(child) ?? -1;
}

export function str(node: Node | undefined, key: string): string | undefined {
  const value = node?.[key];
  return typeof value === 'string' ? value : undefined;
}

const KEYS = visitorKeys as Record<string, readonly string[] | undefined>;

/** Keys of the fields that may hold child nodes, for a type oxc's visitor keys do not know. */
function ownKeys(node: Node): string[] {
  const keys: string[] = [];
  for (const key in node) {
    const value = node[key];
    if (typeof value === 'object' && value !== null) keys.push(key);
  }
  return keys;
}

/**
 * Appends the child nodes of `node` to `out` in source order; returns how many. A shorthand
 * property (`{ a }`, `{ a = 1 }`) holds its name twice, as key and value: only the value is a
 * child, so the name is visited once.
 */
function appendChildren(node: Node, out: Node[]): number {
  const from = out.length;
  const keys = KEYS[node.type] ?? ownKeys(node);
  const skipKey = node.type === 'Property' && node.shorthand === true;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (skipKey && key === 'key') continue;
    const value = node[key];
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (isNode(item)) out.push(item);
      }
    } else if (isNode(value)) out.push(value);
  }
  // Visitor keys follow source order but for a few types (a template literal's quasis and expressions).
  if (!isSorted(out, from)) sortFrom(out, from);
  return out.length - from;
}

/** Child nodes in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  appendChildren(node, out);
  return out;
}

/**
 * Pushes the child nodes of `node` on a walk's stack, last child first (so they pop in source
 * order), without an intermediate array; returns how many.
 */
export function pushChildren(node: Node, stack: Node[]): number {
  const from = stack.length;
  const count = appendChildren(node, stack);
  for (let i = from, j = stack.length - 1; i < j; i++, j--) {
    const swap = stack[i]!;
    stack[i] = stack[j]!;
    stack[j] = swap;
  }
  return count;
}

function isSorted(nodes: Node[], from: number): boolean {
  for (let i = from + 1; i < nodes.length; i++) if (nodes[i - 1]!.start > nodes[i]!.start) return false;
  return true;
}

function sortFrom(nodes: Node[], from: number): void {
  const sorted = nodes.slice(from).sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) nodes[from + i] = sorted[i]!;
}

/** Expression wrappers that do not change what an expression is (parentheses, TS casts, `!`). */
export const TRANSPARENT = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion']);

export function unwrap(node: Node | undefined): Node | undefined {
  let current = node;
  while (current && TRANSPARENT.has(current.type)) current = get(current, 'expression');
  return current;
}

/** The nearest ancestor that is not a transparent wrapper, with the node directly below it. */
export function effectiveParent(node: Node, ancestors: readonly Node[]): { parent?: Node; child: Node; index: number } {
  let child = node;
  let index = ancestors.length - 1;
  while (index >= 0 && TRANSPARENT.has(ancestors[index]!.type)) {
    child = ancestors[index]!;
    index--;
  }
  return { parent: ancestors[index], child, index };
}

/** The name of an `Identifier`, `PrivateIdentifier` or `JSXIdentifier`. */
export function nameOf(node: Node | undefined): string | undefined {
  const name = node?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Whether a `Literal` node is a string, a number, ... (ESTree has one `Literal` type for all). */
export function literalKind(node: Node): 'string' | 'number' | 'boolean' | 'null' | 'regexp' | 'bigint' | undefined {
  if (node.type !== 'Literal') return undefined;
  if (node.regex) return 'regexp';
  if (typeof node.bigint === 'string') return 'bigint';
  const value = node.value;
  if (value === null) return 'null';
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' ? kind : undefined;
}

/**
 * Name of an identifier-like key (`a`, `'a'`, `1`, `#a`); `<computed>` for computed keys
 * (`computed` is the flag of the node holding the key: Property, MethodDefinition, ...).
 */
export function keyName(key: Node | undefined, computed = false): string {
  if (!key) return '<anonymous>';
  if (computed) return '<computed>';
  if (key.type === 'Identifier') return String(key.name);
  if (key.type === 'PrivateIdentifier') return `#${String(key.name)}`;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return '<computed>';
}

/** `keyName` of the key of a Property, MethodDefinition, PropertyDefinition, ... */
export function memberKeyName(member: Node): string {
  return keyName(get(member, 'key'), member.computed === true);
}

/** Dotted text of `a.b.c` / `this.x` chains; undefined for anything else. */
export function dottedName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return String(node.name);
  if (node.type === 'ThisExpression') return 'this';
  if (node.type !== 'MemberExpression' || node.computed === true) return undefined;
  const object = dottedName(get(node, 'object'));
  const property = get(node, 'property');
  if (!object || !property || property.type !== 'Identifier') return undefined;
  return `${object}.${String(property.name)}`;
}

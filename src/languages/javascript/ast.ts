/**
 * A loose view of the swc AST (`@swc/core` parseSync JSON). Every node carries a `type`;
 * some objects in the tree carry no `type` (e.g. `ExprOrSpread`, the `function` of a class
 * method): they are flattened away, so their fields appear as children of the enclosing node.
 */
export interface SwcSpan {
  start: number;
  end: number;
}

export interface Node {
  type: string;
  span?: SwcSpan;
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

/** The child nodes stored under `key` as an array (elements of `ExprOrSpread` are unwrapped). */
export function list(node: Node | undefined, key: string): Node[] {
  const value = node?.[key];
  if (!Array.isArray(value)) return [];
  const out: Node[] = [];
  for (const item of value) {
    if (isNode(item)) out.push(item);
    else if (item && typeof item === 'object' && isNode((item as { expression?: unknown }).expression)) {
      out.push((item as { expression: Node }).expression);
    }
  }
  return out;
}

export function str(node: Node | undefined, key: string): string | undefined {
  const value = node?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Appends the nodes inside `value` (a field of a node): a node itself, the nodes of an array,
 * or the nodes inside a typeless holder (`ExprOrSpread`, a method's `function`). Spans are skipped.
 */
function collect(value: object, out: Node[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) collect(item, out);
    }
    return;
  }
  if (typeof (value as { type?: unknown }).type === 'string') {
    out.push(value as Node);
    return;
  }
  if ('start' in value && 'end' in value) return; // a span
  collectFields(value as Record<string, unknown>, out);
}

function collectFields(holder: Record<string, unknown>, out: Node[]): void {
  for (const key in holder) {
    if (key === 'span') continue;
    const value = holder[key];
    if (typeof value === 'object' && value !== null) collect(value, out);
  }
}

/** Start byte position of a node (nodes without a span, like `KeyValueProperty`, use their first child). */
export function startOf(node: Node): number {
  if (node.span) return node.span.start;
  const kids = children(node);
  return kids.length > 0 ? startOf(kids[0]!) : 0;
}

export function endOf(node: Node): number {
  if (node.span) return node.span.end;
  const kids = children(node);
  return kids.length > 0 ? endOf(kids[kids.length - 1]!) : 0;
}

/**
 * Child nodes in source order, computed on each call: caching them on the node (a property
 * added to every parsed object) costs more than the `for...in` over a node's few fields.
 */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  collectFields(node, out);
  if (!isSorted(out)) out.sort((a, b) => startOf(a) - startOf(b));
  return out;
}

function isSorted(nodes: Node[]): boolean {
  for (let i = 1; i < nodes.length; i++) if (startOf(nodes[i - 1]!) > startOf(nodes[i]!)) return false;
  return true;
}

/** Expression wrappers that do not change what an expression is (parentheses, TS casts). */
export const TRANSPARENT = new Set([
  'ParenthesisExpression',
  'TsAsExpression',
  'TsSatisfiesExpression',
  'TsNonNullExpression',
  'TsConstAssertion',
  'TsTypeAssertion',
]);

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

/** Name of an identifier-like key (`a`, `'a'`, `1`, `#a`); `<computed>` for computed keys. */
export function keyName(key: Node | undefined): string {
  if (!key) return '<anonymous>';
  if (key.type === 'Identifier' || key.type === 'StringLiteral') return String(key.value);
  if (key.type === 'NumericLiteral') return String(key.value);
  if (key.type === 'PrivateName') return `#${String(key.value)}`;
  return '<computed>';
}

/** Dotted text of `a.b.c` / `this.x` chains; undefined for anything else. */
export function dottedName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return String(node.value);
  if (node.type === 'ThisExpression') return 'this';
  if (node.type !== 'MemberExpression') return undefined;
  const object = dottedName(get(node, 'object'));
  const property = get(node, 'property');
  if (!object || !property || property.type !== 'Identifier') return undefined;
  return `${object}.${String(property.value)}`;
}

import { dottedName, effectiveParent, get, keyName, list, type Node } from './ast.js';

const FLAT_FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'MethodProperty', 'Constructor']);
const WRAPPED_FUNCTIONS = new Set(['ClassMethod', 'PrivateMethod', 'GetterProperty', 'SetterProperty']);
const CLASS_MEMBERS = new Set(['ClassMethod', 'PrivateMethod', 'Constructor']);
export const CLASS_NODES = new Set(['ClassDeclaration', 'ClassExpression']);

/** Nodes that own their own code path (ESLint function scope). */
export function isFunctionLike(node: Node): boolean {
  return FLAT_FUNCTIONS.has(node.type) || WRAPPED_FUNCTIONS.has(node.type);
}

/** The object holding params/body/returnType: the node itself, or its `function` for class/accessor methods. */
export function functionCore(node: Node): Node {
  const core = WRAPPED_FUNCTIONS.has(node.type) ? node.function : undefined;
  // swc's `Function` object carries no `type`, so it is not a Node for `get`.
  return typeof core === 'object' && core !== null ? (core as Node) : node;
}

/** A function with a body (not an overload signature, `declare function` or abstract method). */
export function hasBody(node: Node): boolean {
  return get(functionCore(node), 'body') !== undefined;
}

/** Parameter nodes (without a TS `this` parameter, which swc keeps in `thisParam`). */
export function functionParams(node: Node): Node[] {
  const core = functionCore(node);
  const params = list(core, 'params');
  if (params.length > 0) return params;
  const single = get(core, 'param');
  return single ? [single] : [];
}

export function functionBody(node: Node): Node | undefined {
  return get(functionCore(node), 'body');
}

export interface FunctionNaming {
  name: string;
  className?: string;
  /** Simple name used to detect direct recursion (`f(...)`). */
  selfName?: string;
  /** Method name used to detect `this.m(...)` recursion. */
  methodName?: string;
}

/** Name of a class: its identifier, else the variable/property it is assigned to. */
export function className(cls: Node, ancestors: readonly Node[]): string {
  const id = get(cls, 'identifier');
  if (id) return String(id.value);
  return assignedName(cls, ancestors) ?? '<anonymous>';
}

/** `const x = <node>`, `{ x: <node> }`, `a.b = <node>`, `class C { x = <node> }`, `(x = <node>) =>`. */
export function assignedName(node: Node, ancestors: readonly Node[]): string | undefined {
  const { parent, child, index } = effectiveParent(node, ancestors);
  const namer = parent ? NAMERS[parent.type] : undefined;
  return namer ? namer(parent!, child, ancestors.slice(0, index)) : undefined;
}

type Namer = (parent: Node, child: Node, above: readonly Node[]) => string | undefined;

const bindingName: Namer = (parent, child) => {
  const target = get(parent, 'id') ?? get(parent, 'left');
  const value = get(parent, 'init') ?? get(parent, 'right');
  return target?.type === 'Identifier' && value === child ? String(target.value) : undefined;
};

const fieldName: Namer = (parent, _child, above) => {
  const cls = above[above.length - 1];
  const owner = cls ? className(cls, above.slice(0, -1)) : '<anonymous>';
  return `${owner}.${keyName(get(parent, 'key'))}`;
};

const NAMERS: Record<string, Namer> = {
  VariableDeclarator: bindingName,
  AssignmentPattern: bindingName,
  AssignmentExpression: (parent, child) => (get(parent, 'right') === child ? dottedName(get(parent, 'left')) : undefined),
  KeyValueProperty: (parent, child) => (get(parent, 'value') === child ? keyName(get(parent, 'key')) : undefined),
  ClassProperty: fieldName,
  PrivateProperty: fieldName,
};

export function functionNaming(node: Node, ancestors: readonly Node[]): FunctionNaming {
  if (CLASS_MEMBERS.has(node.type)) {
    const cls = ancestors[ancestors.length - 1];
    const owner = cls ? className(cls, ancestors.slice(0, -1)) : '<anonymous>';
    const method = node.type === 'Constructor' ? 'constructor' : keyName(get(node, 'key'));
    return { name: `${owner}.${method}`, className: owner, methodName: method };
  }
  if (node.type === 'MethodProperty' || node.type === 'GetterProperty' || node.type === 'SetterProperty') {
    const method = keyName(get(node, 'key'));
    return { name: method, methodName: method };
  }
  const declared = get(node, 'identifier');
  if (declared) return { name: String(declared.value), selfName: String(declared.value) };
  const assigned = assignedName(node, ancestors);
  if (!assigned) return { name: '<anonymous>' };
  const simple = assigned.slice(assigned.lastIndexOf('.') + 1);
  return assigned.includes('.') ? { name: assigned, methodName: simple } : { name: assigned, selfName: assigned };
}

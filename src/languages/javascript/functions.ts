import { dottedName, effectiveParent, get, list, memberKeyName, nameOf, type Node } from './ast.js';

/** Functions whose own node holds params/body (TSDeclareFunction: an overload or `declare function`, without body). */
const FLAT_FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'TSDeclareFunction']);
/** Class members whose `value` is the function (abstract methods and overloads: a value without body). */
const CLASS_MEMBERS = new Set(['MethodDefinition', 'TSAbstractMethodDefinition']);
export const CLASS_NODES = new Set(['ClassDeclaration', 'ClassExpression']);

/** `{ m() {} }`, `{ get x() {} }`, `{ set x(v) {} }`: a property whose `value` is the function. */
function isObjectMethod(node: Node): boolean {
  return node.type === 'Property' && (node.method === true || node.kind !== 'init');
}

/** Class and object methods: the function is their `value`, but the method (key included) is the function. */
function isMethod(node: Node): boolean {
  return CLASS_MEMBERS.has(node.type) || isObjectMethod(node);
}

/**
 * Nodes that own their own code path (ESLint function scope). A method is one function: the
 * method node is function-like, the FunctionExpression in its `value` is not a second one for
 * the extractor (see `isMethodValue`).
 */
export function isFunctionLike(node: Node): boolean {
  return FLAT_FUNCTIONS.has(node.type) || isMethod(node);
}

/** Whether `node` is the `value` of a method (`parent`), i.e. the function of a method already counted. */
export function isMethodValue(node: Node, parent: Node | undefined): boolean {
  return parent !== undefined && parent.value === node && isMethod(parent);
}

/** The node holding params/body/returnType: the node itself, or the `value` of a method. */
export function functionCore(node: Node): Node {
  return isMethod(node) ? (get(node, 'value') ?? node) : node;
}

/** A function with a body (not an overload signature, `declare function` or abstract method). */
export function hasBody(node: Node): boolean {
  return get(functionCore(node), 'body') !== undefined;
}

function isThisParam(param: Node | undefined): boolean {
  return param?.type === 'Identifier' && param.name === 'this';
}

/** The TS `this` parameter (`function f(this: T)`), which ESTree keeps as the first of the params. */
export function thisParam(core: Node): Node | undefined {
  const first = list(core, 'params')[0];
  return isThisParam(first) ? first : undefined;
}

/** Parameter nodes, without a TS `this` parameter. */
export function functionParams(node: Node): Node[] {
  const params = list(functionCore(node), 'params');
  return isThisParam(params[0]) ? params.slice(1) : params;
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
  const id = nameOf(get(cls, 'id'));
  if (id !== undefined) return id;
  return assignedName(cls, ancestors) ?? '<anonymous>';
}

/** The class owning a member whose parent (the ClassBody) is the last of `ancestors`. */
function ownerOfMember(ancestors: readonly Node[]): string {
  const cls = ancestors[ancestors.length - 2];
  return cls ? className(cls, ancestors.slice(0, -2)) : '<anonymous>';
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
  return target?.type === 'Identifier' && value === child ? String(target.name) : undefined;
};

const NAMERS: Record<string, Namer> = {
  VariableDeclarator: bindingName,
  AssignmentPattern: bindingName,
  AssignmentExpression: (parent, child) => (get(parent, 'right') === child ? dottedName(get(parent, 'left')) : undefined),
  Property: (parent, child) => (get(parent, 'value') === child ? memberKeyName(parent) : undefined),
  PropertyDefinition: (parent, _child, above) => `${ownerOfMember(above)}.${memberKeyName(parent)}`,
};

export function functionNaming(node: Node, ancestors: readonly Node[]): FunctionNaming {
  if (CLASS_MEMBERS.has(node.type)) {
    const owner = ownerOfMember(ancestors);
    const method = memberKeyName(node);
    return { name: `${owner}.${method}`, className: owner, methodName: method };
  }
  if (isObjectMethod(node)) {
    const method = memberKeyName(node);
    return { name: method, methodName: method };
  }
  const declared = nameOf(get(node, 'id'));
  if (declared !== undefined) return { name: declared, selfName: declared };
  const assigned = assignedName(node, ancestors);
  if (!assigned) return { name: '<anonymous>' };
  const simple = assigned.slice(assigned.lastIndexOf('.') + 1);
  return assigned.includes('.') ? { name: assigned, methodName: simple } : { name: assigned, selfName: assigned };
}

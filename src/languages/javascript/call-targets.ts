/**
 * Resolves the calls of each function to the functions of the file they reach, by scope
 * (FunctionFact.callees, recursionLines). A call binds to the innermost visible declaration:
 * a parameter or local shadows an outer function of the same name, an imported or reassigned
 * name is no function of this file. `this.m()` reaches a method of the class (or object literal)
 * that owns the `this` (arrows share their parent's `this`, a nested `function` has its own);
 * `ClassName.m()` reaches a static method; in a function assigned to `X.prototype.m`, `this.n()`
 * reaches the function assigned to `X.prototype.n`. Scopes are approximated at function level (a `let`
 * in a block shadows in the whole function), like `declaredNames`.
 */
import type { FunctionFact } from '../../facts/types.js';
import { get, list, memberKeyName, nameOf, unwrap, type Node } from './ast.js';
import { CLASS_NODES, functionBody, functionParams, hasBody, isFunctionLike, isMethodValue } from './functions.js';
import type { ParsedSource } from './parse.js';
import { patternIdentifiers } from './scope.js';
import { walk } from './walker.js';

const FUNCTION_VALUES = new Set(['FunctionExpression', 'ArrowFunctionExpression']);

interface Binding {
  /** Function nodes (with a body) or one class node the name stands for; empty: something else. */
  targets: Node[];
  other: boolean;
  written: boolean;
}

type Scope = Map<string, Binding>;

type This =
  | { kind: 'class'; body: Node; isStatic: boolean }
  | { kind: 'object'; object: Node }
  | { kind: 'prototype'; owner: string }
  | undefined;

/** `X.prototype.m` -> `X.m` (non-computed members only). */
function prototypeKey(left: Node | undefined): string | undefined {
  const target = unwrap(left);
  if (target?.type !== 'MemberExpression' || target.computed === true) return undefined;
  const proto = unwrap(get(target, 'object'));
  if (proto?.type !== 'MemberExpression' || proto.computed === true || nameOf(get(proto, 'property')) !== 'prototype') return undefined;
  const owner = nameOf(unwrap(get(proto, 'object')));
  const method = nameOf(get(target, 'property'));
  return owner !== undefined && method !== undefined ? `${owner}.${method}` : undefined;
}

function bind(scope: Scope, name: string, target?: Node): void {
  const binding = scope.get(name) ?? { targets: [], other: false, written: false };
  if (target) binding.targets.push(target);
  else binding.other = true;
  scope.set(name, binding);
}

function declare(node: Node, scope: Scope): void {
  switch (node.type) {
    case 'FunctionDeclaration': {
      const name = nameOf(get(node, 'id'));
      if (name !== undefined) bind(scope, name, node);
      return;
    }
    case 'TSDeclareFunction': {
      // An overload signature declares the name; `declare function` alone shadows with nothing.
      const name = nameOf(get(node, 'id'));
      if (name !== undefined && !scope.has(name)) scope.set(name, { targets: [], other: false, written: false });
      return;
    }
    case 'ClassDeclaration': {
      const name = nameOf(get(node, 'id'));
      if (name !== undefined) bind(scope, name, node);
      return;
    }
    case 'VariableDeclarator': {
      const id = get(node, 'id');
      const init = unwrap(get(node, 'init'));
      const isValue = init && ((FUNCTION_VALUES.has(init.type) && hasBody(init)) || CLASS_NODES.has(init.type));
      if (id?.type === 'Identifier' && isValue) bind(scope, String(id.name), init);
      else for (const ident of patternIdentifiers(id)) bind(scope, String(ident.name));
      return;
    }
    case 'CatchClause':
      for (const ident of patternIdentifiers(get(node, 'param'))) bind(scope, String(ident.name));
      return;
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      bind(scope, String(nameOf(get(node, 'local')) ?? ''));
      return;
    case 'TSImportEqualsDeclaration':
    case 'TSEnumDeclaration':
    case 'TSModuleDeclaration': {
      const name = nameOf(get(node, 'id'));
      if (name !== undefined) bind(scope, name);
      return;
    }
    default:
  }
}

/** The declarations of one code path (program or function), not looking into nested functions. */
function scopeOf(root: Node, isProgram: boolean): Scope {
  const scope: Scope = new Map();
  if (!isProgram) for (const param of functionParams(root)) for (const id of patternIdentifiers(param)) bind(scope, String(id.name));
  const body = isProgram ? root : functionBody(root);
  if (!body) return scope;
  walk(body, {
    enter(node) {
      if (isFunctionLike(node)) {
        declare(node, scope);
        return false;
      }
      declare(node, scope);
      return undefined;
    },
  });
  return scope;
}

/** The class body or object literal whose `this` a non-arrow function (or class field) sees. */
function thisOf(node: Node, ancestors: readonly Node[], inherited: This): This {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'PropertyDefinition' && get(parent, 'value') === node) return thisOf(parent, ancestors.slice(0, -1), inherited);
  if (node.type === 'ArrowFunctionExpression') return inherited;
  if ((node.type === 'MethodDefinition' || node.type === 'PropertyDefinition' || node.type === 'StaticBlock') && parent?.type === 'ClassBody') {
    return { kind: 'class', body: parent, isStatic: node.type === 'StaticBlock' || node.static === true };
  }
  if (node.type === 'Property' && parent?.type === 'ObjectExpression') return { kind: 'object', object: parent };
  if (node.type === 'FunctionExpression' && parent?.type === 'AssignmentExpression' && get(parent, 'right') === node) {
    const key = prototypeKey(get(parent, 'left'));
    return key === undefined ? undefined : { kind: 'prototype', owner: key.slice(0, key.lastIndexOf('.')) };
  }
  if (node.type === 'FunctionExpression' && parent?.type === 'Property' && get(parent, 'value') === node) {
    const object = ancestors[ancestors.length - 2];
    return object?.type === 'ObjectExpression' ? { kind: 'object', object } : undefined;
  }
  return undefined;
}

/** A callable member `name` of a class body (methods and function-valued fields, not accessors). */
function classMember(body: Node, name: string, isStatic: boolean): Node[] {
  const out: Node[] = [];
  for (const member of list(body, 'body')) {
    if ((member.static === true) !== isStatic || member.computed === true || memberKeyName(member) !== name) continue;
    if (member.type === 'MethodDefinition') {
      if (member.kind === 'method' && hasBody(member)) out.push(member);
      continue;
    }
    const value = unwrap(get(member, 'value'));
    if (member.type === 'PropertyDefinition' && value && FUNCTION_VALUES.has(value.type) && hasBody(value)) out.push(value);
  }
  return out;
}

/** A callable property `name` of an object literal (methods and function values, not accessors). */
function objectMember(object: Node, name: string): Node[] {
  const out: Node[] = [];
  for (const property of list(object, 'properties')) {
    if (property.type !== 'Property' || property.computed === true || property.kind !== 'init' || memberKeyName(property) !== name) continue;
    if (property.method === true) out.push(property);
    else {
      const value = unwrap(get(property, 'value'));
      if (value && FUNCTION_VALUES.has(value.type) && hasBody(value)) out.push(value);
    }
  }
  return out;
}

interface Context {
  node: Node;
  /** Index of the FunctionFact of this code path, when it has one. */
  fact?: number;
  scopes: Scope[];
  self: This;
  /** `X.m` -> functions assigned to `X.prototype.m` in this file. */
  prototypes: ReadonlyMap<string, Node[]>;
}

interface Site {
  caller: number;
  line: number;
  binding?: Binding;
  members?: Node[];
}

function lookup(scopes: readonly Scope[], name: string): Binding | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const binding = scopes[i]!.get(name);
    if (binding) return binding;
  }
  return undefined;
}

function classBodyOf(binding: Binding | undefined): Node | undefined {
  if (!binding || binding.other || binding.written || binding.targets.length !== 1) return undefined;
  const target = binding.targets[0]!;
  return CLASS_NODES.has(target.type) ? get(target, 'body') : undefined;
}

/** What a callee reaches: a binding (plain name) or members (this.m, Class.m). */
function siteOf(callee: Node | undefined, context: Context): Omit<Site, 'caller' | 'line'> | undefined {
  const target = unwrap(callee);
  if (target?.type === 'Identifier') {
    const binding = lookup(context.scopes, String(target.name));
    return binding ? { binding } : undefined;
  }
  if (target?.type !== 'MemberExpression' || target.computed === true) return undefined;
  const name = memberKeyName({ ...target, key: get(target, 'property') } as Node);
  const object = unwrap(get(target, 'object'));
  if (object?.type === 'ThisExpression') {
    const self = context.self;
    if (self?.kind === 'class') return { members: classMember(self.body, name, self.isStatic) };
    if (self?.kind === 'object') return { members: objectMember(self.object, name) };
    if (self?.kind === 'prototype') return { members: context.prototypes.get(`${self.owner}.${name}`) ?? [] };
    return undefined;
  }
  if (object?.type === 'Identifier') {
    const body = classBodyOf(lookup(context.scopes, String(object.name)));
    return body ? { members: classMember(body, name, true) } : undefined;
  }
  return undefined;
}

function markWrites(node: Node, scopes: readonly Scope[]): void {
  const target = node.type === 'AssignmentExpression' ? get(node, 'left') : node.type === 'UpdateExpression' ? get(node, 'argument') : undefined;
  for (const id of patternIdentifiers(target)) {
    const binding = lookup(scopes, String(id.name));
    if (binding) binding.written = true;
  }
}

/** Target nodes of a site: none for a name bound to something other than functions. */
function targetsOf(site: Site, callerNode: Node): Node[] {
  if (site.members) return site.members;
  const binding = site.binding!;
  if (binding.other || binding.written) return [];
  const functions = binding.targets.filter((t) => !CLASS_NODES.has(t.type));
  // Redeclarations (`function f` in two branches): the caller itself, if it is one of them.
  return functions.includes(callerNode) ? [callerNode] : functions;
}

/**
 * Fills `callees` and `recursionLines` of `functions` (sorted by position); `nodes[i]` is the
 * node of `functions[i]` (the method node for methods).
 */
export function resolveCalls(parsed: ParsedSource, functions: readonly FunctionFact[], nodes: readonly Node[]): void {
  const indexOf = new Map<Node, number>();
  nodes.forEach((node, i) => indexOf.set(node, i));
  const prototypes = new Map<string, Node[]>();
  walk(parsed.program, {
    enter(node) {
      if (node.type !== 'AssignmentExpression') return undefined;
      const key = prototypeKey(get(node, 'left'));
      const right = get(node, 'right');
      if (key !== undefined && right?.type === 'FunctionExpression' && hasBody(right)) prototypes.set(key, [...(prototypes.get(key) ?? []), right]);
      return undefined;
    },
  });
  const contexts: Context[] = [{ node: parsed.program, scopes: [scopeOf(parsed.program, true)], self: undefined, prototypes }];
  const sites: Site[] = [];
  walk(parsed.program, {
    enter(node, ancestors) {
      const top = contexts[contexts.length - 1]!;
      const parent = ancestors[ancestors.length - 1];
      if (node.type === 'CallExpression' && top.fact !== undefined) {
        const site = siteOf(get(node, 'callee'), top);
        if (site) sites.push({ ...site, caller: top.fact, line: parsed.pos(node.start).line });
      } else if (node.type === 'AssignmentExpression' || node.type === 'UpdateExpression') markWrites(node, top.scopes);
      if (isFunctionLike(node) && !isMethodValue(node, parent)) {
        const scopes = [...top.scopes];
        const ownName = node.type === 'FunctionExpression' ? nameOf(get(node, 'id')) : undefined;
        if (ownName !== undefined && hasBody(node)) scopes.push(new Map([[ownName, { targets: [node], other: false, written: false }]]));
        scopes.push(scopeOf(node, false));
        contexts.push({ node, fact: indexOf.get(node), scopes, self: thisOf(node, ancestors, top.self), prototypes });
      } else if (CLASS_NODES.has(node.type) && nameOf(get(node, 'id')) !== undefined) {
        const scope: Scope = new Map([[nameOf(get(node, 'id'))!, { targets: [node], other: false, written: false }]]);
        contexts.push({ node, fact: top.fact, scopes: [...top.scopes, scope], self: top.self, prototypes });
      } else if ((parent?.type === 'PropertyDefinition' && get(parent, 'value') === node) || node.type === 'StaticBlock') {
        contexts.push({ node, scopes: top.scopes, self: thisOf(node, ancestors, top.self), prototypes });
      }
      return undefined;
    },
    leave(node) {
      if (contexts.length > 1 && contexts[contexts.length - 1]!.node === node) contexts.pop();
    },
  });
  const callees = functions.map(() => new Set<number>());
  for (const site of sites) {
    for (const target of targetsOf(site, nodes[site.caller]!)) {
      const index = indexOf.get(target);
      if (index === undefined) continue;
      if (index === site.caller) functions[index]!.recursionLines.push(site.line);
      else callees[site.caller]!.add(index);
    }
  }
  functions.forEach((fn, i) => {
    fn.callees = [...callees[i]!].sort((a, b) => a - b);
  });
}

/**
 * Resolves the calls of each function to the functions of the file they reach, by Python's
 * scoping (FunctionFact.callees, recursionLines). A call `f()` binds to the innermost function
 * scope (or the module) that binds `f`: parameters, assignments, `for`/`with`/`except` targets,
 * imports, nested `def`/`class`; `global`/`nonlocal` defer to the module/enclosing function.
 * Class bodies are not visible from their methods. A name bound to anything but `def`s
 * (an import, an assignment) is no function of this file. `self.m()`/`cls.m()` reaches a method
 * of the class whose method receives that `self`/`cls`; `Foo.m()` reaches a method of class `Foo`.
 */
import type { FunctionFact } from '../../facts/types.js';
import { directClassOf } from './scope.js';
import { fieldChild, fieldChildren, positionOf, textOf, walk, walkScope, type PyNode, type Source } from './tree.js';

interface Binding {
  /** `function_definition`/`class_definition` nodes the name stands for. */
  targets: PyNode[];
  /** Also bound to something else (an import, an assignment, a parameter). */
  other: boolean;
}

type Scope = Map<string, Binding>;

const OPAQUE_TARGETS = new Set(['attribute', 'subscript', 'call']);

function bind(scope: Scope, name: string, target?: PyNode): void {
  const binding = scope.get(name) ?? { targets: [], other: false };
  if (target) binding.targets.push(target);
  else binding.other = true;
  scope.set(name, binding);
}

/** Identifiers bound by an assignment-like target (not attributes or subscripts). */
function targetNames(src: Source, target: PyNode | undefined): string[] {
  if (!target || OPAQUE_TARGETS.has(target.type)) return [];
  if (target.type === 'identifier') return [textOf(src, target)];
  const names: string[] = [];
  walk(target, (n) => {
    if (n.type === 'identifier') names.push(textOf(src, n));
    return !OPAQUE_TARGETS.has(n.type);
  });
  return names;
}

function paramNames(src: Source, def: PyNode): string[] {
  const list = fieldChild(def, 'parameters');
  if (!list) return [];
  const names: string[] = [];
  for (const param of list.children) {
    if (!param.named) continue;
    if (param.type === 'identifier') names.push(textOf(src, param));
    else {
      const name = fieldChild(param, 'name') ?? param.children.find((c) => c.type === 'identifier');
      if (name?.type === 'identifier') names.push(textOf(src, name));
      else if (param.type === 'typed_parameter') {
        const inner = param.children.find((c) => c.named);
        const id = inner?.children.find((c) => c.type === 'identifier');
        if (id) names.push(textOf(src, id));
      }
    }
  }
  return names;
}

function importBindings(src: Source, stmt: PyNode, scope: Scope): void {
  for (const name of fieldChildren(stmt, 'name')) {
    if (name.type === 'aliased_import') {
      const alias = fieldChild(name, 'alias');
      if (alias) bind(scope, textOf(src, alias));
    } else if (stmt.type === 'import_statement') bind(scope, textOf(src, name).split('.')[0]!.trim());
    else bind(scope, textOf(src, name).trim());
  }
}

interface ScopeInfo {
  scope: Scope;
  /** `global` names: resolved at module level. */
  globals: Set<string>;
  /** `nonlocal` names: resolved in an enclosing function. */
  nonlocals: Set<string>;
}

/** The names one code path (module or function body) binds, not looking into nested definitions. */
function scopeOf(src: Source, owner: PyNode): ScopeInfo {
  const info: ScopeInfo = { scope: new Map(), globals: new Set(), nonlocals: new Set() };
  const { scope } = info;
  const isModule = owner.type === 'module';
  if (!isModule) for (const name of paramNames(src, owner)) bind(scope, name);
  const body = isModule ? owner : fieldChild(owner, 'body');
  if (!body) return info;
  walkScope(body, (n) => {
    switch (n.type) {
      case 'decorated_definition':
      case 'function_definition':
      case 'class_definition': {
        // A decorated definition still binds its name to the `def` (the decorator usually wraps it).
        const def = n.type === 'decorated_definition' ? fieldChild(n, 'definition') : n;
        const name = def ? fieldChild(def, 'name') : undefined;
        if (def && name) bind(scope, textOf(src, name), def);
        return false;
      }
      case 'assignment':
      case 'augmented_assignment':
        for (const name of targetNames(src, fieldChild(n, 'left'))) bind(scope, name);
        return undefined;
      case 'named_expression':
        for (const name of targetNames(src, fieldChild(n, 'name'))) bind(scope, name);
        return undefined;
      case 'for_statement':
        for (const name of targetNames(src, fieldChild(n, 'left'))) bind(scope, name);
        return undefined;
      case 'as_pattern':
        for (const name of targetNames(src, fieldChild(n, 'alias'))) bind(scope, name);
        return undefined;
      case 'except_clause': {
        // Older grammars: `except E as e` -> identifier after `as`.
        const as = n.children.findIndex((c) => c.type === 'as');
        const id = as >= 0 ? n.children[as + 1] : undefined;
        if (id?.type === 'identifier') bind(scope, textOf(src, id));
        return undefined;
      }
      case 'delete_statement':
        return undefined;
      case 'import_statement':
      case 'import_from_statement':
        importBindings(src, n, scope);
        return false;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const id of n.children) if (id.type === 'identifier') (n.type === 'global_statement' ? info.globals : info.nonlocals).add(textOf(src, id));
        return false;
      case 'lambda':
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        // Their own scopes; a walrus inside still binds here, but that is rare enough to ignore.
        return false;
      default:
        return undefined;
    }
  });
  for (const name of [...info.globals, ...info.nonlocals]) scope.delete(name);
  return info;
}

/** The enclosing function definitions of `def`, innermost first (class bodies skipped). */
function enclosingFunctions(def: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let p = def.parent; p; p = p.parent) if (p.type === 'function_definition') out.push(p);
  return out;
}

/** The methods named `name` directly in the body of `cls` (decorated or not). */
function methodsOf(src: Source, cls: PyNode, name: string): PyNode[] {
  const body = fieldChild(cls, 'body');
  if (!body) return [];
  const out: PyNode[] = [];
  for (const child of body.children) {
    const def = child.type === 'decorated_definition' ? fieldChild(child, 'definition') : child;
    if (def?.type !== 'function_definition') continue;
    const id = fieldChild(def, 'name');
    if (id && textOf(src, id) === name) out.push(def);
  }
  return out;
}

class Resolver {
  private readonly scopes = new Map<PyNode, ScopeInfo>();

  constructor(
    private readonly src: Source,
    private readonly module: PyNode,
  ) {}

  private infoOf(owner: PyNode): ScopeInfo {
    let info = this.scopes.get(owner);
    if (!info) {
      info = scopeOf(this.src, owner);
      this.scopes.set(owner, info);
    }
    return info;
  }

  /** The binding `name` has inside function `def` (the innermost function scope, or the module). */
  lookup(def: PyNode, name: string): Binding | undefined {
    for (const fn of [def, ...enclosingFunctions(def)]) {
      const info = this.infoOf(fn);
      if (info.globals.has(name)) break;
      // A `nonlocal` name is not in this scope: the search goes on outwards.
      const binding = info.scope.get(name);
      if (binding) return binding;
    }
    return this.infoOf(this.module).scope.get(name);
  }

  /** The class a `self`/`cls` receiver stands for inside `def`: the method that takes it as its first parameter. */
  receiverClass(def: PyNode, receiver: string): PyNode | undefined {
    for (const fn of [def, ...enclosingFunctions(def)]) {
      const params = paramNames(this.src, fn);
      if (!params.includes(receiver)) continue;
      const cls = directClassOf(fn);
      return cls && params[0] === receiver ? cls : undefined;
    }
    return undefined;
  }

  /** The definitions a call inside `def` may reach. */
  targetsOf(def: PyNode, call: PyNode): PyNode[] {
    const fn = fieldChild(call, 'function');
    if (fn?.type === 'identifier') {
      const binding = this.lookup(def, textOf(this.src, fn));
      if (!binding || binding.other) return [];
      const functions = binding.targets.filter((t) => t.type === 'function_definition');
      return functions.includes(def) ? [def] : functions;
    }
    if (fn?.type !== 'attribute') return [];
    const object = fieldChild(fn, 'object');
    const attribute = fieldChild(fn, 'attribute');
    if (object?.type !== 'identifier' || !attribute) return [];
    const receiver = textOf(this.src, object);
    const name = textOf(this.src, attribute);
    if (receiver === 'self' || receiver === 'cls') {
      const cls = this.receiverClass(def, receiver);
      return cls ? methodsOf(this.src, cls, name) : [];
    }
    const binding = this.lookup(def, receiver);
    if (!binding || binding.other || binding.targets.length !== 1 || binding.targets[0]!.type !== 'class_definition') return [];
    return methodsOf(this.src, binding.targets[0]!, name);
  }
}

/** Fills `callees` and `recursionLines` of `functions`; `defs[i]` is the `function_definition` of `functions[i]`. */
export function resolveCalls(src: Source, module: PyNode, functions: readonly FunctionFact[], defs: readonly PyNode[]): void {
  const indexOf = new Map<PyNode, number>();
  defs.forEach((def, i) => indexOf.set(def, i));
  const resolver = new Resolver(src, module);
  defs.forEach((def, caller) => {
    const body = fieldChild(def, 'body');
    const callees = new Set<number>();
    const fact = functions[caller]!;
    fact.recursionLines = [];
    if (body) {
      walkScope(body, (n) => {
        if (n.type !== 'call') return;
        for (const target of resolver.targetsOf(def, n)) {
          const index = indexOf.get(target);
          if (index === undefined) continue;
          if (index === caller) {
            const line = positionOf(src, n).line;
            if (!fact.recursionLines.includes(line)) fact.recursionLines.push(line);
          } else callees.add(index);
        }
      });
    }
    fact.callees = [...callees].sort((a, b) => a - b);
  });
}

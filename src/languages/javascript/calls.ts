import type { CallFact } from '../../facts/types.js';
import { dottedName, get, list, literalKind, memberKeyName, pushChildren, unwrap, type Node } from './ast.js';
import { ShapeText } from '../shared/shape.js';
import { requiredModule, staticString, type ModuleBinding } from './imports.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

type Bindings = ReadonlyMap<string, ModuleBinding>;
type Found = Omit<CallFact, 'line' | 'column'>;

const TIMERS = new Set(['setTimeout', 'setInterval']);
const SLEEPS = new Set(['sleep', 'delay']);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self']);
const CHILD_PROCESS = new Set(['child_process', 'node:child_process']);
const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
const SPAWN_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**']);

/** The name of `x.name` (not `x[name]`), else undefined. */
function propertyName(member: Node | undefined): string | undefined {
  if (member?.type !== 'MemberExpression' || member.computed === true) return undefined;
  const property = get(member, 'property');
  return property?.type === 'Identifier' ? String(property.name) : undefined;
}

/** The member name called on a global object (`window.setTimeout`) or the plain name. */
function globalName(callee: Node | undefined): string | undefined {
  if (callee?.type === 'Identifier') return String(callee.name);
  const name = propertyName(callee);
  const object = get(callee, 'object');
  return name !== undefined && object?.type === 'Identifier' && GLOBAL_OBJECTS.has(String(object.name)) ? name : undefined;
}

/** Source-like text of a delay made only of numeric literals and arithmetic (`500`, `5 * 1000`). */
export function literalDelay(node: Node | undefined): string | undefined {
  const expr = unwrap(node);
  if (expr && literalKind(expr) === 'number') return String(expr.raw ?? expr.value);
  if (expr?.type !== 'BinaryExpression' || !ARITHMETIC.has(String(expr.operator))) return undefined;
  const left = literalDelay(get(expr, 'left'));
  const right = literalDelay(get(expr, 'right'));
  return left !== undefined && right !== undefined ? `${left} ${String(expr.operator)} ${right}` : undefined;
}

/** Largest delay timers accept (2^31 - 1 ms): `setInterval(keepAlive, 2_147_483_647)` means "never". */
const MAX_TIMER_DELAY = 2_147_483_647;
/** Browsers clamp nested timers to 4 ms: a delay up to that only defers to a later task. */
const YIELD_DELAY = 4;

/**
 * A delay that schedules rather than waits: zero and other "next task" delays (`setTimeout(fn, 0)`,
 * `setTimeout(fn, 1)`) and the "never" delay. Only plain literals qualify: `5 * 0` is left as written.
 */
function isScheduling(delay: string): boolean {
  if (!/^[\d_.]+$/.test(delay)) return false;
  const value = Number(delay.replace(/_/g, ''));
  return value <= YIELD_DELAY || value >= MAX_TIMER_DELAY;
}

function calleeText(callee: Node | undefined): string {
  const dotted = dottedName(callee);
  if (dotted) return dotted;
  const module = requiredModule(get(callee, 'object'));
  const property = propertyName(callee);
  if (module !== undefined && property !== undefined) return `require('${module}').${property}`;
  return '<expression>';
}

/** What the file knows around timer calls: the ancestors of each, the names passed to `clearTimeout`/`clearInterval`. */
export interface TimerContext {
  ancestors: Map<Node, readonly Node[]>;
  cleared: Set<string>;
}

const CLEARS = new Set(['clearTimeout', 'clearInterval']);
const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);
const ANCESTORS_KEPT = 8;

/** The last name of an assignment target or cleared handle: `t`, `this.t` and `state.timeout` give `t`/`timeout`. */
function handleName(node: Node | undefined): string | undefined {
  const expr = unwrap(node);
  if (expr?.type === 'Identifier') return String(expr.name);
  return propertyName(expr);
}

/** The name the timer's handle is stored in (`t = setTimeout(...)`, `const t = ...`, `this.t = ...`). */
function storedHandle(call: Node, ancestors: readonly Node[]): string | undefined {
  let child = call;
  let i = ancestors.length - 1;
  while (i >= 0 && (ancestors[i]!.type === 'ParenthesizedExpression' || ancestors[i]!.type === 'TSAsExpression')) child = ancestors[i--]!;
  const parent = ancestors[i];
  if (parent?.type === 'AssignmentExpression' && get(parent, 'right') === child) return handleName(get(parent, 'left'));
  if (parent?.type === 'VariableDeclarator' && get(parent, 'init') === child) return handleName(get(parent, 'id'));
  return undefined;
}

/** A statement directly in a loop body (`while (…) { …; stmt; }` or `for (…) stmt;`). */
function isLoopBodyStatement(statement: Node, parent: Node | undefined, grandparent: Node | undefined): boolean {
  if (parent && LOOPS.has(parent.type)) return get(parent, 'body') === statement;
  return parent?.type === 'BlockStatement' && grandparent !== undefined && LOOPS.has(grandparent.type) && get(grandparent, 'body') === parent;
}

/**
 * A wait that paces a poll loop: `await sleep(100)`, `sleep(100)` or
 * `await new Promise((r) => setTimeout(r, 100))` as a statement of a loop body.
 */
function isPollPacing(call: Node, timer: boolean, ancestors: readonly Node[]): boolean {
  let i = ancestors.length - 1;
  let child: Node = call;
  if (timer) {
    // The executor of `new Promise(...)`: an arrow with the call as its body or its only statement.
    const executor = ancestors[i]?.type === 'ExpressionStatement' && ancestors[i - 1]?.type === 'BlockStatement' ? i - 2 : i;
    const fn = ancestors[executor];
    const promise = ancestors[executor - 1];
    if (!fn || !/Function/.test(fn.type) || promise?.type !== 'NewExpression' || handleName(get(promise, 'callee')) !== 'Promise') return false;
    child = promise;
    i = executor - 2;
  }
  while (i >= 0 && ancestors[i]!.type === 'ParenthesizedExpression') child = ancestors[i--]!;
  if (ancestors[i]?.type === 'AwaitExpression') child = ancestors[i--]!;
  else if (timer) return false;
  const statement = ancestors[i];
  return statement?.type === 'ExpressionStatement' && get(statement, 'expression') === child && isLoopBodyStatement(statement, ancestors[i - 1], ancestors[i - 2]);
}

function timing(call: Node, callee: Node | undefined, context: TimerContext): Found | undefined {
  const name = globalName(callee);
  if (!name || !(TIMERS.has(name) || (SLEEPS.has(name) && callee?.type === 'Identifier'))) return undefined;
  const args = list(call, 'arguments');
  const delay = literalDelay(TIMERS.has(name) && args.length >= 2 ? args[1] : args[0]);
  if (delay === undefined || isScheduling(delay)) return undefined;
  const found: Found = { kind: 'timing', callee: calleeText(callee), detail: delay };
  const ancestors = context.ancestors.get(call) ?? [];
  const handle = TIMERS.has(name) ? storedHandle(call, ancestors) : undefined;
  if (handle !== undefined && context.cleared.has(handle)) found.pacing = 'debounce';
  else if (isPollPacing(call, name === 'setTimeout', ancestors)) found.pacing = 'poll';
  else if (name === 'setTimeout' && isDeadline(args[0])) found.pacing = 'deadline';
  return found;
}

/** Calls that give up on work that took too long: `controller.abort()`, `reject(new TimeoutError())`, `socket.destroy()`. */
const GIVE_UP = new Set(['abort', 'cancel', 'reject', 'destroy', 'close', 'kill', 'terminate', 'timeout', 'onTimeout']);

/** `setTimeout(() => controller.abort(), 5000)`: a callback that only gives up sets a time limit; it waits for nothing. */
function isDeadline(callback: Node | undefined): boolean {
  if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return false;
  let body = get(callback, 'body');
  if (body?.type === 'BlockStatement') {
    const statements = list(body, 'body');
    body = statements.length === 1 && statements[0]!.type === 'ExpressionStatement' ? get(statements[0]!, 'expression') : undefined;
  }
  if (body?.type !== 'CallExpression') return false;
  const callee = get(body, 'callee');
  const name = callee?.type === 'Identifier' ? callee.name : callee?.type === 'MemberExpression' ? get(callee, 'property')?.name : undefined;
  return typeof name === 'string' && GIVE_UP.has(name);
}

/** One token of a node for its shape: a name, a literal's value, else its type (with its operator, `[]` when computed). */
function shapeToken(node: Node): string {
  if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') return String(node.name);
  if (node.type === 'Literal') return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.raw ?? node.value);
  if (node.type === 'TemplateElement') {
    const value = node.value as { cooked?: unknown; raw?: unknown } | undefined;
    return JSON.stringify(typeof value?.cooked === 'string' ? value.cooked : String(value?.raw ?? ''));
  }
  const operator = typeof node.operator === 'string' ? node.operator : '';
  return `${node.type}${operator}${node.computed === true ? '[]' : ''}`;
}

/** The shape of what a call runs, loads or evaluates (CallFact.argument): its arguments' syntax trees, bounded. */
function argumentShape(args: readonly (Node | undefined)[]): string {
  const shape = new ShapeText();
  const stack: Node[] = [];
  for (let i = args.length - 1; i >= 0; i--) if (args[i]) stack.push(args[i]!);
  while (stack.length > 0 && shape.open) {
    const node = stack.pop()!;
    if (node.type !== 'ParenthesizedExpression') shape.add(shapeToken(node));
    pushChildren(node, stack);
  }
  return shape.text();
}

function dynamicCode(call: Node, callee: Node | undefined, isNew: boolean): Found | undefined {
  const name = globalName(callee);
  // `new Function(a, b, body)`: every argument is part of the code; `eval(code)`: the first.
  if (name === 'Function') return { kind: 'dynamic-code', callee: isNew ? 'new Function' : calleeText(callee), argument: argumentShape(list(call, 'arguments')) };
  if (name === 'eval' && !isNew) return { kind: 'dynamic-code', callee: calleeText(callee), argument: argumentShape([list(call, 'arguments')[0]]) };
  return undefined;
}

/**
 * The imported function a callee refers to, when it comes from one of `modules`:
 * `exec` (named import/destructured require), `cp.exec` (namespace/default/require binding),
 * `require('child_process').exec`.
 */
function importedFunction(callee: Node | undefined, modules: ReadonlySet<string>, bindings: Bindings): string | undefined {
  if (callee?.type === 'Identifier') {
    const binding = bindings.get(String(callee.name));
    return binding && modules.has(binding.module) ? binding.imported : undefined;
  }
  const property = propertyName(callee);
  if (property === undefined) return undefined;
  return isModuleObject(get(callee, 'object'), modules, bindings) ? property : undefined;
}

/** `require('m')`, a namespace/default binding of `m`, or an unbound identifier spelled like `m`. */
function isModuleObject(object: Node | undefined, modules: ReadonlySet<string>, bindings: Bindings): boolean {
  const required = requiredModule(object);
  if (required !== undefined) return modules.has(required);
  if (object?.type !== 'Identifier') return false;
  const name = String(object.name);
  const binding = bindings.get(name);
  if (!binding) return modules.has(name);
  return (binding.imported === '*' || binding.imported === 'default') && modules.has(binding.module);
}

function hasShellOption(args: readonly Node[]): boolean {
  return args.some((arg) =>
    list(arg, 'properties').some(
      (p) => p.type === 'Property' && memberKeyName(p) === 'shell' && get(p, 'value')?.value === true,
    ),
  );
}

function shell(call: Node, callee: Node | undefined, bindings: Bindings): Found | undefined {
  const fn = importedFunction(callee, CHILD_PROCESS, bindings);
  if (!fn) return undefined;
  const args = list(call, 'arguments');
  if (staticString(args[0]) !== undefined) return undefined;
  if (SHELL_FUNCTIONS.has(fn)) return { kind: 'shell', callee: calleeText(callee), detail: 'non-literal command', argument: argumentShape([args[0]]) };
  if (SPAWN_FUNCTIONS.has(fn) && hasShellOption(args)) {
    return { kind: 'shell', callee: calleeText(callee), detail: 'shell: true with a non-literal command', argument: argumentShape([args[0]]) };
  }
  return undefined;
}

function deserialize(call: Node, callee: Node | undefined, bindings: Bindings): Found | undefined {
  const fn = importedFunction(callee, new Set(['node-serialize', 'serialize']), bindings);
  if (fn !== 'unserialize') return undefined;
  return { kind: 'deserialize', callee: calleeText(callee), detail: 'node-serialize unserialize runs embedded functions', argument: argumentShape([list(call, 'arguments')[0]]) };
}

function classify(node: Node, bindings: Bindings, context: TimerContext): Found | undefined {
  const callee = get(node, 'callee');
  if (node.type === 'NewExpression') return dynamicCode(node, callee, true);
  if (node.type !== 'CallExpression') return undefined;
  return timing(node, callee, context) ?? dynamicCode(node, callee, false) ?? shell(node, callee, bindings) ?? deserialize(node, callee, bindings);
}

const CALL_NODES = new Set(['CallExpression', 'NewExpression']);

/**
 * Calls of interest: literal timing, dynamic code, shell with a non-literal command, unsafe
 * deserialisation. Classifying needs the bindings of the whole file (a `require` may come after
 * the call), so the visitor only gathers call nodes and `classifyCalls` runs after the walk.
 */
export function callVisitor(candidates: Node[], context: TimerContext): Visitor {
  return {
    types: CALL_NODES,
    enter(node, ancestors) {
      if (!CALL_NODES.has(node.type)) return;
      candidates.push(node);
      if (node.type !== 'CallExpression') return;
      const name = globalName(get(node, 'callee'));
      if (name === undefined) return;
      if (TIMERS.has(name) || SLEEPS.has(name)) context.ancestors.set(node, ancestors.slice(-ANCESTORS_KEPT));
      const handle = CLEARS.has(name) ? handleName(list(node, 'arguments')[0]) : undefined;
      if (handle !== undefined) context.cleared.add(handle);
    },
  };
}

export function timerContext(): TimerContext {
  return { ancestors: new Map(), cleared: new Set() };
}

export function classifyCalls(parsed: ParsedSource, candidates: readonly Node[], bindings: Bindings, context: TimerContext): CallFact[] {
  const out: CallFact[] = [];
  for (const node of candidates) {
    const found = classify(node, bindings, context);
    if (found) out.push({ ...found, ...parsed.start(node) });
  }
  return out;
}

import type { FunctionFact, Position } from '../../facts/types.js';
import type { CodeLineMap } from '../shared/code-lines.js';
import { get, list, unwrap, type Node } from './ast.js';
import { BodyHasher, isCallee, isMemberProperty } from './bodyhash.js';
import { isExported, isPrivateMember } from './exports.js';
import { newDraft, type Frame } from './frame.js';
import { CLASS_NODES, functionBody, functionCore, functionNaming, functionParams, hasBody, isFunctionLike, isMethodValue } from './functions.js';
import { complexityOf, isAssertion, isStatement, isUnboundedLoop, opensDepth } from './metrics.js';
import type { ParsedSource } from './parse.js';
import { declaredNames, patternIdentifiers } from './scope.js';
import { anyInSignature } from './signature.js';
import { isTestCallback } from './test-callbacks.js';
import type { Visitor } from './walker.js';

export interface FunctionEnv {
  parsed: ParsedSource;
  moduleMutable: ReadonlySet<string>;
  exportedNames: ReadonlySet<string>;
  codeLines: CodeLineMap;
}

/** Bodies shorter than this are too generic to be algorithm clones (FunctionFact.bodyHash). */
const MIN_HASHED_STATEMENTS = 4;
/** Code paths that declare nothing of their own (never mutated). */
const NO_LOCALS: ReadonlySet<string> = new Set();

function isExportedFunction(node: Node, ancestors: readonly Node[], env: FunctionEnv): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent) return false;
  const memberOf = (member: Node, depth: number): boolean => {
    const cls = ancestors[ancestors.length - depth];
    return !!cls && CLASS_NODES.has(cls.type) && !isPrivateMember(member) && isExported(cls, ancestors.slice(0, -depth), env.exportedNames);
  };
  if (parent.type === 'ClassBody') return memberOf(node, 2);
  if (parent.type === 'PropertyDefinition') return memberOf(parent, 3); // `#field = () => {}` is never exported
  if (parent.type === 'ObjectExpression') return isExported(parent, ancestors.slice(0, -1), env.exportedNames);
  return isExported(node, ancestors, env.exportedNames);
}

/**
 * A new frame when `node` starts a code path: a function with a body, a class field value, a
 * static block. The function of a method is its value: the method opened the frame already.
 */
function openFrame(node: Node, ancestors: readonly Node[], env: FunctionEnv): Frame | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (isFunctionLike(node) && !isMethodValue(node, parent)) {
    if (!hasBody(node)) return { node, depth: 0, locals: NO_LOCALS };
    const draft = newDraft(functionNaming(node, ancestors), isExportedFunction(node, ancestors, env), isTestCallback(node, ancestors));
    return { node, draft, depth: 0, body: functionBody(node) };
  }
  const isFieldValue = parent?.type === 'PropertyDefinition' && get(parent, 'value') === node;
  if (isFieldValue || node.type === 'StaticBlock') return { node, depth: 0, locals: NO_LOCALS };
  return undefined;
}

function recordCall(node: Node, frame: Frame): void {
  const draft = frame.draft!;
  const callee = get(node, 'callee');
  if (isAssertion(callee)) draft.assertions++;
}

function writeTargets(node: Node): Node[] {
  if (node.type === 'AssignmentExpression') return patternIdentifiers(get(node, 'left'));
  if (node.type === 'UpdateExpression') return patternIdentifiers(get(node, 'argument'));
  if (node.type === 'ForInStatement' || node.type === 'ForOfStatement') {
    const left = get(node, 'left');
    return left && left.type !== 'VariableDeclaration' ? patternIdentifiers(left) : [];
  }
  return [];
}

/** The names declared in a frame's code path, computed on first use (one walk of the function). */
function localsOf(frame: Frame): ReadonlySet<string> {
  if (!frame.locals) frame.locals = declaredNames(frame.node);
  return frame.locals;
}

const NULLISH_TESTS = new Set(['===', '==']);

function isNullish(node: Node | undefined): boolean {
  const expr = unwrap(node);
  return (expr?.type === 'Identifier' && expr.name === 'undefined') || (expr?.type === 'Literal' && expr.value === null && expr.raw === 'null') || (expr?.type === 'UnaryExpression' && expr.operator === 'void');
}

/** `!x`, `x === undefined`, `x == null` (either side): the test of a lazy initialisation of `name`. */
function testsUnset(test: Node | undefined, name: string): boolean {
  const expr = unwrap(test);
  const isName = (n: Node | undefined): boolean => unwrap(n)?.type === 'Identifier' && unwrap(n)!.name === name;
  if (expr?.type === 'UnaryExpression' && expr.operator === '!') return isName(get(expr, 'argument'));
  if (expr?.type !== 'BinaryExpression' || !NULLISH_TESTS.has(String(expr.operator))) return false;
  const left = get(expr, 'left');
  const right = get(expr, 'right');
  return (isName(left) && isNullish(right)) || (isName(right) && isNullish(left));
}

/**
 * An idempotent initialisation: `x ??= …`, `x ||= …`, or `x = …` as the only statement of an
 * `if` (without `else`) that tests `x` is unset. Calling it twice or in any order gives the same state.
 */
function isLazyInit(node: Node, ancestors: readonly Node[]): boolean {
  if (node.type !== 'AssignmentExpression') return false;
  const left = get(node, 'left');
  if (left?.type !== 'Identifier') return false;
  if (node.operator === '??=' || node.operator === '||=') return true;
  if (node.operator !== '=') return false;
  let i = ancestors.length - 1;
  if (ancestors[i]?.type !== 'ExpressionStatement') return false;
  let statement = ancestors[i--]!;
  const block = ancestors[i];
  if (block?.type === 'BlockStatement') {
    if (list(block, 'body').length !== 1) return false;
    statement = block;
    i--;
  }
  const branch = ancestors[i];
  return branch?.type === 'IfStatement' && get(branch, 'consequent') === statement && !get(branch, 'alternate') && testsUnset(get(branch, 'test'), String(left.name));
}

function recordWrites(node: Node, ancestors: readonly Node[], frames: readonly Frame[], env: FunctionEnv): void {
  if (env.moduleMutable.size === 0) return;
  const type = node.type;
  if (type !== 'AssignmentExpression' && type !== 'UpdateExpression' && type !== 'ForInStatement' && type !== 'ForOfStatement') return;
  for (const id of writeTargets(node)) {
    const name = String(id.name);
    if (!env.moduleMutable.has(name) || frames.some((f) => localsOf(f).has(name))) continue;
    const write: Position & { name: string; lazy?: boolean } = { name, ...env.parsed.pos(id.start) };
    if (isLazyInit(node, ancestors)) write.lazy = true;
    frames[frames.length - 1]!.draft!.globalWrites.push(write);
  }
}

function visit(node: Node, ancestors: readonly Node[], walkState: { frames: readonly Frame[]; env: FunctionEnv }): void {
  const { frames, env } = walkState;
  const parent = ancestors[ancestors.length - 1];
  const frame = frames[frames.length - 1]!;
  const draft = frame.draft;
  if (!draft) return;
  draft.complexity += complexityOf(node);
  if (opensDepth(node, parent)) draft.maxDepth = Math.max(draft.maxDepth, ++frame.depth);
  if (isStatement(node, parent)) draft.statements++;
  if (isUnboundedLoop(node)) draft.unboundedLoops.push(env.parsed.pos(node.start));
  if (node.type === 'CallExpression') recordCall(node, frame);
  recordWrites(node, ancestors, frames, env);
}

function finish(frame: Frame, env: FunctionEnv): FunctionFact {
  const { node, draft, body } = frame;
  const span = env.parsed.span(node);
  const params = functionParams(node);
  const statements = body && body.type !== 'BlockStatement' ? 1 : draft!.statements;
  // Written field by field (no spread): one object per function, built on the hot path.
  const fact: FunctionFact = {
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    name: draft!.naming.name,
    positionalParams: params.length,
    totalParams: params.length,
    lengthLines: span.endLine - span.line + 1,
    codeLines: env.codeLines.count(span.line, span.endLine),
    complexity: draft!.complexity,
    maxDepth: draft!.maxDepth,
    assertions: draft!.assertions,
    statements,
    recursionLines: [],
    callees: [],
    unboundedLoops: draft!.unboundedLoops,
    globalWrites: draft!.globalWrites,
    exported: draft!.exported,
    anyInSignature: env.parsed.isTypeScript ? anyInSignature(functionCore(node), params, env.parsed) : [],
    unannotatedParams: [],
    isTest: false,
  };
  if (draft!.naming.className) fact.className = draft!.naming.className;
  if (draft!.testCallback) fact.testCallback = true;
  if (statements >= MIN_HASHED_STATEMENTS && frame.hasher) fact.bodyHash = frame.hasher.digest();
  return fact;
}

/**
 * A visitor collecting one FunctionFact per function with a body into `out` (in the order the
 * functions end: sort with `sortFunctions` after the walk).
 */
export function functionVisitor(env: FunctionEnv, out: FunctionFact[], nodeOf: Map<FunctionFact, Node>): Visitor {
  const frames: Frame[] = [{ node: env.parsed.program, depth: 0, locals: NO_LOCALS }];
  const state = { frames, env };
  // Body hashers of the function bodies the walk is inside (outermost first): each node feeds them all.
  const hashing: Frame[] = [];
  return {
    enter(node, ancestors) {
      const parent = ancestors[ancestors.length - 1];
      const frame = openFrame(node, ancestors, env);
      // A function node belongs to the enclosing code path (a declaration is one of its
      // statements); a class field value or static block starts its own path at once.
      const ownsItself = frame !== undefined && !isFunctionLike(node);
      if (frame && ownsItself) frames.push(frame);
      visit(node, ancestors, state);
      if (frame && !ownsItself) frames.push(frame);
      const top = frames[frames.length - 1]!;
      if (top.body === node) {
        top.hasher = new BodyHasher();
        hashing.push(top);
      }
      if (hashing.length > 0) {
        const isProperty = isMemberProperty(node, parent);
        // A called name keeps its name in the hash unless it is a local variable of a function around it.
        const isNamedCallee = isCallee(node, parent) && !frames.some((f) => localsOf(f).has(String(node.name)));
        for (let i = 0; i < hashing.length; i++) hashing[i]!.hasher!.enter(node, isProperty, isNamedCallee);
      }
    },
    leave(node, ancestors) {
      if (hashing.length > 0) {
        for (let i = 0; i < hashing.length; i++) hashing[i]!.hasher!.leave();
        if (hashing[hashing.length - 1]!.body === node) hashing.pop();
      }
      const top = frames[frames.length - 1]!;
      if (top.node === node) {
        frames.pop();
        if (top.draft) {
          const fact = finish(top, env);
          nodeOf.set(fact, node);
          out.push(fact);
        }
        return;
      }
      if (top.draft && opensDepth(node, ancestors[ancestors.length - 1])) top.depth--;
    },
  };
}

/** Source order of their start. */
export function sortFunctions(functions: FunctionFact[]): FunctionFact[] {
  return functions.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** FunctionFact and ClassFact extraction. */
import type { ClassFact, FunctionFact } from '../../facts/types.js';
import { CodeLineMap, type TextRange } from '../shared/code-lines.js';
import { bodyFacts } from './body.js';
import { resolveCalls } from './call-targets.js';
import { complexityOf, maxDepthOf } from './complexity.js';
import { bodyHashOf } from './hash.js';
import { analyseParams } from './params.js';
import { directClassOf, isExported, isOverload, isStaticMethod, isStringStatement, nameOf } from './scope.js';
import { fieldChild, namedChildren, nodesOf, spanOf, textOf, type NodeIndex, type PyNode, type Source } from './tree.js';

const MIN_HASHED_STATEMENTS = 4;
const TEST_NAME = /^test(?:_|[A-Z0-9]|$)/;

export interface DefinitionContext {
  src: Source;
  codeLines: CodeLineMap;
}

/**
 * Code lines of the file: what is not blank, not a comment and not a statement made of a string
 * only (docstrings, and strings used as comments, which do nothing).
 */
export function pythonCodeLines(src: Source, index: NodeIndex): CodeLineMap {
  const ignored: TextRange[] = [...nodesOf(index, 'comment')];
  for (const stmt of nodesOf(index, 'expression_statement')) if (isStringStatement(stmt)) ignored.push(stmt);
  return new CodeLineMap(src.text, 'python', ignored);
}

/**
 * One function. The span starts at `def` (or `async`), not at the decorators, like radon's line
 * numbers; it ends at the end of the body.
 */
export function functionFact(ctx: DefinitionContext, def: PyNode): FunctionFact {
  const { src } = ctx;
  const ownName = nameOf(src, def);
  const cls = directClassOf(def);
  const className = cls ? nameOf(src, cls) : undefined;
  const params = analyseParams(src, def, cls !== undefined && !isStaticMethod(src, def));
  const body = fieldChild(def, 'body');
  const facts = bodyFacts(src, body);
  const span = spanOf(src, def);
  const exported = isExported(src, def);
  const fact: FunctionFact = {
    ...span,
    name: className ? `${className}.${ownName}` : ownName,
    ...(className ? { className } : {}),
    positionalParams: params.positional,
    totalParams: params.total,
    lengthLines: span.endLine - span.line + 1,
    codeLines: ctx.codeLines.count(span.line, span.endLine),
    complexity: complexityOf(body),
    maxDepth: maxDepthOf(body),
    ...facts,
    recursionLines: [],
    callees: [],
    exported,
    anyInSignature: [],
    unannotatedParams: exported ? params.unannotated : [],
    ...(body && facts.statements >= MIN_HASHED_STATEMENTS ? { bodyHash: bodyHashOf(src, def, body) } : {}),
    isTest: TEST_NAME.test(ownName),
  };
  if (isOverload(src, def)) fact.overload = true;
  return fact;
}

/** The function definitions directly in a class body (decorated or not). */
function methodsOf(cls: PyNode): PyNode[] {
  const body = fieldChild(cls, 'body');
  if (!body) return [];
  const defs: PyNode[] = [];
  for (const c of body.children) {
    const def = c.type === 'decorated_definition' ? fieldChild(c, 'definition') : c;
    if (def?.type === 'function_definition') defs.push(def);
  }
  return defs;
}

/**
 * Methods by name: a property's getter, setter and deleter (`@property`, `@x.setter`, `@x.deleter`)
 * are one method, as is any name defined twice (the class keeps the last); `@overload` stubs are none.
 */
function methodCount(src: Source, methods: readonly PyNode[]): number {
  return new Set(methods.filter((def) => !isOverload(src, def)).map((def) => nameOf(src, def))).size;
}

const TYPED_DICT = /^(?:\w+\s*\.\s*)*TypedDict$/;
const PROTOCOL = /^(?:\w+\s*\.\s*)*Protocol(?:\s*\[[^]*\])?$/;

/** `name: T` or `name: T = default`: a key (or field) declaration. */
function isKeyDeclaration(stmt: PyNode): boolean {
  if (stmt.type !== 'expression_statement') return false;
  const parts = namedChildren(stmt);
  return parts.length === 1 && parts[0]!.type === 'assignment' && fieldChild(parts[0]!, 'type') !== undefined;
}

/** `pass`, `...`, a docstring: nothing. */
function isFiller(stmt: PyNode): boolean {
  if (stmt.type === 'pass_statement' || isStringStatement(stmt)) return true;
  const parts = stmt.type === 'expression_statement' ? namedChildren(stmt) : [];
  return parts.length === 1 && parts[0]!.type === 'ellipsis';
}

/** A TypedDict, or a class (not a Protocol) that only declares annotated names: keys, not behaviour. */
function isRecord(src: Source, cls: PyNode, methods: readonly PyNode[]): boolean {
  const bases = fieldChild(cls, 'superclasses');
  const baseNames = bases ? namedChildren(bases).filter((b) => b.type !== 'keyword_argument').map((b) => textOf(src, b)) : [];
  if (baseNames.some((name) => TYPED_DICT.test(name))) return true;
  if (methods.length > 0 || baseNames.some((name) => PROTOCOL.test(name))) return false;
  const statements = namedChildren(fieldChild(cls, 'body') ?? cls);
  return statements.some(isKeyDeclaration) && statements.every((stmt) => isKeyDeclaration(stmt) || isFiller(stmt));
}

export function classFact(ctx: DefinitionContext, cls: PyNode): ClassFact {
  const span = spanOf(ctx.src, cls);
  const methods = methodsOf(cls);
  const fact: ClassFact = {
    ...span,
    name: nameOf(ctx.src, cls),
    methods: methodCount(ctx.src, methods),
    lengthLines: span.endLine - span.line + 1,
    codeLines: ctx.codeLines.count(span.line, span.endLine),
    exported: isExported(ctx.src, cls),
  };
  if (isRecord(ctx.src, cls, methods)) fact.record = true;
  return fact;
}

/** Functions (in source order, calls resolved) and classes. */
export function collectDefinitions(ctx: DefinitionContext, root: PyNode, index: NodeIndex): { functions: FunctionFact[]; classes: ClassFact[] } {
  const defs = nodesOf(index, 'function_definition');
  const functions = defs.map((def) => functionFact(ctx, def));
  resolveCalls(ctx.src, root, functions, defs);
  return {
    functions,
    classes: nodesOf(index, 'class_definition').map((cls) => classFact(ctx, cls)),
  };
}

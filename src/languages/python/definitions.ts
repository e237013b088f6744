/** FunctionFact and ClassFact extraction. */
import type { ClassFact, FunctionFact } from '../../facts/types.js';
import { bodyFacts } from './body.js';
import { resolveCalls } from './call-targets.js';
import { complexityOf, maxDepthOf } from './complexity.js';
import { bodyHashOf } from './hash.js';
import { analyseParams } from './params.js';
import { directClassOf, isExported, isStaticMethod, nameOf } from './scope.js';
import { fieldChild, nodesOf, spanOf, type NodeIndex, type PyNode, type Source } from './tree.js';

const MIN_HASHED_STATEMENTS = 4;
const TEST_NAME = /^test(?:_|[A-Z0-9]|$)/;

export interface DefinitionContext {
  src: Source;
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
  return {
    ...span,
    name: className ? `${className}.${ownName}` : ownName,
    ...(className ? { className } : {}),
    positionalParams: params.positional,
    totalParams: params.total,
    lengthLines: span.endLine - span.line + 1,
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
}

function methodCount(cls: PyNode): number {
  const body = fieldChild(cls, 'body');
  if (!body) return 0;
  return body.children.filter(
    (c) => c.type === 'function_definition' || (c.type === 'decorated_definition' && fieldChild(c, 'definition')?.type === 'function_definition'),
  ).length;
}

export function classFact(ctx: DefinitionContext, cls: PyNode): ClassFact {
  const span = spanOf(ctx.src, cls);
  return {
    ...span,
    name: nameOf(ctx.src, cls),
    methods: methodCount(cls),
    lengthLines: span.endLine - span.line + 1,
    exported: isExported(ctx.src, cls),
  };
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

/**
 * Per-node contributions to function metrics, with ESLint semantics:
 * - `complexity` (classic variant): +1 for if, ?:, for/for-in/for-of, while, do-while, catch,
 *   each `case` with a test, `&&`/`||`/`??`, `&&=`/`||=`/`??=`, every optional `?.` link and every
 *   default value (AssignmentPattern: parameter defaults and destructuring defaults).
 * - `max-depth`: if (not `else if`), switch, try, do-while, while, with, for, for-in, for-of
 *   each add one level; a nested function starts again at 0.
 */
import { dottedName, get, keyName, type Node } from './ast.js';

const LOGICAL_ASSIGN = new Set(['&&=', '||=', '??=']);

export function complexityOf(node: Node): number {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'CatchClause':
    case 'AssignmentPattern':
      return 1;
    case 'SwitchCase':
      return get(node, 'test') !== undefined ? 1 : 0;
    case 'LogicalExpression':
      return 1;
    case 'AssignmentExpression':
      return LOGICAL_ASSIGN.has(String(node.operator)) ? 1 : 0;
    // Each optional link of a chain (`a?.b`, `f?.()`).
    case 'MemberExpression':
    case 'CallExpression':
      return node.optional === true ? 1 : 0;
    default:
      return 0;
  }
}

const DEPTH = new Set([
  'IfStatement',
  'SwitchStatement',
  'TryStatement',
  'DoWhileStatement',
  'WhileStatement',
  'WithStatement',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
]);

/** Whether the node opens a nesting level (`else if` does not). */
export function opensDepth(node: Node, parent: Node | undefined): boolean {
  if (!DEPTH.has(node.type)) return false;
  return !(node.type === 'IfStatement' && parent?.type === 'IfStatement' && get(parent, 'alternate') === node);
}

const NOT_STATEMENTS = new Set(['BlockStatement', 'EmptyStatement']);
/** TSDeclareFunction: an overload signature is a declaration of its own. */
const DECLARATIONS = new Set(['VariableDeclaration', 'FunctionDeclaration', 'TSDeclareFunction', 'ClassDeclaration', 'TSEnumDeclaration']);
const LOOP_HEADS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement']);

/** Statements and declarations (a `let` in a `for (...)` head is not a statement). */
export function isStatement(node: Node, parent: Node | undefined): boolean {
  const type = node.type;
  if (type.endsWith('Statement')) return !NOT_STATEMENTS.has(type);
  if (!DECLARATIONS.has(type)) return false;
  return !(type === 'VariableDeclaration' && parent && LOOP_HEADS.has(parent.type));
}

function isTrue(test: Node | undefined): boolean {
  return test?.type === 'Literal' && test.value === true;
}

/** `while (true)`, `do {} while (true)`, `for (;;)`, `for (; true;)`. */
export function isUnboundedLoop(node: Node): boolean {
  const type = node.type;
  if (type === 'WhileStatement' || type === 'DoWhileStatement') return isTrue(get(node, 'test'));
  if (type !== 'ForStatement') return false;
  const test = get(node, 'test');
  return test === undefined || isTrue(test);
}

const ASSERT_ROOTS = new Set(['assert', 'invariant']);

/** `assert(...)`, `assert.x(...)`, `assert.strict.x(...)`, `console.assert(...)`, `invariant(...)`. */
export function isAssertion(callee: Node | undefined): boolean {
  const dotted = dottedName(callee);
  if (!dotted) return false;
  if (dotted === 'console.assert') return true;
  const root = dotted.split('.')[0]!;
  return ASSERT_ROOTS.has(root);
}

/** Name of a called function: `f(...)` -> f, `this.m(...)` -> m. */
export function calledName(callee: Node | undefined): { name: string; viaThis: boolean } | undefined {
  if (callee?.type === 'Identifier') return { name: String(callee.name), viaThis: false };
  const isThisMember = callee?.type === 'MemberExpression' && callee.computed !== true && get(callee, 'object')?.type === 'ThisExpression';
  const property = isThisMember ? get(callee, 'property') : undefined;
  return property ? { name: keyName(property), viaThis: true } : undefined;
}

/**
 * Test-suite structure: the function literal passed to a test framework's `describe`, `it`, `test`,
 * hook... (Jest, Vitest, Mocha, Jasmine, node:test). It is a block of the suite, not a function
 * anybody calls (FunctionFact.testCallback).
 */
import { effectiveParent, get, nameOf, type Node } from './ast.js';

/** Suite, test and hook functions (`fit`/`xit`/`fdescribe`/`xdescribe`/`xtest`: Jasmine's focused and skipped forms). */
const TEST_FUNCTIONS = new Set([
  'describe', 'it', 'test', 'suite', 'context', 'specify',
  'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'before', 'after',
  'fdescribe', 'xdescribe', 'fit', 'xit', 'xtest', 'xcontext',
]);
/** `.only`, `.skip`, ...: the same function with a flag. */
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'todo', 'failing', 'fails', 'sequential', 'shuffle']);
/** `.each(table)`, `.for(table)`, `.skipIf(cond)`, `.runIf(cond)`: called (or tagged) first, they return the test function. */
const FACTORIES = new Set(['each', 'for', 'skipIf', 'runIf']);

/** Property name of a non-computed member access. */
function propertyName(member: Node): string | undefined {
  return member.computed === true ? undefined : nameOf(get(member, 'property'));
}

/**
 * `describe`, `it.only`, `test.concurrent.skip`: a test function and modifiers. With `factory`, the
 * outermost property is `.each`-like (`it.skip.each`), the call or tag of which returns the test function.
 */
function testChain(node: Node | undefined, factory: boolean): boolean {
  let current = node;
  let outermost = true;
  while (current?.type === 'MemberExpression') {
    const name = propertyName(current);
    if (name === undefined) return false;
    if (outermost && factory ? !FACTORIES.has(name) : !MODIFIERS.has(name)) return false;
    outermost = false;
    current = get(current, 'object');
  }
  return current?.type === 'Identifier' && TEST_FUNCTIONS.has(String(current.name)) && !(factory && outermost);
}

/** The callee of a call registering a test block: `it`, `it.only`, `it.each(table)`, ``it.each`table` ``. */
export function isTestCallee(callee: Node | undefined): boolean {
  if (!callee) return false;
  if (callee.type === 'CallExpression') return testChain(get(callee, 'callee'), true);
  if (callee.type === 'TaggedTemplateExpression') return testChain(get(callee, 'tag'), true);
  return testChain(callee, false);
}

/** Whether a function expression or arrow is an argument of such a call. */
export function isTestCallback(node: Node, ancestors: readonly Node[]): boolean {
  if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') return false;
  const { parent, child } = effectiveParent(node, ancestors);
  if (parent?.type !== 'CallExpression' || get(parent, 'callee') === child) return false;
  return isTestCallee(get(parent, 'callee'));
}

import { get, list, type Node } from './ast.js';
import { functionCore, functionParams, isFunctionLike } from './functions.js';
import { walk } from './walker.js';

/** Identifiers bound by a pattern (`a`, `[a, b = 1]`, `{a, b: c, ...d}`, parameters). */
export function patternIdentifiers(pattern: Node | undefined, out: Node[] = []): Node[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern);
      break;
    case 'ArrayPattern':
      for (const element of list(pattern, 'elements')) patternIdentifiers(element, out);
      break;
    case 'ObjectPattern':
      for (const property of list(pattern, 'properties')) patternIdentifiers(propertyTarget(property), out);
      break;
    default:
      patternIdentifiers(nestedPattern(pattern), out);
  }
  return out;
}

/** A Property (`{ a }`, `{ a: b }`, `{ a = 1 }`) binds its value; a RestElement is a pattern itself. */
function propertyTarget(property: Node): Node | undefined {
  return property.type === 'Property' ? get(property, 'value') : property;
}

/** RestElement, AssignmentPattern, TSParameterProperty: the pattern inside. */
function nestedPattern(node: Node): Node | undefined {
  return get(node, 'argument') ?? get(node, 'left') ?? get(node, 'parameter');
}

export function patternNames(pattern: Node | undefined): string[] {
  return patternIdentifiers(pattern).map((id) => String(id.name));
}

/**
 * Names declared anywhere inside a function (parameters, var/let/const, function and class
 * declarations, catch parameters), not looking into nested functions except for their own
 * declared name. Block scoping is approximated at function level: a `let x` in any block of
 * the function shadows a module-level `x` in the whole function. A method is walked from its
 * function (its `value`), which is not a nested one.
 */
export function declaredNames(fn: Node): Set<string> {
  const names = new Set<string>();
  for (const param of functionParams(fn)) for (const name of patternNames(param)) names.add(name);
  const core = functionCore(fn);
  walk(core, {
    enter(node) {
      if (node !== core && isFunctionLike(node)) {
        if (node.type === 'FunctionDeclaration') addIdentifier(names, get(node, 'id'));
        return false;
      }
      collectDeclaration(node, names);
      return undefined;
    },
  });
  return names;
}

function addIdentifier(names: Set<string>, id: Node | undefined): void {
  if (id?.type === 'Identifier') names.add(String(id.name));
}

function collectDeclaration(node: Node, names: Set<string>): void {
  if (node.type === 'VariableDeclarator') for (const name of patternNames(get(node, 'id'))) names.add(name);
  else if (node.type === 'CatchClause') for (const name of patternNames(get(node, 'param'))) names.add(name);
  else if (node.type === 'ClassDeclaration') addIdentifier(names, get(node, 'id'));
}

/** Top-level `let`/`var` declarations (also under `export`), with their identifiers. */
export function moduleBindings(body: readonly Node[]): Array<{ id: Node; kind: 'let' | 'var' }> {
  const out: Array<{ id: Node; kind: 'let' | 'var' }> = [];
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? get(statement, 'declaration') : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    const kind = declaration.kind;
    if (kind !== 'let' && kind !== 'var') continue;
    for (const declarator of list(declaration, 'declarations')) {
      for (const id of patternIdentifiers(get(declarator, 'id'))) out.push({ id, kind });
    }
  }
  return out;
}

import { dottedName, effectiveParent, get, list, str, type Node } from './ast.js';

const EXPORT_PARENTS = new Set(['ExportDeclaration', 'ExportDefaultDeclaration', 'ExportDefaultExpression']);
const ROOTS = new Set(['Module', 'Script']);
const DECLARATIONS = new Set(['FunctionDeclaration', 'ClassDeclaration']);

/** Local names exported by `export { a, b as c }` and `export default a`. */
export function exportedNames(body: readonly Node[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) {
    if (statement.type === 'ExportNamedDeclaration' && !get(statement, 'source')) {
      for (const specifier of list(statement, 'specifiers')) {
        const orig = get(specifier, 'orig');
        if (orig?.type === 'Identifier') names.add(String(orig.value));
      }
    } else if (statement.type === 'ExportDefaultExpression') {
      const expression = get(statement, 'expression');
      if (expression?.type === 'Identifier') names.add(String(expression.value));
    }
  }
  return names;
}

function isCommonJsExport(assignment: Node): boolean {
  const left = dottedName(get(assignment, 'left')) ?? '';
  return left === 'module.exports' || left.startsWith('module.exports.') || left.startsWith('exports.');
}

function declaredIdentifier(node: Node): string {
  const id = get(node, 'identifier');
  return id?.type === 'Identifier' ? String(id.value) : '';
}

/**
 * Whether a function/class node is exported: `export function`, `export default`, `export const x =`,
 * `export { x }`, `module.exports = ` / `exports.x = `.
 */
export function isExported(node: Node, ancestors: readonly Node[], names: ReadonlySet<string>): boolean {
  const { parent, child, index } = effectiveParent(node, ancestors);
  if (!parent) return false;
  if (EXPORT_PARENTS.has(parent.type)) return true;
  if (DECLARATIONS.has(node.type)) return ROOTS.has(parent.type) && names.has(declaredIdentifier(node));
  if (parent.type === 'VariableDeclarator' && get(parent, 'init') === child) return isExportedVariable(parent, ancestors[index - 2], names);
  return parent.type === 'AssignmentExpression' && get(parent, 'right') === child && isCommonJsExport(parent);
}

/** `export const x = ...` or a top-level `const x = ...` named in `export { x }`. */
function isExportedVariable(declarator: Node, holder: Node | undefined, names: ReadonlySet<string>): boolean {
  if (holder?.type === 'ExportDeclaration') return true;
  const id = get(declarator, 'id');
  return ROOTS.has(holder?.type ?? '') && id?.type === 'Identifier' && names.has(String(id.value));
}

/** Private class members (`#x`, TS `private`) are never part of an exported API. */
export function isPrivateMember(member: Node): boolean {
  return member.type === 'PrivateMethod' || str(member, 'accessibility') === 'private';
}

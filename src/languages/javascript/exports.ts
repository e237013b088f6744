import { dottedName, effectiveParent, get, list, nameOf, str, type Node } from './ast.js';

const EXPORT_PARENTS = new Set(['ExportNamedDeclaration', 'ExportDefaultDeclaration']);
const DECLARATIONS = new Set(['FunctionDeclaration', 'ClassDeclaration']);

/** Local names exported by `export { a, b as c }` and `export default a`. */
export function exportedNames(body: readonly Node[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) {
    if (statement.type === 'ExportNamedDeclaration' && !get(statement, 'source')) {
      for (const specifier of list(statement, 'specifiers')) {
        const local = get(specifier, 'local');
        if (local?.type === 'Identifier') names.add(String(local.name));
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = get(statement, 'declaration');
      if (declaration?.type === 'Identifier') names.add(String(declaration.name));
    }
  }
  return names;
}

function isCommonJsExport(assignment: Node): boolean {
  const left = dottedName(get(assignment, 'left')) ?? '';
  return left === 'module.exports' || left.startsWith('module.exports.') || left.startsWith('exports.');
}


/**
 * Whether a function/class node is exported: `export function`, `export default`, `export const x =`,
 * `export { x }`, `module.exports = ` / `exports.x = `.
 */
export function isExported(node: Node, ancestors: readonly Node[], names: ReadonlySet<string>): boolean {
  const { parent, child, index } = effectiveParent(node, ancestors);
  if (!parent) return false;
  if (EXPORT_PARENTS.has(parent.type)) return true;
  if (DECLARATIONS.has(node.type)) return parent.type === 'Program' && names.has(nameOf(get(node, 'id')) ?? '');
  if (parent.type === 'VariableDeclarator' && get(parent, 'init') === child) return isExportedVariable(parent, ancestors[index - 2], names);
  return parent.type === 'AssignmentExpression' && get(parent, 'right') === child && isCommonJsExport(parent);
}

/** `export const x = ...` or a top-level `const x = ...` named in `export { x }`. */
function isExportedVariable(declarator: Node, holder: Node | undefined, names: ReadonlySet<string>): boolean {
  if (holder?.type === 'ExportNamedDeclaration') return true;
  const id = get(declarator, 'id');
  return holder?.type === 'Program' && id?.type === 'Identifier' && names.has(String(id.name));
}

/** Private class members (`#x`, TS `private`) are never part of an exported API. */
export function isPrivateMember(member: Node): boolean {
  return get(member, 'key')?.type === 'PrivateIdentifier' || str(member, 'accessibility') === 'private';
}

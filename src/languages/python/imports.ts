/** ImportFact and ModuleStateFact extraction. */
import type { ImportFact, ModuleStateFact } from '../../facts/types.js';
import { fieldChild, fieldChildren, nodesOf, ownerOf, positionOf, textOf, type NodeIndex, type PyNode, type Source } from './tree.js';

/** `if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:` consequence: imports there are type-only. */
function isTypeOnly(src: Source, node: PyNode): boolean {
  let n = node;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type !== 'if_statement' || n.field !== 'consequence') continue;
    const condition = fieldChild(p, 'condition');
    if (condition && /^(?:\w+\.)?TYPE_CHECKING$/.test(textOf(src, condition))) return true;
  }
  return false;
}

/** The imported dotted name of `a.b` or `a.b as c`. */
function importedName(src: Source, node: PyNode): string {
  return textOf(src, node.type === 'aliased_import' ? (fieldChild(node, 'name') ?? node) : node);
}

function moduleImports(src: Source, stmt: PyNode): ImportFact[] {
  const typeOnly = isTypeOnly(src, stmt);
  return fieldChildren(stmt, 'name').map((name) => ({
    ...positionOf(src, stmt),
    specifier: importedName(src, name),
    ...(typeOnly ? { typeOnly } : {}),
  }));
}

function fromImport(src: Source, stmt: PyNode): ImportFact {
  const module = fieldChild(stmt, 'module_name');
  const names = fieldChildren(stmt, 'name').map((n) => importedName(src, n));
  if (stmt.children.some((c) => c.type === 'wildcard_import')) names.push('*');
  const typeOnly = isTypeOnly(src, stmt);
  return {
    ...positionOf(src, stmt),
    specifier: module ? textOf(src, module).replace(/\s+/g, '') : '__future__',
    names,
    ...(typeOnly ? { typeOnly } : {}),
  };
}

export function collectImports(src: Source, index: NodeIndex): ImportFact[] {
  return nodesOf(index, 'import_statement', 'import_from_statement', 'future_import_statement').flatMap((node) =>
    node.type === 'import_statement' ? moduleImports(src, node) : [fromImport(src, node)],
  );
}

/** Each name of a `global` statement inside a function, at the statement's position. */
export function collectModuleState(src: Source, index: NodeIndex): ModuleStateFact[] {
  const state: ModuleStateFact[] = [];
  for (const node of nodesOf(index, 'global_statement')) {
    if (ownerOf(node)?.type !== 'function_definition') continue;
    for (const id of node.children) {
      if (id.type === 'identifier') state.push({ ...positionOf(src, node), name: textOf(src, id), kind: 'global' });
    }
  }
  return state;
}

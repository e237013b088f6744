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

/** Inside a function or method body: runs when it is called, not when the module is imported. */
function isDeferred(stmt: PyNode): boolean {
  for (let p = stmt.parent; p; p = p.parent) if (p.type === 'function_definition') return true;
  return false;
}

/** The flags of an import statement that does not run (or not at import time), only those that are set. */
function flagsOf(src: Source, stmt: PyNode): Pick<ImportFact, 'typeOnly' | 'deferred'> {
  return { ...(isTypeOnly(src, stmt) ? { typeOnly: true } : {}), ...(isDeferred(stmt) ? { deferred: true } : {}) };
}

/** The imported dotted name of `a.b` or `a.b as c`. */
function importedName(src: Source, node: PyNode): string {
  return textOf(src, node.type === 'aliased_import' ? (fieldChild(node, 'name') ?? node) : node);
}

function moduleImports(src: Source, stmt: PyNode): ImportFact[] {
  const flags = flagsOf(src, stmt);
  return fieldChildren(stmt, 'name').map((name) => ({
    ...positionOf(src, stmt),
    specifier: importedName(src, name),
    ...flags,
  }));
}

function fromImport(src: Source, stmt: PyNode): ImportFact {
  const module = fieldChild(stmt, 'module_name');
  const names = fieldChildren(stmt, 'name').map((n) => importedName(src, n));
  if (stmt.children.some((c) => c.type === 'wildcard_import')) names.push('*');
  return {
    ...positionOf(src, stmt),
    specifier: module ? textOf(src, module).replace(/\s+/g, '') : '__future__',
    names,
    ...flagsOf(src, stmt),
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

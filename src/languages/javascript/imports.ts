import type { ImportFact } from '../../facts/types.js';
import { get, keyName, list, unwrap, type Node } from './ast.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

/** What a local name is bound to: `imported` is `*` for a namespace/whole module, else the export name. */
export interface ModuleBinding {
  module: string;
  imported: string;
}

export interface ImportScan {
  imports: ImportFact[];
  bindings: Map<string, ModuleBinding>;
}

/** The text of a string literal or of a template literal without `${}`. */
export function staticString(node: Node | undefined): string | undefined {
  if (node?.type === 'StringLiteral') return String(node.value);
  if (node?.type !== 'TemplateLiteral' || list(node, 'expressions').length > 0) return undefined;
  const quasi = list(node, 'quasis')[0];
  return typeof quasi?.cooked === 'string' ? quasi.cooked : typeof quasi?.raw === 'string' ? quasi.raw : undefined;
}

/** `require('m')` -> 'm'. */
export function requiredModule(node: Node | undefined): string | undefined {
  const call = unwrap(node);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = get(call, 'callee');
  if (callee?.type !== 'Identifier' || callee.value !== 'require') return undefined;
  return staticString(list(call, 'arguments')[0]);
}

function dynamicImport(node: Node): string | undefined {
  if (get(node, 'callee')?.type !== 'Import') return undefined;
  return staticString(list(node, 'arguments')[0]);
}

function bindImportSpecifiers(node: Node, module: string, bindings: Map<string, ModuleBinding>): void {
  for (const specifier of list(node, 'specifiers')) {
    const local = get(specifier, 'local');
    if (!local) continue;
    let imported = '*';
    if (specifier.type === 'ImportDefaultSpecifier') imported = 'default';
    else if (specifier.type === 'ImportSpecifier') imported = keyName(get(specifier, 'imported') ?? local);
    bindings.set(String(local.value), { module, imported });
  }
}

function bindRequire(declarator: Node, bindings: Map<string, ModuleBinding>): void {
  const module = requiredModule(get(declarator, 'init'));
  const id = get(declarator, 'id');
  if (module === undefined || !id) return;
  if (id.type === 'Identifier') bindings.set(String(id.value), { module, imported: '*' });
  if (id.type !== 'ObjectPattern') return;
  for (const property of list(id, 'properties')) {
    const key = get(property, 'key');
    const local = property.type === 'AssignmentPatternProperty' ? key : get(property, 'value');
    if (key && local?.type === 'Identifier') bindings.set(String(local.value), { module, imported: keyName(key) });
  }
}

type SourceReader = (node: Node) => string | undefined;

const declarationSource: SourceReader = (node) => staticString(get(node, 'source'));

const SOURCES: Record<string, SourceReader> = {
  ImportDeclaration: declarationSource,
  ExportAllDeclaration: declarationSource,
  ExportNamedDeclaration: declarationSource,
  TsImportEqualsDeclaration: (node) => {
    const ref = get(node, 'moduleRef');
    return ref?.type === 'TsExternalModuleReference' ? staticString(get(ref, 'expression')) : undefined;
  },
  CallExpression: (node) => requiredModule(node) ?? dynamicImport(node),
};

/** Nodes that may import a module or bind a `require`d one. */
const IMPORT_NODES = new Set([...Object.keys(SOURCES), 'VariableDeclarator']);

function moduleOf(node: Node): { specifier: string; typeOnly: boolean } | undefined {
  const reader = SOURCES[node.type];
  const specifier = reader ? reader(node) : undefined;
  if (specifier === undefined) return undefined;
  return { specifier, typeOnly: node.typeOnly === true || node.isTypeOnly === true };
}

/**
 * Import declarations, `export ... from`, `require('x')`, `import('x')` (into `scan.imports`, in
 * walk order) and the local names they bind (into `scan.bindings`, complete once the walk is over).
 */
export function importVisitor(parsed: ParsedSource, scan: ImportScan): Visitor {
  return {
    types: IMPORT_NODES,
    enter(node) {
      const found = moduleOf(node);
      if (found) {
        const fact: ImportFact = { specifier: found.specifier, ...parsed.pos(node.span?.start ?? 0) };
        if (found.typeOnly) fact.typeOnly = true;
        scan.imports.push(fact);
        if (node.type === 'ImportDeclaration') bindImportSpecifiers(node, found.specifier, scan.bindings);
      }
      if (node.type === 'VariableDeclarator') bindRequire(node, scan.bindings);
    },
  };
}

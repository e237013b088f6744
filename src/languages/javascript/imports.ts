import type { ImportFact } from '../../facts/types.js';
import { get, keyName, list, memberKeyName, nameOf, unwrap, type Node } from './ast.js';
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
  if (node?.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node?.type !== 'TemplateLiteral' || list(node, 'expressions').length > 0) return undefined;
  const text = list(node, 'quasis')[0]?.value as { cooked?: unknown; raw?: unknown } | undefined;
  return typeof text?.cooked === 'string' ? text.cooked : typeof text?.raw === 'string' ? text.raw : undefined;
}

/** `require('m')` -> 'm'. */
export function requiredModule(node: Node | undefined): string | undefined {
  const call = unwrap(node);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = get(call, 'callee');
  if (callee?.type !== 'Identifier' || callee.name !== 'require') return undefined;
  return staticString(list(call, 'arguments')[0]);
}

function bindImportSpecifiers(node: Node, module: string, bindings: Map<string, ModuleBinding>): void {
  for (const specifier of list(node, 'specifiers')) {
    const local = nameOf(get(specifier, 'local'));
    if (local === undefined) continue;
    let imported = '*';
    if (specifier.type === 'ImportDefaultSpecifier') imported = 'default';
    else if (specifier.type === 'ImportSpecifier') imported = keyName(get(specifier, 'imported'));
    bindings.set(local, { module, imported });
  }
}

/** `const cp = require('m')`, `const { exec, spawn: s } = require('m')`. */
function bindRequire(declarator: Node, bindings: Map<string, ModuleBinding>): void {
  const module = requiredModule(get(declarator, 'init'));
  const id = get(declarator, 'id');
  if (module === undefined || !id) return;
  if (id.type === 'Identifier') bindings.set(String(id.name), { module, imported: '*' });
  if (id.type !== 'ObjectPattern') return;
  for (const property of list(id, 'properties')) {
    if (property.type !== 'Property') continue; // a rest element binds no export name
    const key = get(property, 'key');
    // Shorthand `{ exec }` / `{ exec = f }`: the key is the local name (the value may hold a default).
    const local = property.shorthand === true ? key : get(property, 'value');
    if (!key || local?.type !== 'Identifier') continue;
    bindings.set(String(local.name), { module, imported: memberKeyName(property) });
  }
}

type SourceReader = (node: Node) => string | undefined;

const declarationSource: SourceReader = (node) => staticString(get(node, 'source'));

const SOURCES: Record<string, SourceReader> = {
  ImportDeclaration: declarationSource,
  ExportAllDeclaration: declarationSource,
  ExportNamedDeclaration: declarationSource,
  ImportExpression: declarationSource,
  TSImportEqualsDeclaration: (node) => {
    const ref = get(node, 'moduleReference');
    return ref?.type === 'TSExternalModuleReference' ? staticString(get(ref, 'expression')) : undefined;
  },
  CallExpression: requiredModule,
};

/** Nodes that may import a module or bind a `require`d one. */
const IMPORT_NODES = new Set([...Object.keys(SOURCES), 'VariableDeclarator']);

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** `import()` anywhere, `require()` inside a function: they run later than the module's own import. */
function isDeferred(node: Node, ancestors: readonly Node[]): boolean {
  if (node.type === 'ImportExpression') return true;
  return node.type === 'CallExpression' && ancestors.some((ancestor) => FUNCTIONS.has(ancestor.type));
}

/**
 * Erased by TypeScript: `import type`, `export type … from`, and `import { type A, type B }` /
 * `export { type A } from` when every specifier is a type.
 */
function isTypeOnly(node: Node): boolean {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  if (node.type !== 'ImportDeclaration' && node.type !== 'ExportNamedDeclaration') return false;
  const specifiers = list(node, 'specifiers');
  const kind = node.type === 'ImportDeclaration' ? 'importKind' : 'exportKind';
  return specifiers.length > 0 && specifiers.every((specifier) => specifier[kind] === 'type');
}

/** Where an import starts: `export import a = require('m')` starts at `export`, like the swc front-end's. */
function importStart(node: Node, ancestors: readonly Node[]): number {
  const parent = ancestors[ancestors.length - 1];
  return node.type === 'TSImportEqualsDeclaration' && parent?.type === 'ExportNamedDeclaration' ? parent.start : node.start;
}

/**
 * Import declarations, `export ... from`, `require('x')`, `import('x')` (into `scan.imports`, in
 * walk order, marked type-only or deferred where they do not run when the module is imported) and the local names they bind (into `scan.bindings`, complete once the walk is over).
 */
export function importVisitor(parsed: ParsedSource, scan: ImportScan): Visitor {
  return {
    types: IMPORT_NODES,
    enter(node, ancestors) {
      if (node.type === 'VariableDeclarator') {
        bindRequire(node, scan.bindings);
        return;
      }
      const specifier = SOURCES[node.type]!(node);
      if (specifier === undefined) return;
      const fact: ImportFact = { specifier, ...parsed.pos(importStart(node, ancestors)) };
      if (isTypeOnly(node)) fact.typeOnly = true;
      if (isDeferred(node, ancestors)) fact.deferred = true;
      scan.imports.push(fact);
      if (node.type === 'ImportDeclaration') bindImportSpecifiers(node, specifier, scan.bindings);
    },
  };
}

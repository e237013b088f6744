import { createHash } from 'node:crypto';
import { isNode, type Node } from './ast.js';
import { walk } from './walker.js';

/** 64 bits of SHA-1: collisions stay negligible across large projects. */
const HASH_HEX_DIGITS = 16;
const LITERALS = new Set(['StringLiteral', 'NumericLiteral', 'BigIntLiteral', 'RegExpLiteral', 'TemplateElement', 'JSXText']);
/** Scalar fields that are part of the structure (operators, declaration kinds, flags). */
const STRUCTURAL_FIELDS = ['operator', 'kind', 'prefix', 'optional', 'computed', 'async', 'generator', 'await', 'delegate'];

function propertyName(node: Node, ancestors: readonly Node[]): string | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'MemberExpression' && parent.property === node) return String(node.value);
  return undefined;
}

function describe(node: Node, ancestors: readonly Node[], names: Map<string, number>): string {
  if (LITERALS.has(node.type)) return 'LIT';
  if (node.type === 'Identifier') {
    const property = propertyName(node, ancestors);
    if (property !== undefined) return `.${property}`;
    const name = String(node.value);
    if (!names.has(name)) names.set(name, names.size);
    return `ID${names.get(name)!}`;
  }
  let text = node.type;
  for (const field of STRUCTURAL_FIELDS) {
    const value = node[field];
    if (value !== undefined && value !== null && !isNode(value) && typeof value !== 'object') text += `:${String(value)}`;
  }
  return text;
}

/**
 * Hash of a function body's structure: node types, operators and member property names are kept;
 * identifiers are renamed by order of first appearance (so a consistently renamed copy hashes the
 * same) and literal values are replaced by `LIT`.
 */
export function bodyHash(body: Node): string {
  const names = new Map<string, number>();
  const parts: string[] = [];
  walk(body, {
    enter(node, ancestors) {
      parts.push(describe(node, ancestors, names));
    },
    leave() {
      parts.push(')');
    },
  });
  return createHash('sha1').update(parts.join(' ')).digest('hex').slice(0, HASH_HEX_DIGITS);
}

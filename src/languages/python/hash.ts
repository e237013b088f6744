/** Structural hash of a function body for CON_ALGORITHM (identifiers and literals normalised). */
import { createHash } from 'node:crypto';
import { isDocstringStatement } from './scope.js';
import type { PyNode } from './tree.js';

const LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/**
 * Serialises the subtree as `(type children...)`, with every identifier as `I` and every literal
 * (numbers, strings, True/False/None) as `L`; comments and the docstring are left out. Keywords and
 * operators are anonymous nodes whose type is their text, so they stay in the shape.
 */
function serialise(root: PyNode): string {
  const out: string[] = [];
  const stack: Array<PyNode | ')'> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === ')') {
      out.push(')');
      continue;
    }
    if (node.type === 'comment' || isDocstringStatement(node)) continue;
    if (node.type === 'identifier') out.push('I');
    else if (LITERALS.has(node.type)) out.push('L');
    else if (node.children.length === 0) out.push(node.type);
    else {
      out.push(`(${node.type}`);
      stack.push(')');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return out.join(' ');
}

export function bodyHashOf(body: PyNode): string {
  return createHash('sha1').update(serialise(body)).digest('hex');
}

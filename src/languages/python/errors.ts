/** Syntax errors: the first ERROR or MISSING node of the tree. */
import type { ParseErrorFact } from '../../facts/types.js';
import { positionOf, textOf, walk, type PyNode, type Source } from './tree.js';

function firstError(root: PyNode): PyNode | undefined {
  let found: PyNode | undefined;
  walk(root, (node) => {
    if (found) return false;
    if (node.type === 'ERROR' || node.missing) found = node;
    return found === undefined;
  });
  return found;
}

function describe(src: Source, node: PyNode): string {
  if (node.missing) return `missing \`${node.type}\``;
  const snippet = textOf(src, node).split('\n')[0]!.trim().slice(0, 40);
  return snippet ? `unexpected \`${snippet}\`` : 'unexpected end of input';
}

export function syntaxError(src: Source, root: PyNode): ParseErrorFact {
  const node = firstError(root) ?? root;
  const position = positionOf(src, node);
  return { ...position, message: `Syntax error at line ${position.line}, column ${position.column}: ${describe(src, node)}` };
}

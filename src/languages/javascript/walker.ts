import { children, type Node } from './ast.js';

export interface Visitor {
  /** Return `false` to skip the children (and the `leave` call) of this node. */
  enter(node: Node, ancestors: readonly Node[]): boolean | void;
  leave?(node: Node, ancestors: readonly Node[]): void;
}

interface Item {
  node: Node;
  exit: boolean;
}

/**
 * Depth-first walk in source order, iterative (deeply nested expressions must not overflow
 * the call stack). `ancestors` holds the typed nodes from the root down to the parent.
 */
export function walk(root: Node, visitor: Visitor): void {
  const ancestors: Node[] = [];
  const stack: Item[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.exit) {
      ancestors.pop();
      visitor.leave?.(item.node, ancestors);
      continue;
    }
    if (visitor.enter(item.node, ancestors) === false) continue;
    ancestors.push(item.node);
    stack.push({ node: item.node, exit: true });
    const kids = children(item.node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false });
  }
}

/** Walk without ancestors bookkeeping needs; `enter` may return false to prune. */
export function forEachNode(root: Node, enter: (node: Node, ancestors: readonly Node[]) => boolean | void): void {
  walk(root, { enter });
}

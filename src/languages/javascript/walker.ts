import { children, type Node } from './ast.js';

export interface Visitor {
  /** Return `false` to skip the children (and the `leave` call) of this node. */
  enter(node: Node, ancestors: readonly Node[]): boolean | void;
  leave?(node: Node, ancestors: readonly Node[]): void;
}

/**
 * Depth-first walk in source order, iterative (deeply nested expressions must not overflow
 * the call stack). `ancestors` holds the typed nodes from the root down to the parent.
 */
export function walk(root: Node, visitor: Visitor): void {
  const ancestors: Node[] = [];
  // Parallel stacks (no allocation per visited node): the node, and whether it is being left.
  const nodes: Node[] = [root];
  const exits: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    if (exits.pop()) {
      ancestors.pop();
      visitor.leave?.(node, ancestors);
      continue;
    }
    if (visitor.enter(node, ancestors) === false) continue;
    ancestors.push(node);
    nodes.push(node);
    exits.push(true);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]!);
      exits.push(false);
    }
  }
}

/** One walk feeding several visitors (their `enter` results are ignored: nothing is pruned). */
export function walkAll(root: Node, visitors: readonly Visitor[]): void {
  const leaving = visitors.filter((v) => v.leave);
  walk(root, {
    enter(node, ancestors) {
      for (const visitor of visitors) visitor.enter(node, ancestors);
    },
    leave(node, ancestors) {
      for (const visitor of leaving) visitor.leave!(node, ancestors);
    },
  });
}

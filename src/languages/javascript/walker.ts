import { pushChildren, type Node } from './ast.js';

export interface Visitor {
  /** When set, `enter` is only called for nodes of these types (in `walkAll`). */
  types?: ReadonlySet<string>;
  /** Return `false` to skip the children (and the `leave` call) of this node. */
  enter(node: Node, ancestors: readonly Node[]): boolean | void;
  leave?(node: Node, ancestors: readonly Node[]): void;
}

/** Enters `node`: it becomes the parent, is left after its children, which are visited next in source order. */
function descend(node: Node, ancestors: Node[], nodes: Node[], exits: boolean[]): void {
  ancestors.push(node);
  nodes.push(node);
  exits.push(true);
  const count = pushChildren(node, nodes);
  for (let i = 0; i < count; i++) exits.push(false);
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
    descend(node, ancestors, nodes, exits);
  }
}

/**
 * One walk feeding several visitors (their `enter` results are ignored: nothing is pruned).
 * Visitors that declare `types` are only entered for those node types.
 */
export function walkAll(root: Node, visitors: readonly Visitor[]): void {
  const leaving: Visitor[] = visitors.filter((v) => v.leave);
  const leaveCount = leaving.length;
  // Visitors entered per node type, in a plain dictionary (computed on first sight of a type).
  const byType: Record<string, Visitor[]> = Object.create(null) as Record<string, Visitor[]>;
  const ancestors: Node[] = [];
  // Parallel stacks (no allocation per visited node): the node, and whether it is being left.
  const nodes: Node[] = [root];
  const exits: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    if (exits.pop()) {
      ancestors.pop();
      for (let i = 0; i < leaveCount; i++) leaving[i]!.leave!(node, ancestors);
      continue;
    }
    const type = node.type;
    let entered = byType[type];
    if (entered === undefined) {
      entered = visitors.filter((v) => !v.types || v.types.has(type));
      byType[type] = entered;
    }
    for (let i = 0; i < entered.length; i++) entered[i]!.enter(node, ancestors);
    descend(node, ancestors, nodes, exits);
  }
}

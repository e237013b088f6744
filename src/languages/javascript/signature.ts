import type { Position } from '../../facts/types.js';
import { get, type Node } from './ast.js';
import { thisParam } from './functions.js';
import type { ParsedSource } from './parse.js';
import { walk } from './walker.js';

/** Explicit `any` in parameter type annotations (default values are not looked at), `this` type and return type. */
export function anyInSignature(core: Node, params: readonly Node[], parsed: ParsedSource): Position[] {
  const found: Position[] = [];
  const roots = [...params, thisParam(core), get(core, 'returnType')];
  for (const root of roots) {
    if (!root) continue;
    walk(root, {
      enter(node, ancestors) {
        const parent = ancestors[ancestors.length - 1];
        if (parent?.type === 'AssignmentPattern' && get(parent, 'right') === node) return false;
        if (node.type === 'TSAnyKeyword') found.push(parsed.pos(node.start));
        return undefined;
      },
    });
  }
  return found;
}

import type { SecretFact } from '../../facts/types.js';
import { dottedName, effectiveParent, get, memberKeyName, type Node } from './ast.js';
import { staticString } from './imports.js';
import type { ParsedSource } from './parse.js';
import { findSecret, MIN_SECRET_LENGTH } from '../shared/secrets.js';
import type { Visitor } from './walker.js';

const KEYED = new Set(['Property', 'PropertyDefinition']);
const ASSIGNMENTS = new Set(['AssignmentExpression', 'AssignmentPattern']);
/** The nodes `staticString` reads (a `Literal` may also be a number, a regexp, ...). */
const STRING_NODES = new Set(['Literal', 'TemplateLiteral']);

/**
 * The name a literal is assigned to: `x = '...'`, `const x = '...'`, `{ x: '...' }`, `obj.x = '...'`,
 * `(x = '...') =>`, `enum E { x = '...' }`.
 */
function targetName(node: Node, ancestors: readonly Node[]): string | undefined {
  const { parent, child } = effectiveParent(node, ancestors);
  if (!parent) return undefined;
  if (get(parent, 'init') === child || get(parent, 'initializer') === child) return lastName(get(parent, 'id'));
  if (KEYED.has(parent.type) && get(parent, 'value') === child) return memberKeyName(parent);
  return ASSIGNMENTS.has(parent.type) && get(parent, 'right') === child ? lastName(get(parent, 'left')) : undefined;
}

/** `x` -> x, `a.b.x` -> x. */
function lastName(target: Node | undefined): string | undefined {
  const dotted = dottedName(target);
  return dotted?.slice(dotted.lastIndexOf('.') + 1);
}

/** Key-shaped strings anywhere, and credential-like names assigned a literal. Values are never stored. */
export function secretVisitor(parsed: ParsedSource, out: SecretFact[]): Visitor {
  return {
    types: STRING_NODES,
    enter(node, ancestors) {
      const value = staticString(node);
      if (value === undefined) return;
      // Shorter literals are never credentials: skip finding the name they are bound to.
      const secret = findSecret(value, value.length >= MIN_SECRET_LENGTH ? targetName(node, ancestors) : undefined);
      if (secret) out.push({ kind: secret.kind, name: secret.name, ...parsed.pos(node.start) });
    },
  };
}

import type { SecretFact } from '../../facts/types.js';
import { dottedName, effectiveParent, get, keyName, type Node } from './ast.js';
import { staticString } from './imports.js';
import type { ParsedSource } from './parse.js';
import { findKeyShape, isCredentialAssignment } from '../shared/secrets.js';
import { walk } from './walker.js';

const KEYED = new Set(['KeyValueProperty', 'ClassProperty', 'PrivateProperty']);

/** The name a literal is assigned to: `x = '...'`, `const x = '...'`, `{ x: '...' }`, `obj.x = '...'`, `(x = '...') =>`. */
function targetName(node: Node, ancestors: readonly Node[]): string | undefined {
  const { parent, child } = effectiveParent(node, ancestors);
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && get(parent, 'init') === child) {
    const id = get(parent, 'id');
    return id?.type === 'Identifier' ? String(id.value) : undefined;
  }
  if (KEYED.has(parent.type) && get(parent, 'value') === child) return keyName(get(parent, 'key'));
  if ((parent.type === 'AssignmentExpression' || parent.type === 'AssignmentPattern') && get(parent, 'right') === child) {
    const dotted = dottedName(get(parent, 'left'));
    return dotted?.slice(dotted.lastIndexOf('.') + 1);
  }
  return undefined;
}

/** Key-shaped strings anywhere, and credential-like names assigned a literal. Values are never stored. */
export function collectSecrets(parsed: ParsedSource): SecretFact[] {
  const out: SecretFact[] = [];
  walk(parsed.program, {
    enter(node, ancestors) {
      const value = staticString(node);
      if (value === undefined) return;
      const position = parsed.pos(node.span?.start ?? 0);
      const shape = findKeyShape(value);
      if (shape) {
        out.push({ kind: shape.kind, name: shape.name, ...position });
        return;
      }
      const name = value.length >= 8 ? targetName(node, ancestors) : undefined;
      if (name !== undefined && isCredentialAssignment(name, value)) out.push({ kind: 'credential-assignment', name, ...position });
    },
  });
  return out;
}

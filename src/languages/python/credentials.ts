/** SecretFact extraction. The secret value itself is never stored. */
import type { SecretFact } from '../../facts/types.js';
import { findSecret } from '../shared/secrets.js';
import { stringValue } from './strings.js';
import { stringLiterals } from './literals.js';
import { fieldChild, positionOf, textOf, type NodeIndex, type PyNode, type Source } from './tree.js';

/** The name a string is bound to as an attribute/subscript target or dict key. */
function targetName(src: Source, target: PyNode | undefined): string | undefined {
  switch (target?.type) {
    case 'identifier':
      return textOf(src, target);
    case 'attribute':
      return targetName(src, fieldChild(target, 'attribute'));
    case 'subscript':
      return targetName(src, fieldChild(target, 'subscript'));
    case 'string':
    case 'concatenated_string':
      return stringValue(src, target).value;
    default:
      return undefined;
  }
}

const NAME_FIELDS: Record<string, [valueField: string, nameField: string]> = {
  assignment: ['right', 'left'],
  keyword_argument: ['value', 'name'],
  pair: ['value', 'key'],
  default_parameter: ['value', 'name'],
  typed_default_parameter: ['value', 'name'],
};

/** `password = "..."`, `self.token = "..."`, `cfg["secret"] = "..."`, `f(api_key="...")`, `{"password": "..."}`, `def f(pwd="...")`. */
function boundName(src: Source, literal: PyNode): string | undefined {
  let n = literal;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const parent = n.parent;
  const fields = parent ? NAME_FIELDS[parent.type] : undefined;
  if (!parent || !fields || n.field !== fields[0]) return undefined;
  return targetName(src, fieldChild(parent, fields[1]));
}

function secretOf(src: Source, literal: PyNode): SecretFact | undefined {
  const { value, interpolated } = stringValue(src, literal);
  // An f-string's key shapes are read from its source text; its value is not a credential value.
  const secret = interpolated ? findSecret(textOf(src, literal), undefined) : findSecret(value, boundName(src, literal));
  return secret ? { ...positionOf(src, literal), kind: secret.kind, name: secret.name } : undefined;
}

/**
 * Key shapes in any string literal (f-strings included, on their source text); credential
 * assignments for plain strings bound to a credential-like name. A key shape wins over the
 * assignment at the same literal, so one literal gives at most one finding.
 */
export function collectSecrets(src: Source, index: NodeIndex): SecretFact[] {
  return stringLiterals(index).flatMap((node) => secretOf(src, node) ?? []);
}

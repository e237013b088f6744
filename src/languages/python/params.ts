/** Parameter counting for CON_POSITION and CON_TYPE. */
import { fieldChild, textOf, type PyNode, type Source } from './tree.js';

export interface ParamInfo {
  positional: number;
  total: number;
  unannotated: string[];
}

type ParamKind = 'plain' | 'annotated' | 'star' | 'double-star' | 'separator' | 'keyword-separator';

function kindOf(param: PyNode): ParamKind {
  switch (param.type) {
    case 'positional_separator':
      return 'separator';
    case 'keyword_separator':
      return 'keyword-separator';
    case 'list_splat_pattern':
      return 'star';
    case 'dictionary_splat_pattern':
      return 'double-star';
    case 'typed_parameter': {
      const inner = param.children.find((c) => c.named);
      if (inner?.type === 'list_splat_pattern') return 'star';
      if (inner?.type === 'dictionary_splat_pattern') return 'double-star';
      return 'annotated';
    }
    case 'typed_default_parameter':
      return 'annotated';
    default:
      return 'plain'; // identifier, default_parameter, tuple_pattern (Python 2)
  }
}

function paramName(src: Source, param: PyNode): string {
  const name = fieldChild(param, 'name') ?? param.children.find((c) => c.type === 'identifier');
  return textOf(src, name ?? param);
}

/**
 * Counts parameters. `hasReceiver`: the function is defined directly in a class body and is not a
 * `@staticmethod`, so its first parameter (`self`/`cls`) is the implicit receiver.
 * Positional = positional-only + positional-or-keyword parameters, without the receiver; parameters
 * after `*` or `*args` are keyword-only and not positional.
 */
interface Param {
  node: PyNode;
  kind: ParamKind;
  keywordOnly: boolean;
}

/** The declared parameters (separators removed), each marked keyword-only when it follows `*` or `*args`. */
function declaredParams(def: PyNode): Param[] {
  const list = fieldChild(def, 'parameters');
  const params: Param[] = [];
  let keywordOnly = false;
  for (const node of list?.children ?? []) {
    if (!node.named || node.type === 'comment') continue;
    const kind = kindOf(node);
    if (kind === 'star' || kind === 'keyword-separator') keywordOnly = true;
    if (kind !== 'separator' && kind !== 'keyword-separator') params.push({ node, kind, keywordOnly: keywordOnly && kind !== 'star' });
  }
  return params;
}

const isNamedParam = (p: Param): boolean => p.kind === 'plain' || p.kind === 'annotated';

export function analyseParams(src: Source, def: PyNode, hasReceiver: boolean): ParamInfo {
  const params = declaredParams(def);
  const receiverless = hasReceiver && params[0] && isNamedParam(params[0]) ? params.slice(1) : params;
  const named = receiverless.filter(isNamedParam);
  return {
    positional: named.filter((p) => !p.keywordOnly).length,
    total: params.length,
    unannotated: named.filter((p) => p.kind === 'plain').map((p) => paramName(src, p.node)),
  };
}

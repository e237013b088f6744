/** Parameter counting for CON_POSITION and CON_TYPE. */
import { fieldChild, textOf, type PyNode, type Source } from './tree.js';

export interface ParamInfo {
  positional: number;
  total: number;
  unannotated: string[];
}

type ParamKind = 'plain' | 'annotated' | 'star' | 'double-star' | 'separator' | 'keyword-separator';

const KINDS: Record<string, ParamKind> = {
  positional_separator: 'separator',
  keyword_separator: 'keyword-separator',
  list_splat_pattern: 'star',
  dictionary_splat_pattern: 'double-star',
  typed_default_parameter: 'annotated',
};

/** identifier, default_parameter and tuple_pattern (Python 2) are plain; `*args: T` is still a star. */
function kindOf(param: PyNode): ParamKind {
  if (param.type !== 'typed_parameter') return KINDS[param.type] ?? 'plain';
  const inner = param.children.find((c) => c.named);
  const innerKind = inner ? KINDS[inner.type] : undefined;
  return innerKind === 'star' || innerKind === 'double-star' ? innerKind : 'annotated';
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
  const nodes = list ? list.children.filter((c) => c.named && c.type !== 'comment') : [];
  for (const node of nodes) {
    const kind = kindOf(node);
    if (kind === 'star' || kind === 'keyword-separator') keywordOnly = true;
    if (kind !== 'separator' && kind !== 'keyword-separator') params.push({ node, kind, keywordOnly });
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

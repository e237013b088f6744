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
export function analyseParams(src: Source, def: PyNode, hasReceiver: boolean): ParamInfo {
  const info: ParamInfo = { positional: 0, total: 0, unannotated: [] };
  const list = fieldChild(def, 'parameters');
  let keywordOnly = false;
  let first = true;
  for (const param of list ? list.children.filter((c) => c.named && c.type !== 'comment') : []) {
    const kind = kindOf(param);
    if (kind === 'separator') continue;
    if (kind === 'keyword-separator' || kind === 'star') keywordOnly = true;
    if (kind === 'keyword-separator') continue;
    info.total++;
    const isReceiver = first && hasReceiver && (kind === 'plain' || kind === 'annotated');
    first = false;
    if (isReceiver || kind === 'star' || kind === 'double-star') continue;
    if (!keywordOnly) info.positional++;
    if (kind === 'plain') info.unannotated.push(paramName(src, param));
  }
  return info;
}

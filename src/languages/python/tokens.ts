/** Normalised token stream (DUPLICATION) and code-line count. */
import { packTokens, type TokenStream } from '../../facts/types.js';
import { fnv1a } from '../shared/text.js';
import { walk, type PyNode, type Source } from './tree.js';

const LITERAL_LEAVES = new Set(['string', 'concatenated_string', 'integer', 'float']);
const SKIPPED = new Set(['comment', 'line_continuation']);

const ID_HASH = fnv1a('ID');
/** Identifiers are normalised; literals keep their text (two blocks differing only in strings are not clones). */
function tokenHash(node: PyNode, src: Source): number {
  if (node.type === 'identifier') return ID_HASH;
  if (LITERAL_LEAVES.has(node.type)) return fnv1a(`LIT:${src.text.slice(node.start, node.end)}`);
  return fnv1a(node.type); // keywords and operators: an anonymous node's type is its text
}

/**
 * Walks the leaves in source order. A string (including a whole f-string and an implicit
 * concatenation) is one `LIT` token; every line it spans is a code line (so docstrings count as code).
 */
export function scanTokens(src: Source, root: PyNode): { tokens: TokenStream; codeLines: number } {
  const hashes: number[] = [];
  const lines: number[] = [];
  const code = new Set<number>();
  walk(root, (node) => {
    const isLeaf = node.children.length === 0 || node.type === 'string' || node.type === 'concatenated_string';
    if (!isLeaf) return true;
    if (SKIPPED.has(node.type) || node.end === node.start) return false;
    const first = src.lines.position(node.start).line;
    const last = src.lines.position(node.end - 1).line;
    for (let line = first; line <= last; line++) code.add(line);
    hashes.push(tokenHash(node, src));
    lines.push(first);
    return false;
  });
  return { tokens: packTokens(hashes, lines), codeLines: code.size };
}

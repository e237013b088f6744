/** Normalised token stream (DUPLICATION) and code-line count. */
import { packTokens, TOKEN_BREAK, type TokenStream } from '../../facts/types.js';
import { fnv1a } from '../shared/text.js';
import { isOverloadDecorator } from './scope.js';
import { fieldChild, textOf, walk, type PyNode, type Source } from './tree.js';

const LITERAL_LEAVES = new Set(['string', 'concatenated_string', 'integer', 'float']);
const SKIPPED = new Set(['comment', 'line_continuation']);

const ID_HASH = fnv1a('ID');
/** Identifiers are normalised; literals keep their text (two blocks differing only in strings are not clones). */
function tokenHash(node: PyNode, src: Source): number {
  if (node.type === 'identifier') return ID_HASH;
  if (LITERAL_LEAVES.has(node.type)) return fnv1a(`LIT:${src.text.slice(node.start, node.end)}`);
  return fnv1a(node.type); // keywords and operators: an anonymous node's type is its text
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** `__all__ = [...]` / `__all__ += [...]`: the module's list of exported names. */
function isExportList(src: Source, statement: PyNode): boolean {
  const assignment = statement.children[0];
  if (statement.type !== 'expression_statement' || (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment')) return false;
  const left = fieldChild(assignment, 'left');
  return left?.type === 'identifier' && textOf(src, left) === '__all__';
}

/**
 * Statements that declare names without code, left out of the stream: imports, `__all__` and
 * `@overload` stubs (typing's signatures of one function, parallel by nature).
 */
function isDeclarationOnly(src: Source, node: PyNode): boolean {
  if (IMPORTS.has(node.type)) return true;
  if (node.type === 'decorated_definition') return node.children.some((c) => c.type === 'decorator' && isOverloadDecorator(src, c));
  return isExportList(src, node);
}

/**
 * Walks the leaves in source order. A string (including a whole f-string and an implicit
 * concatenation) is one `LIT` token; every line it spans is a code line (so docstrings count as code).
 * Declarations without code (`isDeclarationOnly`) are left out: each run of them is one
 * TOKEN_BREAK, which no clone spans (their lines still count as code).
 */
export function scanTokens(src: Source, root: PyNode): { tokens: TokenStream; codeLines: number } {
  const hashes: number[] = [];
  const lines: number[] = [];
  const code = new Set<number>();
  const codeLinesOf = (node: PyNode): void => {
    const first = src.lines.position(node.start).line;
    const last = src.lines.position(node.end - 1).line;
    for (let line = first; line <= last; line++) code.add(line);
  };
  walk(root, (node) => {
    if (isDeclarationOnly(src, node)) {
      if (hashes[hashes.length - 1] !== TOKEN_BREAK) {
        hashes.push(TOKEN_BREAK);
        lines.push(src.lines.position(node.start).line);
      }
      walk(node, (leaf) => {
        if (leaf.children.length > 0 && leaf.type !== 'string' && leaf.type !== 'concatenated_string') return true;
        if (!SKIPPED.has(leaf.type) && leaf.end > leaf.start) codeLinesOf(leaf);
        return false;
      });
      return false;
    }
    const isLeaf = node.children.length === 0 || node.type === 'string' || node.type === 'concatenated_string';
    if (!isLeaf) return true;
    if (SKIPPED.has(node.type) || node.end === node.start) return false;
    codeLinesOf(node);
    hashes.push(tokenHash(node, src));
    lines.push(src.lines.position(node.start).line);
    return false;
  });
  return { tokens: packTokens(hashes, lines), codeLines: code.size };
}

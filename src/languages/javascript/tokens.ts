import type { TokenStream } from '../../facts/types.js';
import { fnv1a } from '../shared/text.js';
import type { Node } from './ast.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

const IDENTIFIERS = new Set(['Identifier', 'PrivateName', 'JSXNamespacedName']);
const LITERALS = new Set(['StringLiteral', 'NumericLiteral', 'BigIntLiteral', 'RegExpLiteral', 'TemplateElement', 'JSXText']);
const OPERATORS = new Set(['BinaryExpression', 'AssignmentExpression', 'UnaryExpression', 'UpdateExpression']);
/** Wrappers that have no token of their own. */
const SILENT = new Set(['Module', 'Script', 'Parameter', 'Computed', 'ParenthesisExpression']);

/** Nodes that end with a closing bracket of their own, emitted as a token on their last line. */
const CLOSERS: Record<string, string> = {
  BlockStatement: '}',
  FunctionBody: '}',
  ObjectExpression: '}',
  ClassDeclaration: '}',
  ClassExpression: '}',
  SwitchStatement: '}',
  ArrayExpression: ']',
  CallExpression: ')',
  NewExpression: ')',
};

/**
 * The normalised token a node stands for: identifiers -> ID, literals keep their value (like
 * jscpd, so two blocks that differ only in their strings are not clones), otherwise keyword/operator/type.
 */
function tokenOf(node: Node): string | undefined {
  if (SILENT.has(node.type)) return undefined;
  if (IDENTIFIERS.has(node.type)) return 'ID';
  if (LITERALS.has(node.type)) return node.type === 'JSXText' && String(node.value).trim() === '' ? undefined : `LIT:${String(node.value ?? node.raw)}`;
  if (node.type === 'BooleanLiteral') return String(node.value);
  if (OPERATORS.has(node.type)) return String(node.operator);
  if (node.type === 'VariableDeclaration') return String(node.kind);
  return node.type;
}

/**
 * Normalised token stream for clone detection. swc exposes no token list, so the AST is walked
 * in source order and each node stands for its leading token (keyword, operator, ID or LIT),
 * with the line where the node starts; bracketed nodes add their closing bracket on their last
 * line. That is roughly one entry per source token.
 */
export function tokenVisitor(parsed: ParsedSource, stream: TokenStream): Visitor {
  const { hashes, lines } = stream;
  const cache = new Map<string, number>();
  const emit = (token: string, bytePos: number): void => {
    let hash = cache.get(token);
    if (hash === undefined) {
      hash = fnv1a(token);
      cache.set(token, hash);
    }
    hashes.push(hash);
    lines.push(parsed.pos(bytePos).line);
  };
  return {
    enter(node) {
      if (!node.span || node.span.end <= node.span.start) return; // no span, or synthesised by the parser
      const token = tokenOf(node);
      if (token !== undefined) emit(token, node.span.start);
    },
    leave(node) {
      const closer = CLOSERS[node.type];
      if (closer && node.span && node.span.end > node.span.start) emit(closer, node.span.end - 1);
    },
  };
}

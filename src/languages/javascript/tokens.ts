import type { TokenStream } from '../../facts/types.js';
import { fnv1a } from '../shared/text.js';
import type { Node } from './ast.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';


/** Nodes that end with a closing bracket of their own, emitted as a token on their last line. */
const CLOSERS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  BlockStatement: '}',
  FunctionBody: '}',
  ObjectExpression: '}',
  ClassDeclaration: '}',
  ClassExpression: '}',
  SwitchStatement: '}',
  ArrayExpression: ']',
  CallExpression: ')',
  NewExpression: ')',
});

/**
 * The normalised token a node stands for: identifiers -> ID, literals keep their value (like
 * jscpd, so two blocks that differ only in their strings are not clones), otherwise keyword/operator/type.
 */
function tokenOf(node: Node): string | undefined {
  const type = node.type;
  switch (type) {
    case 'Module':
    case 'Script':
    case 'Parameter':
    case 'Computed':
    case 'ParenthesisExpression':
      return undefined;
    case 'Identifier':
    case 'PrivateName':
    case 'JSXNamespacedName':
      return 'ID';
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BigIntLiteral':
    case 'RegExpLiteral':
    case 'TemplateElement':
    case 'JSXText':
      return type === 'JSXText' && String(node.value).trim() === '' ? undefined : `LIT:${String(node.value ?? node.raw)}`;
    case 'BooleanLiteral':
      return String(node.value);
    case 'BinaryExpression':
    case 'AssignmentExpression':
    case 'UnaryExpression':
    case 'UpdateExpression':
      return String(node.operator);
    case 'VariableDeclaration':
      return String(node.kind);
    default:
      return type;
  }
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
    lines.push(parsed.line(bytePos));
  };
  return {
    enter(node) {
      const span = node.span;
      if (!span || span.end <= span.start) return; // no span, or synthesised by the parser
      const token = tokenOf(node);
      if (token !== undefined) emit(token, span.start);
    },
    leave(node) {
      const closer = CLOSERS[node.type];
      if (closer === undefined) return;
      const span = node.span;
      if (span && span.end > span.start) emit(closer, span.end - 1);
    },
  };
}

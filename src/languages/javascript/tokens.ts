import { fnv1a, textHash } from '../shared/text.js';
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

const ID = fnv1a('ID');
const LIT_PREFIX = fnv1a('LIT:');

/**
 * Hash of the normalised token a node stands for (-1: none): identifiers -> `ID`, literals keep
 * their value (`LIT:<value>`, like jscpd, so two blocks that differ only in their strings are not
 * clones), otherwise the keyword, operator or node type. Hashes are FNV-1a of those texts.
 */
function tokenOf(node: Node): number {
  const type = node.type;
  switch (type) {
    case 'Module':
    case 'Script':
    case 'Parameter':
    case 'Computed':
    case 'ParenthesisExpression':
      return NO_TOKEN;
    case 'Identifier':
    case 'PrivateName':
    case 'JSXNamespacedName':
      return ID;
    case 'JSXText':
      return String(node.value).trim() === '' ? NO_TOKEN : fnv1a(String(node.value), LIT_PREFIX);
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BigIntLiteral':
    case 'RegExpLiteral':
    case 'TemplateElement':
      return fnv1a(String(node.value ?? node.raw), LIT_PREFIX);
    case 'BooleanLiteral':
      return textHash(String(node.value));
    case 'BinaryExpression':
    case 'AssignmentExpression':
    case 'UnaryExpression':
    case 'UpdateExpression':
      return textHash(String(node.operator));
    case 'VariableDeclaration':
      return textHash(String(node.kind));
    default:
      return textHash(type);
  }
}

const NO_TOKEN = -1;

/**
 * Normalised token stream for clone detection. swc exposes no token list, so the AST is walked
 * in source order and each node stands for its leading token (keyword, operator, ID or LIT),
 * with the line where the node starts; bracketed nodes add their closing bracket on their last
 * line. That is roughly one entry per source token.
 */
export function tokenVisitor(parsed: ParsedSource, stream: { hashes: number[]; lines: number[] }): Visitor {
  const { hashes, lines } = stream;
  return {
    enter(node) {
      const span = node.span;
      if (!span || span.end <= span.start) return; // no span, or synthesised by the parser
      const token = tokenOf(node);
      if (token === NO_TOKEN) return;
      hashes.push(token);
      lines.push(parsed.line(span.start));
    },
    leave(node) {
      const closer = CLOSERS[node.type];
      if (closer === undefined) return;
      const span = node.span;
      if (!span || span.end <= span.start) return;
      hashes.push(textHash(closer));
      lines.push(parsed.line(span.end - 1));
    },
  };
}

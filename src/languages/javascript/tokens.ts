import { fnv1a, textHash } from '../shared/text.js';
import type { Node } from './ast.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

/** Nodes that end with a closing bracket of their own, emitted as a token on their last line. */
const CLOSERS: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  BlockStatement: textHash('}'),
  StaticBlock: textHash('}'),
  ObjectExpression: textHash('}'),
  ClassDeclaration: textHash('}'),
  ClassExpression: textHash('}'),
  SwitchStatement: textHash('}'),
  ArrayExpression: textHash(']'),
  CallExpression: textHash(')'),
  NewExpression: textHash(')'),
  ImportExpression: textHash(')'),
});

const NO_TOKEN = -1;
const ID = fnv1a('ID');
const LIT_PREFIX = fnv1a('LIT:');
const TRUE = textHash('true');
const FALSE = textHash('false');
const NULL = textHash('NullLiteral');
/** Every regular expression is one token: the swc-based stream read their (missing) value as `undefined`. */
const REGEXP = fnv1a('undefined', LIT_PREFIX);
/**
 * The stream keeps the token classes of the former swc-based front-end, whose AST split or merged
 * some node types differently from ESTree: these are the names of those swc node types.
 */
const CALL = textHash('CallExpression');
const IMPORT = textHash('Import');
const OPTIONAL_CHAIN = textHash('OptionalChainingExpression');
const FUNCTION_BODY = textHash('FunctionBody');
const FUNCTION_EXPRESSION = textHash('FunctionExpression');
const FUNCTION_DECLARATION = textHash('FunctionDeclaration');
const CLASS_EXPRESSION = textHash('ClassExpression');
const KEYWORD_TYPE = textHash('TsKeywordType');
const TUPLE_ELEMENT = textHash('TsTupleElement');
const HERITAGE = textHash('TsExpressionWithTypeArguments');
const THIS_PARAMETER = textHash('TsThisParameter');
const CONST_ASSERTION = textHash('TsConstAssertion');
const EXPORT_DECLARATION = textHash('ExportDeclaration');
const EXPORT_DEFAULT_EXPRESSION = textHash('ExportDefaultExpression');
const SUPER_MEMBER = textHash('SuperPropExpression');
const STATIC_BLOCK_BODY = textHash('BlockStatement');
/** swc parsed the text behind a `;` (a position base): every stream starts with that EmptyStatement. */
const PROGRAM_START = textHash('EmptyStatement');

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'TSDeclareFunction', 'TSEmptyBodyFunctionExpression']);
const DEFAULT_DECLARATIONS = new Set(['ClassDeclaration', 'FunctionDeclaration', 'TSDeclareFunction', 'TSInterfaceDeclaration']);

function isConstType(node: Node | undefined): boolean {
  const name = node?.typeName as Node | undefined;
  return node?.type === 'TSTypeReference' && name?.type === 'Identifier' && name.name === 'const';
}

/** `x as const` (a TSTypeReference to `const` in ESTree) was one TsConstAssertion node. */
function asToken(node: Node): number {
  return isConstType(node.typeAnnotation as Node) ? CONST_ASSERTION : textHash(node.type);
}

/**
 * Identifiers are `ID`, except the names ESTree repeats or adds: `b` of `import { b }` /
 * `export { b }` (both sides of the specifier), `new`/`target` of `new.target`, the `const` of
 * `as const`. A `this` parameter of a function is one keyword-like token.
 */
function identifierToken(node: Node, parent: Node | undefined): number {
  switch (parent?.type) {
    case 'ImportSpecifier':
      return node === parent.imported && node.start === (parent.local as Node).start ? NO_TOKEN : ID;
    case 'ExportSpecifier':
      return node === parent.exported && node.start === (parent.local as Node).start ? NO_TOKEN : ID;
    case 'MetaProperty':
      return NO_TOKEN;
    case 'TSTypeReference':
      return node.name === 'const' ? NO_TOKEN : ID;
    default:
      return node.name === 'this' && parent !== undefined && FUNCTIONS.has(parent.type) ? THIS_PARAMETER : ID;
  }
}

/** `LIT:<value>` like jscpd (so blocks differing only in their strings are not clones), keywords for booleans and null. */
function literalToken(node: Node): number {
  const value = node.value;
  switch (typeof value) {
    case 'string':
      return fnv1a(value, LIT_PREFIX);
    case 'number':
      return fnv1a(String(value), LIT_PREFIX);
    case 'boolean':
      return value ? TRUE : FALSE;
    case 'bigint':
      return fnv1a(swcBigInt(value), LIT_PREFIX);
    default:
      if (node.regex) return REGEXP;
      if (typeof node.bigint === 'string') return fnv1a(swcBigInt(BigInt(node.bigint)), LIT_PREFIX);
      return NULL;
  }
}

const DIGIT_BITS = 32n;
const DIGIT_MASK = 0xffffffffn;

/** The text swc gave a BigInt's value: `sign,digits...` with little-endian 32-bit digits (`0,` for 0n). */
function swcBigInt(value: bigint): string {
  let text = value === 0n ? '0,' : '1';
  for (let rest = value; rest > 0n; rest >>= DIGIT_BITS) text += `,${rest & DIGIT_MASK}`;
  return text;
}

function propertyToken(node: Node, parent: Node | undefined): number {
  // Pattern `{ a }` / `{ a = 1 }` was an AssignmentPatternProperty; `key: value` pairs had no span.
  if (parent?.type === 'ObjectPattern') return node.shorthand === true ? textHash('AssignmentPatternProperty') : NO_TOKEN;
  if (node.kind === 'get') return textHash('GetterProperty');
  if (node.kind === 'set') return textHash('SetterProperty');
  return node.method === true ? textHash('MethodProperty') : NO_TOKEN;
}

function isMethodValue(parent: Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'MethodDefinition' || parent.type === 'TSAbstractMethodDefinition') return true;
  return parent.type === 'Property' && (parent.method === true || parent.kind !== 'init');
}

function methodToken(node: Node): number {
  if (node.kind === 'constructor') return textHash('Constructor');
  return (node.key as Node).type === 'PrivateIdentifier' ? textHash('PrivateMethod') : textHash('ClassMethod');
}

function classPropertyToken(node: Node): number {
  return (node.key as Node).type === 'PrivateIdentifier' ? textHash('PrivateProperty') : textHash('ClassProperty');
}

/**
 * Hash of the normalised token a node stands for (NO_TOKEN: none): identifiers -> `ID`, literals
 * keep their value, otherwise the keyword, operator or node type. Hashes are FNV-1a of those texts.
 */
function tokenOf(node: Node, parent: Node | undefined): number {
  const type = node.type;
  switch (type) {
    case 'Identifier':
      return identifierToken(node, parent);
    case 'PrivateIdentifier':
    case 'JSXIdentifier':
    case 'JSXNamespacedName':
      return ID;
    case 'Literal':
      return literalToken(node);
    case 'TemplateElement': {
      const raw = (node.value as { raw: string }).raw;
      return raw === '' ? NO_TOKEN : fnv1a(raw, LIT_PREFIX);
    }
    case 'JSXText':
      return String(node.value).trim() === '' ? NO_TOKEN : fnv1a(String(node.value), LIT_PREFIX);
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'AssignmentExpression':
    case 'UnaryExpression':
    case 'UpdateExpression':
      return textHash(node.operator as string);
    case 'VariableDeclaration':
      return textHash(node.kind as string);
    case 'Program':
    case 'ChainExpression':
    case 'ImportExpression':
    case 'ParenthesizedExpression':
    case 'SpreadElement':
    case 'ClassBody':
    case 'TSEnumBody':
    case 'TSEmptyBodyFunctionExpression':
      return NO_TOKEN;
    case 'Property':
      return propertyToken(node, parent);
    case 'AssignmentPattern':
      return parent?.type === 'Property' && parent.shorthand === true ? NO_TOKEN : textHash(type);
    case 'BlockStatement':
      return parent !== undefined && FUNCTIONS.has(parent.type) ? FUNCTION_BODY : textHash(type);
    case 'FunctionExpression':
      return isMethodValue(parent) ? NO_TOKEN : FUNCTION_EXPRESSION;
    case 'FunctionDeclaration':
    case 'TSDeclareFunction':
      return parent?.type === 'ExportDefaultDeclaration' ? FUNCTION_EXPRESSION : FUNCTION_DECLARATION;
    case 'ClassDeclaration':
      return parent?.type === 'ExportDefaultDeclaration' ? CLASS_EXPRESSION : textHash(type);
    case 'MethodDefinition':
    case 'TSAbstractMethodDefinition':
      return methodToken(node);
    case 'PropertyDefinition':
    case 'TSAbstractPropertyDefinition':
      return classPropertyToken(node);
    case 'MemberExpression':
      return (node.object as Node).type === 'Super' ? SUPER_MEMBER : textHash(type);
    case 'ExportNamedDeclaration':
      return node.declaration ? EXPORT_DECLARATION : textHash(type);
    case 'ExportDefaultDeclaration':
      return DEFAULT_DECLARATIONS.has((node.declaration as Node).type) ? textHash(type) : EXPORT_DEFAULT_EXPRESSION;
    case 'TSAsExpression':
      return asToken(node);
    case 'TSTypeReference':
      return parent?.type === 'TSAsExpression' && isConstType(node) ? NO_TOKEN : textHash(type);
    case 'TSNamedTupleMember':
      return TUPLE_ELEMENT;
    case 'TSInterfaceHeritage':
    case 'TSClassImplements':
      return HERITAGE;
    case 'TSAnyKeyword':
    case 'TSBigIntKeyword':
    case 'TSBooleanKeyword':
    case 'TSIntrinsicKeyword':
    case 'TSNeverKeyword':
    case 'TSNullKeyword':
    case 'TSNumberKeyword':
    case 'TSObjectKeyword':
    case 'TSStringKeyword':
    case 'TSSymbolKeyword':
    case 'TSUndefinedKeyword':
    case 'TSUnknownKeyword':
    case 'TSVoidKeyword':
      return KEYWORD_TYPE;
    default:
      return textHash(type);
  }
}

/**
 * The token swc had in front of a node's own, as a node ESTree does not have: the element of a
 * tuple type, the call around `import()`, the `;` in front of the program.
 */
function leadingToken(node: Node, parent: Node | undefined): number {
  switch (node.type) {
    case 'ImportExpression':
      return CALL;
    case 'Program':
      return PROGRAM_START;
    case 'TSNamedTupleMember':
      return NO_TOKEN;
    default:
      return parent?.type === 'TSTupleType' ? TUPLE_ELEMENT : NO_TOKEN;
  }
}

/** Tokens swc had right after a node's own: the `import` of `import()`, the block of `static {}`. */
function trailingToken(node: Node): number {
  if (node.type === 'ImportExpression') return IMPORT;
  return node.type === 'StaticBlock' ? STATIC_BLOCK_BODY : NO_TOKEN;
}

/**
 * The innermost optional link of a chain (`b` of `a?.b.c()`): swc wrapped each link of a chain
 * from the top one down to there in an OptionalChainingExpression, ESTree wraps the chain once.
 */
function lastOptionalLink(chain: Node): Node | undefined {
  let last: Node | undefined;
  for (let link = chain.expression as Node | undefined; link; ) {
    if (link.type === 'MemberExpression') {
      if (link.optional === true) last = link;
      link = link.object as Node;
    } else if (link.type === 'CallExpression') {
      if (link.optional === true) last = link;
      link = link.callee as Node;
    } else if (link.type === 'TSNonNullExpression') link = link.expression as Node;
    else break;
  }
  return last;
}

/**
 * Normalised token stream for clone detection. The AST is walked in source order and each node
 * stands for its leading token (keyword, operator, ID or LIT), with the line where the node
 * starts; bracketed nodes add their closing bracket on their last line. That is roughly one entry
 * per source token. The stream is the one the swc-based front-end produced (same tokens, lines
 * and token classes), so clone findings do not move with the parser.
 */
export function tokenVisitor(parsed: ParsedSource, stream: { hashes: number[]; lines: number[] }): Visitor {
  const { hashes, lines } = stream;
  // Links of the current chain are entered one after the other (each is the first child of the
  // previous one), down to this one.
  let chainEnd: Node | undefined;
  const push = (hash: number, offset: number): void => {
    hashes.push(hash);
    lines.push(parsed.line(offset));
  };
  return {
    enter(node, ancestors) {
      const parent = ancestors[ancestors.length - 1];
      if (node.type === 'ChainExpression') chainEnd = lastOptionalLink(node);
      else if (chainEnd !== undefined && (node.type === 'MemberExpression' || node.type === 'CallExpression')) {
        push(OPTIONAL_CHAIN, node.start);
        if (node === chainEnd) chainEnd = undefined;
      }
      const before = leadingToken(node, parent);
      if (before !== NO_TOKEN) push(before, node.start);
      if (node.end <= node.start) return; // synthesised by the parser (or an empty program)
      const token = tokenOf(node, parent);
      if (token !== NO_TOKEN) push(token, node.start);
      const after = trailingToken(node);
      if (after !== NO_TOKEN) push(after, node.start);
    },
    leave(node) {
      const closer = CLOSERS[node.type];
      if (closer === undefined || node.end <= node.start) return;
      push(closer, node.end - 1);
    },
  };
}

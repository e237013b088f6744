import { TOKEN_BREAK } from '../../facts/types.js';
import { fnv1a, textHash } from '../shared/text.js';
import type { Node } from './ast.js';
import { isMethodValue } from './functions.js';
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
const MEMBER = textHash('MemberExpression');
const BLOCK = textHash('BlockStatement');
const STATIC_BLOCK = textHash('StaticBlock');
const USING = textHash('UsingDeclaration');
const GETTER_SIGNATURE = textHash('TsGetterSignature');
const SETTER_SIGNATURE = textHash('TsSetterSignature');
const AUTO_ACCESSOR = textHash('AutoAccessor');
const REST_ELEMENT = textHash('RestElement');
const LITERAL_TYPE = textHash('TsLiteralType');
const TEMPLATE = textHash('TemplateLiteral');
const TYPE_PARAMETER = textHash('TsTypeParameter');
/** Object and class members, by the swc node types they were. */
const PATTERN_PROPERTY = textHash('AssignmentPatternProperty');
const GETTER = textHash('GetterProperty');
const SETTER = textHash('SetterProperty');
const OBJECT_METHOD = textHash('MethodProperty');
const CONSTRUCTOR = textHash('Constructor');
const PRIVATE_METHOD = textHash('PrivateMethod');
const CLASS_METHOD = textHash('ClassMethod');
const PRIVATE_PROPERTY = textHash('PrivateProperty');
const CLASS_PROPERTY = textHash('ClassProperty');
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

/**
 * `LIT:<value>` like jscpd (so blocks differing only in their strings are not clones), keywords
 * for booleans and null; a BigInt is `LIT:<digits>n`, a regular expression `LIT:/<pattern>/<flags>`.
 * `negated`: the number of a `-1` literal type, one negative literal in swc.
 */
function literalToken(node: Node, negated: boolean): number {
  const value = node.value;
  switch (typeof value) {
    case 'string':
      return fnv1a(value, LIT_PREFIX);
    case 'number':
      return fnv1a(String(negated ? -value : value), LIT_PREFIX);
    case 'boolean':
      return value ? TRUE : FALSE;
    case 'bigint':
      return fnv1a(`${negated ? -value : value}n`, LIT_PREFIX);
    default: {
      const regex = node.regex as { pattern: string; flags: string } | undefined;
      if (regex) return fnv1a(`/${regex.pattern}/${regex.flags}`, LIT_PREFIX);
      if (typeof node.bigint === 'string') return fnv1a(`${negated ? '-' : ''}${node.bigint}n`, LIT_PREFIX);
      return NULL;
    }
  }
}

function propertyToken(node: Node, parent: Node | undefined): number {
  // Pattern `{ a }` / `{ a = 1 }` was an AssignmentPatternProperty; `key: value` pairs had no span.
  if (parent?.type === 'ObjectPattern') return node.shorthand === true ? PATTERN_PROPERTY : NO_TOKEN;
  if (node.kind === 'get') return GETTER;
  if (node.kind === 'set') return SETTER;
  return node.method === true ? OBJECT_METHOD : NO_TOKEN;
}

function methodToken(node: Node): number {
  if (node.kind === 'constructor') return CONSTRUCTOR;
  return (node.key as Node).type === 'PrivateIdentifier' ? PRIVATE_METHOD : CLASS_METHOD;
}

function functionDeclarationToken(_node: Node, parent: Node | undefined): number {
  return parent?.type === 'ExportDefaultDeclaration' ? FUNCTION_EXPRESSION : FUNCTION_DECLARATION;
}

function classPropertyToken(node: Node): number {
  return (node.key as Node).type === 'PrivateIdentifier' ? PRIVATE_PROPERTY : CLASS_PROPERTY;
}

/** The visitor's output, for the rules that emit tokens around their node's own. */
interface Emitter {
  emit(hash: number, offset: number): void;
  /** The last link of the chain being entered (see `lastOptionalLink`). */
  chainEnd: Node | undefined;
}

/** A token held back until a node is left. */
interface Deferred {
  hash: number;
  offset: number;
  until: Node | undefined;
}

/**
 * The last decorator of a decorated parameter (`@Body() dto`), whose own token swc had after its
 * decorators (swc's TsParameterProperty, `@Inject() private x`, came first like ESTree's).
 */
function lastParameterDecorator(node: Node, parent: Node | undefined): Node | undefined {
  const decorators = node.decorators;
  if (!Array.isArray(decorators) || decorators.length === 0 || parent === undefined || !FUNCTIONS.has(parent.type)) return undefined;
  if (node.type === 'TSParameterProperty') return undefined;
  return decorators[decorators.length - 1] as Node;
}

/** Token of a node whose token depends on more than its type (NO_TOKEN: none). */
type TokenRule = (node: Node, parent: Node | undefined, ancestors: readonly Node[], out: Emitter) => number;

const operatorToken: TokenRule = (node) => textHash(node.operator as string);

/**
 * swc wrapped each link of an optional chain, from the top one down to the last `?.` one, in an
 * OptionalChainingExpression; ESTree wraps the chain once.
 */
function chainLink(node: Node, out: Emitter, own: number): number {
  if (out.chainEnd !== undefined) {
    out.emit(OPTIONAL_CHAIN, node.start);
    if (node === out.chainEnd) out.chainEnd = undefined;
  }
  return own;
}

const RULES: Record<string, TokenRule> = {
  Identifier: identifierToken,
  Literal: (node, parent, ancestors) =>
    literalToken(node, parent?.type === 'UnaryExpression' && ancestors[ancestors.length - 2]?.type === 'TSLiteralType'),
  TemplateElement: (node) => {
    const raw = (node.value as { raw: string }).raw;
    return raw === '' ? NO_TOKEN : fnv1a(raw, LIT_PREFIX);
  },
  JSXText: (node) => (String(node.value).trim() === '' ? NO_TOKEN : fnv1a(String(node.value), LIT_PREFIX)),
  BinaryExpression: operatorToken,
  LogicalExpression: operatorToken,
  AssignmentExpression: operatorToken,
  UpdateExpression: operatorToken,
  // `-1` in a literal type was one negative literal.
  UnaryExpression: (node, parent) => (parent?.type === 'TSLiteralType' ? NO_TOKEN : textHash(node.operator as string)),
  VariableDeclaration: (node) => (String(node.kind).endsWith('using') ? USING : textHash(node.kind as string)),
  Program: (node, _parent, _ancestors, out) => {
    out.emit(PROGRAM_START, node.start);
    return NO_TOKEN;
  },
  ChainExpression: (node, _parent, _ancestors, out) => {
    out.chainEnd = lastOptionalLink(node);
    return NO_TOKEN;
  },
  MemberExpression: (node, _parent, _ancestors, out) => chainLink(node, out, (node.object as Node).type === 'Super' ? SUPER_MEMBER : MEMBER),
  CallExpression: (node, _parent, _ancestors, out) => chainLink(node, out, CALL),
  ImportExpression: (node, _parent, _ancestors, out) => {
    out.emit(CALL, node.start);
    out.emit(IMPORT, node.start);
    return NO_TOKEN;
  },
  StaticBlock: (node, _parent, _ancestors, out) => {
    out.emit(STATIC_BLOCK, node.start);
    out.emit(BLOCK, node.start);
    return NO_TOKEN;
  },
  Property: propertyToken,
  AssignmentPattern: (node, parent) => (parent?.type === 'Property' && parent.shorthand === true ? NO_TOKEN : textHash(node.type)),
  BlockStatement: (_node, parent) => (parent !== undefined && FUNCTIONS.has(parent.type) ? FUNCTION_BODY : BLOCK),
  FunctionExpression: (node, parent) => (isMethodValue(node, parent) ? NO_TOKEN : FUNCTION_EXPRESSION),
  FunctionDeclaration: functionDeclarationToken,
  TSDeclareFunction: functionDeclarationToken,
  ClassDeclaration: (node, parent) => (parent?.type === 'ExportDefaultDeclaration' ? CLASS_EXPRESSION : textHash(node.type)),
  MethodDefinition: methodToken,
  TSAbstractMethodDefinition: methodToken,
  PropertyDefinition: classPropertyToken,
  TSAbstractPropertyDefinition: classPropertyToken,
  ExportNamedDeclaration: (node) => (node.declaration ? EXPORT_DECLARATION : textHash(node.type)),
  ExportDefaultDeclaration: (node) =>
    DEFAULT_DECLARATIONS.has((node.declaration as Node).type) ? textHash(node.type) : EXPORT_DEFAULT_EXPRESSION,
  TSAsExpression: asToken,
  TSTypeReference: (node, parent) => (parent?.type === 'TSAsExpression' && isConstType(node) ? NO_TOKEN : textHash(node.type)),
  TSMethodSignature: (node) => (node.kind === 'get' ? GETTER_SIGNATURE : node.kind === 'set' ? SETTER_SIGNATURE : textHash(node.type)),
  TSNamedTupleMember: (_node, parent) => (parent?.type === 'TSRestType' ? NO_TOKEN : TUPLE_ELEMENT),
  TSRestType: (node) => ((node.typeAnnotation as Node).type === 'TSNamedTupleMember' ? REST_ELEMENT : textHash(node.type)),
  TSTemplateLiteralType: (node, _parent, _ancestors, out) => {
    out.emit(LITERAL_TYPE, node.start);
    out.emit(TEMPLATE, node.start);
    return NO_TOKEN;
  },
  TSMappedType: (node, _parent, _ancestors, out) => {
    out.emit(textHash(node.type), node.start);
    out.emit(TYPE_PARAMETER, (node.key as Node).start); // the type parameter starts at the key
    return NO_TOKEN;
  },
};

/**
 * Token of each node type: a hash, or the rule that gives it. Types that are not listed stand
 * for their own name, added on first sight. A dictionary look-up per node: the type strings
 * that oxc returns are not internalised, a `switch` over them compares texts case by case.
 */
const TOKENS: Record<string, number | TokenRule> = Object.assign(Object.create(null) as Record<string, number | TokenRule>, RULES);
for (const type of ['PrivateIdentifier', 'JSXIdentifier', 'JSXNamespacedName']) TOKENS[type] = ID;
for (const type of ['ParenthesizedExpression', 'SpreadElement', 'ClassBody', 'TSEnumBody', 'TSEmptyBodyFunctionExpression', 'JSXSpreadAttribute', 'JSXEmptyExpression']) {
  TOKENS[type] = NO_TOKEN;
}
for (const type of ['AccessorProperty', 'TSAbstractAccessorProperty']) TOKENS[type] = AUTO_ACCESSOR;
for (const type of ['TSInterfaceHeritage', 'TSClassImplements']) TOKENS[type] = HERITAGE;
for (const keyword of ['Any', 'BigInt', 'Boolean', 'Intrinsic', 'Never', 'Null', 'Number', 'Object', 'String', 'Symbol', 'Undefined', 'Unknown', 'Void']) {
  TOKENS[`TS${keyword}Keyword`] = KEYWORD_TYPE;
}

/**
 * Hash of the normalised token a node stands for (NO_TOKEN: none): identifiers -> `ID`, literals
 * keep their value, otherwise the keyword, operator or node type. Hashes are FNV-1a of those texts.
 */
function tokenOf(node: Node, parent: Node | undefined, ancestors: readonly Node[], out: Emitter): number {
  const type = node.type;
  const entry = TOKENS[type];
  if (typeof entry === 'number') return entry;
  if (entry !== undefined) return entry(node, parent, ancestors, out);
  const hash = textHash(type);
  TOKENS[type] = hash;
  return hash;
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

/** Declarations that are only names and types: their tokens are left out of the stream (see `isDeclarationOnly`). */
const TYPE_DECLARATIONS = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction', 'TSImportEqualsDeclaration', 'TSAbstractMethodDefinition', 'TSAbstractPropertyDefinition', 'TSAbstractAccessorProperty']);

/**
 * Whether a node declares names or types without code: imports, export lists and re-exports
 * (`export { a, b }`, `export * from`), interfaces, type aliases, overload signatures (of
 * functions and methods), abstract members and `declare` blocks. Long runs of them are parallel
 * by nature (one line per name, one field per property) and repeat no logic.
 */
function isDeclarationOnly(node: Node): boolean {
  const type = node.type;
  if (type === 'ImportDeclaration' || type === 'ExportAllDeclaration' || TYPE_DECLARATIONS.has(type)) return true;
  if (type === 'ExportNamedDeclaration') return node.declaration === null || node.declaration === undefined || isDeclarationOnly(node.declaration as Node);
  if (type === 'ExportDefaultDeclaration') return TYPE_DECLARATIONS.has((node.declaration as Node).type);
  if (type === 'MethodDefinition') return (node.value as Node | undefined)?.type === 'TSEmptyBodyFunctionExpression';
  return node.declare === true;
}

/**
 * Type positions inside code: annotations (`x: T`, `): R =>`), type parameters (`<A, B extends C>`)
 * and type arguments (`dual<Sig>(2, …)`, `new Map<K, V>()`). Their tokens are left out of the
 * stream without a break: a clone is repeated logic, so two functions that differ only in their
 * types are one clone, and a run of signatures (the type argument of a dual API repeating its
 * implementation's parameters) is none.
 */
const TYPE_POSITIONS = new Set(['TSTypeAnnotation', 'TSTypeParameterDeclaration', 'TSTypeParameterInstantiation']);

/**
 * Normalised token stream for clone detection. The AST is walked in source order and each node
 * stands for its leading token (keyword, operator, ID or LIT), with the line where the node
 * starts; bracketed nodes add their closing bracket on their last line. That is roughly one entry
 * per source token. The stream follows the one the swc-based front-end produced (same tokens, lines
 * and token classes) but for types: declarations without code (`isDeclarationOnly`) are left out,
 * each run of them one TOKEN_BREAK, which no clone spans; type positions in code (TYPE_POSITIONS)
 * are left out with no break.
 */
export function tokenVisitor(parsed: ParsedSource, stream: { hashes: number[]; lines: number[] }): Visitor {
  const { hashes, lines } = stream;
  const out: Emitter = {
    emit(hash, offset) {
      hashes.push(hash);
      lines.push(parsed.line(offset));
    },
    chainEnd: undefined,
  };
  const deferred: Deferred = { hash: NO_TOKEN, offset: 0, until: undefined };
  /** The declaration whose tokens are being left out. */
  let skipped: Node | undefined;
  return {
    enter(node, ancestors) {
      if (skipped !== undefined) return;
      if (isDeclarationOnly(node)) {
        skipped = node;
        if (hashes[hashes.length - 1] !== TOKEN_BREAK) out.emit(TOKEN_BREAK, node.start);
        return;
      }
      if (TYPE_POSITIONS.has(node.type)) {
        skipped = node;
        return;
      }
      const parent = ancestors[ancestors.length - 1];
      // swc wrapped each element of a tuple type (ESTree only the named ones, TSNamedTupleMember).
      if (parent !== undefined && parent.type === 'TSTupleType' && node.type !== 'TSNamedTupleMember') out.emit(TUPLE_ELEMENT, node.start);
      const token = tokenOf(node, parent, ancestors, out);
      if (token === NO_TOKEN) return;
      const decorator = lastParameterDecorator(node, parent);
      if (decorator === undefined) out.emit(token, node.start);
      else {
        deferred.hash = token;
        deferred.offset = node.start;
        deferred.until = decorator;
      }
    },
    leave(node) {
      if (skipped !== undefined) {
        if (node === skipped) skipped = undefined;
        return;
      }
      if (node === deferred.until) {
        deferred.until = undefined;
        out.emit(deferred.hash, deferred.offset);
      }
      const closer = CLOSERS[node.type];
      if (closer !== undefined) out.emit(closer, node.end - 1);
    },
  };
}

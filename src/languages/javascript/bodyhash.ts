import { FNV_OFFSET, FNV_PRIME, fnv1a, textHash } from '../shared/text.js';
import { literalKind, type Node } from './ast.js';
import { functionBody, isFunctionLike } from './functions.js';
import { declaredNames } from './scope.js';
import { walk } from './walker.js';

/**
 * Two independent 32-bit lanes (FNV-1a and a murmur-style multiply-xorshift) give 64 bits:
 * collisions stay negligible across large projects.
 */
const LANE_A_SEED = FNV_OFFSET;
const LANE_A_PRIME = FNV_PRIME;
const LANE_B_SEED = 0x9747b28c;
const LANE_B_PRIME = 0x5bd1e995;
const LANE_B_SHIFT = 15;
const HEX = 16;
const LANE_HEX_DIGITS = 8;
/** Offset of the numbers of renamed identifiers (mixed in after the `ID` token). */
const NAME_UNIT_BASE = 0x10000;
/** Text nodes whose value is replaced by `LIT` (a `Literal` too, unless boolean or null: see `literal`). */
const LITERALS = new Set(['TemplateElement', 'JSXText']);
/**
 * Scalar fields that are part of the structure (operators, declaration kinds, flags). `method`:
 * `{ m() {} }` is not `{ m: function () {} }`.
 */
const STRUCTURAL_FIELDS = ['operator', 'kind', 'prefix', 'optional', 'computed', 'method', 'async', 'generator', 'await', 'delegate'];

const LIT = fnv1a('LIT');
/** `true` and `false` are one token (a flag's value is data), distinct from other literals; `null` is its own. */
const BOOLEAN = fnv1a('BooleanLiteral');
const NULL = fnv1a('NullLiteral');
const ID = fnv1a('ID');
const PROPERTY = fnv1a('.');
const CALLEE = fnv1a('CALL:');
const CLOSE = fnv1a(')');

/**
 * Hash state of one body, fed node by node in walk order: each node mixes one or two 32-bit token
 * hashes into both lanes (`LIT`; `ID` and the identifier's number; `.` and a member property's
 * name; `CALL:` and the name of a called function that is not a local variable; or the node type
 * and its structural scalar fields), and the end of a node's children mixes `)`.
 */
export class BodyHasher {
  private a = LANE_A_SEED;
  private b = LANE_B_SEED;
  private readonly names = new Map<string, number>();

  private mix(code: number): void {
    this.a = Math.imul(this.a ^ code, LANE_A_PRIME);
    const b = Math.imul(this.b ^ code, LANE_B_PRIME);
    this.b = b ^ (b >>> LANE_B_SHIFT);
  }

  /** `ID<n>`: identifiers are numbered by first appearance, so a consistently renamed copy hashes the same. */
  private identifier(name: string): void {
    let id = this.names.get(name);
    if (id === undefined) {
      id = this.names.size;
      this.names.set(name, id);
    }
    this.mix(ID);
    this.mix(NAME_UNIT_BASE + id);
  }

  /**
   * One token per node; `isProperty` marks a property name (`a.b`: b, see `isMemberProperty`),
   * `isNamedCallee` the callee of a call that names no local variable (`foo(x)`: foo, see
   * `isCallee`): both keep their name, so `this.add(x)` is not `this.discard(x)` and `foo(x)` is
   * not `bar(x)`. JSX names are identifiers like any other (`<Item>`, `<a.b>`, attribute names).
   */
  enter(node: Node, isProperty: boolean, isNamedCallee = false): void {
    const type = node.type;
    if (type === 'Literal') this.literal(node);
    else if (isNamedCallee) {
      this.mix(CALLEE);
      this.mix(textHash(String(node.name)));
    }
    else if (LITERALS.has(type)) this.mix(LIT);
    else if ((type === 'Identifier' || type === 'JSXIdentifier') && isProperty) {
      this.mix(PROPERTY);
      this.mix(textHash(String(node.name)));
    } else if (type === 'Identifier' || type === 'JSXIdentifier') this.identifier(String(node.name));
    else this.structure(node);
  }

  private literal(node: Node): void {
    const kind = literalKind(node);
    this.mix(kind === 'boolean' ? BOOLEAN : kind === 'null' ? NULL : LIT);
  }

  private structure(node: Node): void {
    this.mix(textHash(node.type));
    // Every field is read on every node: oxc gives a type more fields in TypeScript (`optional` on
    // Property) than in JavaScript, so a per-type list learnt from the first node would make the
    // digest depend on which file the process parsed first.
    for (let i = 0; i < STRUCTURAL_FIELDS.length; i++) {
      const value = node[STRUCTURAL_FIELDS[i]!];
      if (value === undefined || value === null || typeof value === 'object') continue;
      this.mix(textHash(String(value)));
    }
  }

  /** The end of a node's children. */
  leave(): void {
    this.mix(CLOSE);
  }

  digest(): string {
    const hex = (lane: number): string => (lane >>> 0).toString(HEX).padStart(LANE_HEX_DIGITS, '0');
    return hex(this.a) + hex(this.b);
  }
}

/**
 * Whether `node` names a property rather than a binding: the property of a non-computed member
 * expression (`a.b`: b), or a part of a meta property (`new.target`, `import.meta`).
 */
export function isMemberProperty(node: Node, parent: Node | undefined): boolean {
  if (parent === undefined) return false;
  if (parent.type === 'MemberExpression') return parent.property === node && parent.computed !== true;
  return parent.type === 'MetaProperty';
}

/** Whether `node` is the identifier a call or `new` calls (`foo` of `foo(x)`, `new Foo()`). */
export function isCallee(node: Node, parent: Node | undefined): boolean {
  return node.type === 'Identifier' && parent !== undefined && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === node;
}

/**
 * Hash of a function's body structure: node types, operators, member property names and the names
 * of called functions that are not local variables (of `fn`, of the functions around it in
 * `outer`, or of a function inside the body) are kept; other identifiers are renamed by order of
 * first appearance (so a consistently renamed copy hashes the same) and literal values are
 * replaced by `LIT`. Depth-first in source order. The extractor feeds a BodyHasher during its own
 * walk instead; this standalone walk gives the same digest.
 */
export function bodyHash(fn: Node, outer: readonly Node[] = []): string {
  const body = functionBody(fn);
  const hasher = new BodyHasher();
  if (!body) return hasher.digest();
  const locals = new Map<Node, Set<string>>();
  const localsOf = (f: Node): Set<string> => {
    let names = locals.get(f);
    if (!names) locals.set(f, (names = declaredNames(f)));
    return names;
  };
  const enclosing = [...outer.filter(isFunctionLike), fn];
  walk(body, {
    enter(node, ancestors) {
      const parent = ancestors[ancestors.length - 1];
      const name = String(node.name);
      const named = isCallee(node, parent) && !enclosing.some((f) => localsOf(f).has(name)) && !ancestors.some((f) => isFunctionLike(f) && localsOf(f).has(name));
      hasher.enter(node, isMemberProperty(node, parent), named);
    },
    leave() {
      hasher.leave();
    },
  });
  return hasher.digest();
}

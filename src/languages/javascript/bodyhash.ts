import { children, isNode, type Node } from './ast.js';

/**
 * Two independent 32-bit lanes (FNV-1a and a murmur-style multiply-xorshift) give 64 bits:
 * collisions stay negligible across large projects.
 */
const LANE_A_SEED = 0x811c9dc5;
const LANE_A_PRIME = 0x01000193;
const LANE_B_SEED = 0x9747b28c;
const LANE_B_PRIME = 0x5bd1e995;
const LANE_B_SHIFT = 15;
const HEX = 16;
const LANE_HEX_DIGITS = 8;
/** Separator between tokens (a space, as if the tokens were joined into one text). */
const SEPARATOR = 0x20;
/** Renamed identifiers are mixed in as one unit above every UTF-16 code unit, so they cannot be confused with text. */
const NAME_UNIT_BASE = 0x10000;
const LITERALS = new Set(['StringLiteral', 'NumericLiteral', 'BigIntLiteral', 'RegExpLiteral', 'TemplateElement', 'JSXText']);
/** Scalar fields that are part of the structure (operators, declaration kinds, flags). */
const STRUCTURAL_FIELDS = ['operator', 'kind', 'prefix', 'optional', 'computed', 'async', 'generator', 'await', 'delegate'];

/**
 * The structural fields a node type carries. swc serialises every node of a type with the same
 * scalar fields, so they are looked up once per type instead of probing all of them on every node.
 */
const fieldsByType = new Map<string, readonly string[]>();

function structuralFieldsOf(node: Node): readonly string[] {
  let fields = fieldsByType.get(node.type);
  if (!fields) {
    fields = STRUCTURAL_FIELDS.filter((field) => field in node);
    fieldsByType.set(node.type, fields);
  }
  return fields;
}

/** Hash state of one body: the two lanes and the identifier renaming (order of first appearance). */
class BodyHasher {
  private a = LANE_A_SEED;
  private b = LANE_B_SEED;
  private readonly names = new Map<string, number>();

  unit(code: number): void {
    this.a = Math.imul(this.a ^ code, LANE_A_PRIME);
    const b = Math.imul(this.b ^ code, LANE_B_PRIME);
    this.b = b ^ (b >>> LANE_B_SHIFT);
  }

  text(value: string): void {
    // Same as `unit` per code unit, with the lanes kept in locals.
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      a = Math.imul(a ^ code, LANE_A_PRIME);
      const m = Math.imul(b ^ code, LANE_B_PRIME);
      b = m ^ (m >>> LANE_B_SHIFT);
    }
    this.a = a;
    this.b = b;
  }

  /** `ID<n>`: identifiers are numbered by first appearance, so a consistently renamed copy hashes the same. */
  identifier(name: string): void {
    let id = this.names.get(name);
    if (id === undefined) {
      id = this.names.size;
      this.names.set(name, id);
    }
    this.text('ID');
    this.unit(NAME_UNIT_BASE + id);
  }

  /** One token per node: `LIT`, `ID<n>`, `.property`, or the type with its structural scalar fields. */
  enter(node: Node, isProperty: boolean): void {
    const type = node.type;
    if (LITERALS.has(type)) this.text('LIT');
    else if (type === 'Identifier' && isProperty) {
      this.text('.');
      this.text(String(node.value));
    } else if (type === 'Identifier') this.identifier(String(node.value));
    else this.structure(node);
    this.unit(SEPARATOR);
  }

  private structure(node: Node): void {
    const type = node.type;
    this.text(type);
    for (const field of structuralFieldsOf(node)) {
      const value = node[field];
      if (value === undefined || value === null || typeof value === 'object' || isNode(value)) continue;
      this.text(':');
      this.text(String(value));
    }
  }

  /** The end of a node's children (`)`). */
  leave(): void {
    this.text(')');
    this.unit(SEPARATOR);
  }

  digest(): string {
    const hex = (lane: number): string => (lane >>> 0).toString(HEX).padStart(LANE_HEX_DIGITS, '0');
    return hex(this.a) + hex(this.b);
  }
}

/** Walk stack marks: a node to enter, a member-expression property to enter, a node to leave. */
const ENTER = 0;
const ENTER_PROPERTY = 1;
const LEAVE = 2;

/**
 * Hash of a function body's structure: node types, operators and member property names are kept;
 * identifiers are renamed by order of first appearance (so a consistently renamed copy hashes the
 * same) and literal values are replaced by `LIT`. Depth-first in source order, iterative.
 */
export function bodyHash(body: Node): string {
  const hasher = new BodyHasher();
  const nodes: Node[] = [body];
  const marks: number[] = [ENTER];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const mark = marks.pop()!;
    if (mark === LEAVE) {
      hasher.leave();
      continue;
    }
    hasher.enter(node, mark === ENTER_PROPERTY);
    nodes.push(node);
    marks.push(LEAVE);
    const kids = children(node);
    const property = node.type === 'MemberExpression' ? node.property : undefined;
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]!);
      marks.push(kids[i] === property ? ENTER_PROPERTY : ENTER);
    }
  }
  return hasher.digest();
}

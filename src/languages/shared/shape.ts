/**
 * The shape of an expression for a fingerprint (CallFact.argument): the tokens of its syntax tree
 * in source order, so that whitespace, comments and line breaks do not change it, while another
 * name, literal or operator does. Bounded: at most MAX_SHAPE_NODES nodes are read per expression
 * (a nested call of the same kind is read again for its own fact, so the total stays linear in
 * the calls), and a text longer than MAX_SHAPE is cut and ends with a hash of the whole.
 */
import { fnv1a } from './text.js';

/** Nodes of an argument read for its shape. */
export const MAX_SHAPE_NODES = 512;
/** Characters of a shape kept as text; a longer one keeps its head and a hash of the whole. */
export const MAX_SHAPE = 160;
const HEAD = MAX_SHAPE - 10;

/** Joins shape tokens into the bounded text. */
export class ShapeText {
  private readonly parts: string[] = [];
  private length = 0;
  private hash = fnv1a('');
  private nodes = 0;

  /** Whether another node may still be read. */
  get open(): boolean {
    return this.nodes < MAX_SHAPE_NODES;
  }

  add(token: string): void {
    this.nodes++;
    this.hash = fnv1a(`${token}\u0000`, this.hash);
    if (this.length > MAX_SHAPE) return;
    const kept = token.length > MAX_SHAPE ? token.slice(0, MAX_SHAPE + 1) : token;
    this.parts.push(kept);
    this.length += kept.length + 1;
  }

  text(): string {
    const whole = this.parts.join(' ');
    if (whole.length <= MAX_SHAPE && this.open) return whole;
    return `${whole.slice(0, HEAD)}~${this.hash.toString(16).padStart(8, '0')}`;
  }
}

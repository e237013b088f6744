/** What the literal rules (CON_MEANING, CON_VALUES) agree carries no hidden meaning, by context and value. */
import type { LiteralFact } from '../../facts/types.js';

/**
 * A bit mask that only selects bits: the low n bits (`0xff`, `0x3f`, `15`), whole bytes of a
 * word (`0xff00`, `0xffff0000`), or a run of two or more bits written in hex or binary, where the
 * notation shows the field (`0xf0`, `0b0110`). A single flag bit (`flags & 4`, `0x40`) is not one:
 * which flag is it?
 */
export function isPlainMask(value: number, raw = ''): boolean {
  if (!Number.isInteger(value) || value <= 0 || value > 0xffffffff) return false;
  const lowBits = (v: number): boolean => (v & (v + 1)) === 0 && v > 0;
  if (value <= 0x7fffffff && lowBits(value)) return true;
  if (/^0[xXbB]/.test(raw) && isBitRun(value)) return true;
  let v = value;
  while (v > 0 && v % 256 === 0) v /= 256;
  return v === 0xff || v === 0xffff || v === 0xffffff || v === 0xffffffff;
}

/** Two or more contiguous set bits, anywhere in a 32-bit word: `0xf0`, `0x0ff0`, `0xc0000000`. */
function isBitRun(value: number): boolean {
  let v = value;
  while (v % 2 === 0) v /= 2;
  return v >= 3 && (v & (v + 1)) === 0;
}

/** Powers of ten (`100` in `Math.round(x * 100) / 100`, `1000` in `ms / 1000`) only move the decimal point. */
export function isPowerOfTen(value: number): boolean {
  if (!(value > 0)) return false;
  const exponent = Math.round(Math.log10(value));
  return Math.abs(exponent) <= 12 && Number(`1e${exponent}`) === value;
}

/** Contexts whose numbers are never magic: named, positional or structural by where they stand. */
const NAMED_CONTEXTS = new Set<LiteralFact['context']>([
  'constant', 'data', 'enum', 'default', 'type', 'index', 'key', 'tag', 'named', 'argument', 'shift', 'version',
]);

/**
 * A number whose meaning its place states (see LiteralContext): inside a constant or table, an
 * enum, a default, a type, an index, a property value or keyword argument, a well-known API argument,
 * a shift amount, a version, a plain mask, a power-of-ten factor, or an octal literal.
 */
export function isSelfDescribingNumber(lit: LiteralFact): boolean {
  if (NAMED_CONTEXTS.has(lit.context) || isOctal(lit.raw)) return true;
  const value = Number(lit.value);
  if (lit.context === 'mask') return isPlainMask(value, lit.raw);
  if (lit.context === 'factor') return isUnitFactor(Math.abs(value));
  return false;
}

/** `0o600`, `0755`: octal literals are Unix permission bits, which their notation already spells out. */
export function isOctal(raw: string): boolean {
  return /^-?0[oO]?[0-7]+$/.test(raw) && raw.replace(/^-/, '') !== '0';
}

/** Clock and size units everyone reads at a glance (`60 * 60 * 1000`, `hours * 24`, `days * 86400`, `bytes / 1024`). */
const UNIT_FACTORS = new Set([60, 24, 3600, 86400, 1024]);

/** A factor of `*`, `/`, `%` that only converts units: a power of ten, 60, 24, 3600, 86400 or 1024. */
export function isUnitFactor(value: number): boolean {
  return isPowerOfTen(value) || UNIT_FACTORS.has(value);
}

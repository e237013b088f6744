/** Which operands of `&`, `|`, `^` the literal rules take as plain bit masks. */
import { describe, expect, it } from 'vitest';
import { isPlainMask } from '../../src/rules/shared/literals.js';

describe('isPlainMask', () => {
  it('takes low-bit and whole-byte masks in any notation', () => {
    expect([0xff, 0x3f, 15, 0xff00, 0xffff0000].map((v) => isPlainMask(v, String(v)))).toEqual([true, true, true, true, true]);
  });
  it('takes a run of two or more bits when written in hex or binary', () => {
    expect(isPlainMask(0xf0, '0xF0')).toBe(true);
    expect(isPlainMask(0x0ff0, '0x0ff0')).toBe(true);
    expect(isPlainMask(0b0110, '0b0110')).toBe(true);
    expect(isPlainMask(0xc0000000, '0xc0000000')).toBe(true);
  });
  it('leaves single flag bits, scattered bits and decimal runs flagged', () => {
    expect(isPlainMask(0x40, '0x40')).toBe(false);
    expect(isPlainMask(0xa0, '0xa0')).toBe(false);
    expect(isPlainMask(240, '240')).toBe(false);
    expect(isPlainMask(4, '4')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { conMeaning } from '../../../src/rules/connascence/con-meaning.js';
import { check, lines, makeFacts, makeLiteral } from '../helpers.js';

describe('CON_MEANING', () => {
  it('flags numbers in ordinary expressions only', () => {
    const facts = makeFacts({
      literals: [
        makeLiteral(86400, { line: 1 }),
        makeLiteral(42, { line: 2, context: 'constant' }),
        makeLiteral(3, { line: 3, context: 'enum' }),
        makeLiteral(5, { line: 4, context: 'default' }),
        makeLiteral(7, { line: 5, context: 'type' }),
        makeLiteral(9, { line: 6, context: 'index' }),
        makeLiteral('hello', { line: 7 }),
      ],
    });
    expect(lines(check(conMeaning, facts))).toEqual([1]);
  });

  it('allows 0, 1, -1 and 2 and honours the allow option', () => {
    const facts = makeFacts({
      literals: [0, 1, -1, 2, 3, 100, 0.5].map((n, i) => makeLiteral(n, { line: i + 1, negative: n < 0 })),
    });
    expect(lines(check(conMeaning, facts))).toEqual([5, 6, 7]);
    expect(lines(check(conMeaning, facts, 'standard', { allow: [100] }))).toEqual([1, 2, 3, 4, 5, 7]);
  });

  it('does not judge test files (the runner leaves them out, policy/file-kinds.ts)', () => {
    expect(conMeaning.meta.judgesTests).toBe(false);
  });

  it('is off in lenient and on in the other presets', () => {
    expect(conMeaning.meta.presets.lenient.enabled).toBe(false);
    expect(conMeaning.meta.presets.standard.enabled).toBe(true);
    expect(conMeaning.meta.presets.strict.enabled).toBe(true);
    expect(conMeaning.meta.presets['nasa-compliance'].enabled).toBe(true);
  });

  it('keys repeated values by occurrence, not by line', () => {
    const facts = makeFacts({ literals: [makeLiteral(42, { line: 3 }), makeLiteral(42, { line: 9 })] });
    expect(check(conMeaning, facts).map((r) => r.key)).toEqual(['42#1', '42#2']);
  });
});

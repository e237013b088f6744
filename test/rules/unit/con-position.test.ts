import { describe, expect, it } from 'vitest';
import { conPosition } from '../../../src/rules/connascence/con-position.js';
import { check, lines, makeFacts, makeFunction } from '../helpers.js';

const facts = makeFacts({
  functions: [2, 3, 4, 5, 6].map((n) => makeFunction({ name: `f${n}`, positionalParams: n, line: n })),
});

describe('CON_POSITION', () => {
  it('flags more positional parameters than the preset threshold', () => {
    expect(lines(check(conPosition, facts, 'standard'))).toEqual([4, 5, 6]);
    expect(lines(check(conPosition, facts, 'strict'))).toEqual([3, 4, 5, 6]);
    expect(lines(check(conPosition, facts, 'lenient'))).toEqual([6]);
    expect(lines(check(conPosition, facts, 'nasa-compliance'))).toEqual([4, 5, 6]);
  });

  it('reports name, count and threshold, keyed by name and count (a baseline accepted this many parameters)', () => {
    const [report] = check(conPosition, makeFacts({ functions: [makeFunction({ name: 'move', positionalParams: 4 })] }));
    expect(report).toMatchObject({ messageId: 'tooMany', data: { name: 'move', count: 4, threshold: 3 }, key: 'move/4' });
  });

  it('reports an overloaded function once: at its implementation, else at its first stub', () => {
    const functions = [
      makeFunction({ name: 'f', positionalParams: 4, line: 1, overload: true }),
      makeFunction({ name: 'f', positionalParams: 5, line: 3, overload: true }),
      makeFunction({ name: 'f', positionalParams: 5, line: 5 }),
      makeFunction({ name: 'g', positionalParams: 4, line: 10, overload: true }),
      makeFunction({ name: 'g', positionalParams: 4, line: 12, overload: true }),
    ];
    expect(lines(check(conPosition, makeFacts({ functions })))).toEqual([5, 10]);
  });
});

import { describe, expect, it } from 'vitest';
import { complexity } from '../../../src/rules/complexity/complexity.js';
import { nesting } from '../../../src/rules/complexity/nesting.js';
import { check, lines, makeFacts, makeFunction } from '../helpers.js';

describe('COMPLEXITY', () => {
  const facts = makeFacts({ functions: [8, 9, 10, 11, 20, 21].map((c) => makeFunction({ name: `f${c}`, line: c, complexity: c })) });

  it('flags complexity above 10/8/20/10', () => {
    expect(lines(check(complexity, facts, 'standard'))).toEqual([11, 20, 21]);
    expect(lines(check(complexity, facts, 'strict'))).toEqual([9, 10, 11, 20, 21]);
    expect(lines(check(complexity, facts, 'lenient'))).toEqual([21]);
    expect(lines(check(complexity, facts, 'nasa-compliance'))).toEqual([11, 20, 21]);
  });

  it('reports the value and the threshold', () => {
    expect(check(complexity, facts)[0]!.data).toEqual({ name: 'f11', complexity: 11, threshold: 10 });
  });
});

describe('NESTING', () => {
  const facts = makeFacts({ functions: [3, 4, 5, 6, 7].map((d) => makeFunction({ name: `f${d}`, line: d, maxDepth: d })) });

  it('flags depth above 4/3/6/4', () => {
    expect(lines(check(nesting, facts, 'standard'))).toEqual([5, 6, 7]);
    expect(lines(check(nesting, facts, 'strict'))).toEqual([4, 5, 6, 7]);
    expect(lines(check(nesting, facts, 'lenient'))).toEqual([7]);
    expect(lines(check(nesting, facts, 'nasa-compliance'))).toEqual([5, 6, 7]);
  });
});

import { describe, expect, it } from 'vitest';
import { conValues } from '../../../src/rules/connascence/con-values.js';
import { check, lines, makeFacts, makeLiteral } from '../helpers.js';

const repeat = (value: string | number, count: number, first: number, extra: object = {}) =>
  Array.from({ length: count }, (_, i) => makeLiteral(value, { line: first + i, ...extra }));

describe('CON_VALUES', () => {
  it('reports a literal repeated threshold times once, at its first occurrence, with the count', () => {
    const facts = makeFacts({ literals: [...repeat('admin', 3, 10), ...repeat('user', 2, 20)] });
    const reports = check(conValues, facts);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ line: 10, key: 'string:admin', data: { kind: 'string', value: '"admin"', count: 3, max: 2 } });
    expect(reports[0]!.related?.map((r) => r.line)).toEqual([11, 12]);
  });

  it('uses 3 in standard, strict and nasa, 5 in lenient', () => {
    const facts = makeFacts({ literals: [...repeat(404, 4, 1), ...repeat('timeout', 5, 10)] });
    expect(lines(check(conValues, facts, 'standard'))).toEqual([1, 10]);
    expect(lines(check(conValues, facts, 'strict'))).toEqual([1, 10]);
    expect(lines(check(conValues, facts, 'nasa-compliance'))).toEqual([1, 10]);
    expect(lines(check(conValues, facts, 'lenient'))).toEqual([10]);
  });

  it('ignores trivial values: allowed numbers, short strings, docstrings, literal types and enums', () => {
    const facts = makeFacts({
      literals: [
        ...repeat(1, 5, 1),
        ...repeat('ab', 5, 10),
        ...repeat('Long docstring', 5, 20, { docstring: true }),
        ...repeat('kind', 5, 30, { context: 'type' }),
        ...repeat(7, 5, 40, { context: 'enum' }),
      ],
    });
    expect(check(conValues, facts)).toEqual([]);
  });

  it('counts numbers and strings with the same text separately', () => {
    const facts = makeFacts({ literals: [...repeat(100, 2, 1), ...repeat('100', 2, 5)] });
    expect(check(conValues, facts)).toEqual([]);
  });

  it('counts a constant declaration as one occurrence', () => {
    const facts = makeFacts({ literals: [makeLiteral('admin', { context: 'constant' }), ...repeat('admin', 2, 5)] });
    expect(check(conValues, facts)[0]!.data!.count).toBe(3);
  });
});

describe('CON_VALUES location', () => {
  it('reports at the first use outside a constant declaration', () => {
    const facts = makeFacts({ literals: [makeLiteral('admin', { context: 'constant', line: 1 }), makeLiteral('admin', { line: 5 }), makeLiteral('admin', { line: 9 })] });
    const [report] = check(conValues, facts);
    expect(report!.line).toBe(5);
    expect(report!.related!.map((r) => r.line)).toEqual([1, 9]);
  });
});

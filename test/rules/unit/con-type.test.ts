import { describe, expect, it } from 'vitest';
import { conType } from '../../../src/rules/connascence/con-type.js';
import { check, lines, makeFacts, makeFunction } from '../helpers.js';

describe('CON_TYPE', () => {
  it('reports exported TS functions with any, at the first any', () => {
    const facts = makeFacts({
      path: 'a.ts',
      functions: [
        makeFunction({ name: 'pub', line: 1, exported: true, anyInSignature: [{ line: 1, column: 20 }, { line: 1, column: 30 }] }),
        makeFunction({ name: 'priv', line: 5, anyInSignature: [{ line: 5, column: 10 }] }),
        makeFunction({ name: 'typed', line: 9, exported: true }),
      ],
    });
    const reports = check(conType, facts);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ line: 1, column: 20, data: { name: 'pub', count: 2 } });
  });

  it('reports public Python functions with unannotated parameters', () => {
    const facts = makeFacts({
      path: 'a.py',
      functions: [
        makeFunction({ name: 'parse', line: 1, exported: true, unannotatedParams: ['text', 'strict'] }),
        makeFunction({ name: '_helper', line: 5, unannotatedParams: ['x'] }),
        makeFunction({ name: 'typed', line: 9, exported: true }),
      ],
    });
    const reports = check(conType, facts);
    expect(lines(reports)).toEqual([1]);
    expect(reports[0]!.data).toEqual({ name: 'parse', params: 'text, strict' });
  });

  it('is on in strict and nasa-compliance only, and only for TypeScript and Python', () => {
    const { presets, languages } = conType.meta;
    expect([presets.standard.enabled, presets.strict.enabled, presets.lenient.enabled, presets['nasa-compliance'].enabled]).toEqual([false, true, false, true]);
    expect(languages).toEqual(['typescript', 'python']);
  });
});

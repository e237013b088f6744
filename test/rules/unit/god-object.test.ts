import { describe, expect, it } from 'vitest';
import type { ClassFact } from '../../../src/facts/types.js';
import { godObject } from '../../../src/rules/god-object/god-object.js';
import { check, lines, makeFacts } from '../helpers.js';

const cls = (line: number, methods: number, codeLines: number, extra: Partial<ClassFact> = {}): ClassFact => ({
  name: `C${line}`,
  line,
  column: 1,
  endLine: line + codeLines - 1,
  endColumn: 2,
  methods,
  lengthLines: codeLines,
  codeLines,
  exported: true,
  ...extra,
});

describe('GOD_OBJECT', () => {
  const facts = makeFacts({
    classes: [cls(1, 20, 500), cls(2, 21, 10), cls(3, 5, 501), cls(4, 15, 300), cls(5, 16, 10), cls(6, 3, 301), cls(7, 35, 1000), cls(8, 36, 10), cls(9, 1, 1001)],
  });

  it('applies the method and line limits of each preset (strictly greater than)', () => {
    expect(lines(check(godObject, facts, 'standard'))).toEqual([2, 3, 7, 8, 9]);
    expect(lines(check(godObject, facts, 'nasa-compliance'))).toEqual([2, 3, 7, 8, 9]);
    expect(lines(check(godObject, facts, 'strict'))).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
    expect(lines(check(godObject, facts, 'lenient'))).toEqual([8, 9]);
  });

  it('describes which limit was exceeded', () => {
    const both = check(godObject, makeFacts({ classes: [cls(1, 25, 600)] }));
    expect(both[0]!.data!.detail).toBe('25 methods (maximum 20) and 600 lines of code (maximum 500)');
  });

  it('counts code lines, not the physical span', () => {
    const facts = makeFacts({ classes: [cls(1, 5, 400, { lengthLines: 900 }), cls(2, 5, 501, { lengthLines: 501 })] });
    expect(lines(check(godObject, facts))).toEqual([2]);
  });

  it('does not report a declaration of keys (record)', () => {
    expect(check(godObject, makeFacts({ classes: [cls(1, 0, 900, { record: true })] }))).toEqual([]);
  });
});

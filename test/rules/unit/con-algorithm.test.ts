import { describe, expect, it } from 'vitest';
import { conAlgorithm, RELATED_COPIES } from '../../../src/rules/connascence/con-algorithm.js';
import { PRESETS } from '../../../src/rules/types.js';
import { check, makeFacts, makeFunction } from '../helpers.js';

describe('CON_ALGORITHM', () => {
  it('reports every copy of a repeated body with the other copies as related', () => {
    const a = makeFacts({ path: 'a.ts', functions: [makeFunction({ name: 'x', line: 3, bodyHash: 'h1' }), makeFunction({ name: 'y', line: 9, bodyHash: 'h2' })] });
    const b = makeFacts({ path: 'b.js', functions: [makeFunction({ name: 'z', line: 5, bodyHash: 'h1' }), makeFunction({ name: 'w', line: 20 })] });
    const reports = check(conAlgorithm, [a, b]);
    expect(reports.map((r) => `${r.file}:${r.line}`)).toEqual(['a.ts:3', 'b.js:5']);
    expect(reports[0]!.related).toEqual([{ file: 'b.js', line: 5, endLine: 9, message: 'same algorithm: z' }]);
    expect(reports[1]!.data).toMatchObject({ name: 'z', other: 'x', otherFile: 'a.ts', count: 2 });
  });

  it('never matches Python with JavaScript', () => {
    const a = makeFacts({ path: 'a.py', functions: [makeFunction({ bodyHash: 'h' })] });
    const b = makeFacts({ path: 'b.ts', functions: [makeFunction({ bodyHash: 'h' })] });
    expect(check(conAlgorithm, [a, b])).toEqual([]);
  });

  it('finds three copies in one file', () => {
    const a = makeFacts({ path: 'a.py', functions: [1, 10, 20].map((line) => makeFunction({ name: `f${line}`, line, bodyHash: 'h' })) });
    const reports = check(conAlgorithm, [a]);
    expect(reports.map((r) => r.line)).toEqual([1, 10, 20]);
    expect(reports[0]!.related).toHaveLength(2);
  });

  it('lists at most the 10 nearest copies as related, keeps the total in the message data, and does work linear in the copies', () => {
    const files = Array.from({ length: 2_000 }, (_, i) =>
      makeFacts({ path: `f${String(i).padStart(4, '0')}.js`, functions: [makeFunction({ name: `f${i}`, line: 1, bodyHash: 'same' })] }),
    );
    const reports = check(conAlgorithm, files);
    expect(reports).toHaveLength(2_000);
    expect(reports.every((r) => r.related!.length === RELATED_COPIES)).toBe(true);
    expect(reports.every((r) => r.data!.count === 2_000)).toBe(true);
    // the nearest in path order, in path order: the first copy names the next ten, a middle one five on each side
    expect(reports[0]!.related!.map((r) => r.file)).toEqual(files.slice(1, 11).map((f) => f.path));
    expect(reports[1_000]!.related!.map((r) => r.file)).toEqual([...files.slice(995, 1_000), ...files.slice(1_001, 1_006)].map((f) => f.path));
    expect(reports[1_999]!.data).toMatchObject({ other: 'f0', otherFile: 'f0000.js' });
    const total = reports.reduce((sum, r) => sum + r.related!.length, 0);
    expect(total).toBe(2_000 * RELATED_COPIES);
  });

  it('is on in every preset', () => {
    for (const preset of PRESETS) expect(conAlgorithm.meta.presets[preset].enabled).toBe(true);
  });
});

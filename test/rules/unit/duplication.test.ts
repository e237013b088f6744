import { describe, expect, it } from 'vitest';
import { duplication } from '../../../src/rules/duplication/duplication.js';
import { findClones } from '../../../src/rules/duplication/token-clones.js';
import { PRESETS } from '../../../src/rules/types.js';
import type { TokenStream } from '../../../src/facts/types.js';
import { check, makeFacts } from '../helpers.js';

const TOKENS_PER_LINE = 5;

/** A token stream of the given hashes, `TOKENS_PER_LINE` tokens per line starting at `firstLine`. */
function stream(hashes: number[], firstLine = 1): TokenStream {
  return { hashes, lines: hashes.map((_, i) => firstLine + Math.floor(i / TOKENS_PER_LINE)) };
}

/** Deterministic pseudo-random tokens, distinct per seed. */
function noise(count: number, seed: number): number[] {
  let x = seed * 7919 + 1;
  return Array.from({ length: count }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x;
  });
}

describe('DUPLICATION', () => {
  const block = noise(60, 1);

  it('reports a clone across files once, with both locations', () => {
    const a = makeFacts({ path: 'a.ts', tokens: stream([...noise(10, 2), ...block, ...noise(10, 3)]) });
    const b = makeFacts({ path: 'b.ts', tokens: stream([...noise(25, 4), ...block]) });
    const reports = check(duplication, [b, a]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ file: 'b.ts', line: 6, endLine: 17, related: [{ file: 'a.ts', line: 3, endLine: 14 }] });
    expect(reports[0]!.data).toMatchObject({ tokens: 60, otherFile: 'a.ts', otherLine: 3 });
  });

  it('extends the match to its maximal length', () => {
    const long = noise(120, 9);
    const a = makeFacts({ path: 'a.py', tokens: stream([...long, ...noise(5, 10), ...long]) });
    const reports = check(duplication, [a]);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.data).toMatchObject({ tokens: 120 });
  });

  it('respects the 50-token and 5-line minimums', () => {
    const short = noise(49, 5);
    const tooShort = makeFacts({ path: 'a.ts', tokens: stream([...short, 1, ...short, 2]) });
    expect(check(duplication, [tooShort])).toEqual([]);
    const oneLine = makeFacts({ path: 'b.ts', tokens: { hashes: [...block, ...block], lines: Array(120).fill(1) } });
    expect(check(duplication, [oneLine])).toEqual([]);
  });

  it('does not report a sequence overlapping itself', () => {
    const repetitive = Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? 11 : 12));
    const facts = makeFacts({ path: 'a.ts', tokens: stream(repetitive) });
    const clones = findClones([{ path: 'a.ts', tokens: facts.tokens }], { minTokens: 50, minLines: 5 });
    expect(clones.every((c) => c.original.end <= c.copy.start)).toBe(true);
    expect(clones).toEqual([]);
  });

  it('never matches Python tokens with JavaScript tokens', () => {
    const a = makeFacts({ path: 'a.py', tokens: stream(block) });
    const b = makeFacts({ path: 'b.js', tokens: stream(block) });
    expect(check(duplication, [a, b])).toEqual([]);
  });

  it('reports each later copy against the first occurrence', () => {
    const files = ['a.ts', 'b.ts', 'c.ts'].map((path, i) => makeFacts({ path, tokens: stream([...noise(5, 20 + i), ...block]) }));
    const reports = check(duplication, files);
    expect(reports.map((r) => `${r.file}->${r.related![0]!.file}`)).toEqual(['b.ts->a.ts', 'c.ts->a.ts']);
  });

  it('handles 200k tokens well under a second', () => {
    const files = Array.from({ length: 20 }, (_, i) => makeFacts({ path: `f${i}.ts`, tokens: stream(noise(10_000, 100 + i)) }));
    files.push(makeFacts({ path: 'z-dup.ts', tokens: stream([...noise(100, 500), ...files[3]!.tokens.hashes.slice(1000, 1200)]) }));
    const started = performance.now();
    const reports = check(duplication, files);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.data).toMatchObject({ tokens: 200, otherFile: 'f3.ts' });
  });

  it('is on in every preset with the jscpd defaults', () => {
    for (const preset of PRESETS) expect(duplication.meta.presets[preset]).toEqual({ enabled: true, options: { minTokens: 50, minLines: 5 } });
  });
});

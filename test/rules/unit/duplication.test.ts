import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../helpers/random.js';
import { duplication } from '../../../src/rules/duplication/duplication.js';
import { decodeChanges, decodeIndex, encodeChanges, encodeIndex, findClones, findClonesIndexed, rescanClones, type Clone, type CloneIndex, type CloneOptions, type CloneSource } from '../../../src/rules/duplication/token-clones.js';
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

  it('finds the one clone among 200k tokens of noise', () => {
    const files = Array.from({ length: 20 }, (_, i) => makeFacts({ path: `f${i}.ts`, tokens: stream(noise(10_000, 100 + i)) }));
    files.push(makeFacts({ path: 'z-dup.ts', tokens: stream([...noise(100, 500), ...Array.from(files[3]!.tokens.hashes).slice(1000, 1200)]) }));
    const reports = check(duplication, files);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.data).toMatchObject({ tokens: 200, otherFile: 'f3.ts' });
  });

  it('finds exactly the clones of a plain first-occurrence scan (the open-addressing table and signed rolling hash change nothing)', () => {
    const sources = repetitiveSources(5);
    for (const options of [{ minTokens: 50, minLines: 5 }, { minTokens: 20, minLines: 2 }, { minTokens: 8, minLines: 1 }]) {
      const expected = referenceClones(sources, options);
      expect(expected.length).toBeGreaterThan(10);
      expect(findClones(sources, options)).toEqual(expected);
    }
  });

  it('rescans to exactly the clones of a full scan, edit after edit, scanning again only the files that need it', () => {
    // Each round changes one or two files (tokens inserted, removed or replaced, a block copied in),
    // then the clones are the last round's for the files not rescanned plus the rescan's: they must
    // be those of a full scan of the new files, and the index carries over to the next round.
    for (const options of [{ minTokens: 50, minLines: 5 }, { minTokens: 20, minLines: 2 }]) {
      const sources = repetitiveSources(11);
      let { clones, index } = findClonesIndexed(sources, options) as { clones: Clone[]; index: CloneIndex };
      const next = seededRandom(17);
      let partial = 0;
      for (let round = 0; round < 12; round++) {
        const changed = new Set([next(sources.length), ...(next(3) === 0 ? [next(sources.length)] : [])]);
        for (const file of changed) {
          const hashes = Array.from(sources[file]!.tokens.hashes);
          const at = next(hashes.length);
          const edit = next(4);
          if (edit === 0) hashes.splice(at, 0, ...noise(1 + next(30), 900 + round));
          else if (edit === 1) hashes.splice(at, 1 + next(60));
          else if (edit === 2) hashes[at] = noise(1, 950 + round)[0]!;
          else hashes.splice(at, 0, ...Array.from(sources[next(sources.length)]!.tokens.hashes).slice(0, 80));
          sources[file] = { path: sources[file]!.path, tokens: stream(hashes) };
        }
        const rescan = rescanClones(sources, changed, index, options)!;
        expect(rescan).toBeDefined();
        const again = new Set(rescan.rescanned);
        for (const file of changed) expect(again.has(file)).toBe(true);
        if (rescan.rescanned.length < sources.length - Math.min(...changed)) partial++;
        clones = [...clones.filter((c) => !again.has(c.copy.file)), ...rescan.clones].sort((a, b) => a.copy.file - b.copy.file || a.copy.start - b.copy.start);
        expect(clones).toEqual(findClones(sources, options));
        // Other rounds go through the encoded forms a rule state keeps: the index with its changes
        // applied, or the changes alone as a patch over the base they came from.
        if (round % 3 === 1) index = decodeIndex(encodeIndex(rescan.index), 0)!.index;
        else if (round % 3 === 2) index = decodeChanges({ ...rescan.index, changes: undefined }, encodeChanges(rescan.index), 0)!.index;
        else index = rescan.index;
      }
      // Not every round may rescan everything after the change: the point of the index.
      expect(partial).toBeGreaterThan(0);
    }
  });

  it('declines a rescan its index does not fit: other options, another file count', () => {
    const sources = repetitiveSources(3);
    const { index } = findClonesIndexed(sources, { minTokens: 50, minLines: 5 });
    expect(rescanClones(sources, new Set([0]), index, { minTokens: 40, minLines: 5 })).toBeUndefined();
    expect(rescanClones(sources.slice(1), new Set([0]), index, { minTokens: 50, minLines: 5 })).toBeUndefined();
  });

  it('is on in every preset with the jscpd defaults', () => {
    for (const preset of PRESETS) expect(duplication.meta.presets[preset]).toEqual({ enabled: true, options: { minTokens: 50, minLines: 5 } });
  });
});

/**
 * Files cut from a small vocabulary with copied blocks, overlapping copies and near-copies: many
 * windows repeat, many do not, and matches end at every kind of place.
 */
function repetitiveSources(seed: number): CloneSource[] {
  const vocabulary = noise(12, 77);
  const next = seededRandom(seed);
  const sources: CloneSource[] = [];
  const blocks = Array.from({ length: 6 }, (_, i) => noise(40 + 15 * i, 300 + i));
  for (let f = 0; f < 12; f++) {
    const hashes: number[] = [];
    while (hashes.length < 1500) {
      const pick = next(10);
      if (pick < 4) hashes.push(...blocks[next(blocks.length)]!.slice(next(20)));
      else if (pick < 6) hashes.push(...Array.from({ length: 30 + next(60) }, () => vocabulary[next(3)]!));
      else hashes.push(...Array.from({ length: 20 + next(40) }, () => vocabulary[next(vocabulary.length)]!));
    }
    sources.push({ path: `f${String(f).padStart(2, '0')}.ts`, tokens: stream(hashes) });
  }
  return sources;
}

/**
 * The clone scan as documented, written plainly: every visited window goes into a Map of first
 * occurrences (keyed like the real table, by the rolling hash cut to 30 bits), a match is extended
 * to its maximal length (a copy in the same file may not overlap its original) and skipped.
 */
function referenceClones(sources: readonly CloneSource[], { minTokens, minLines }: CloneOptions): Clone[] {
  const key = (hashes: ArrayLike<number>, start: number): number => {
    let hash = 0;
    for (let i = start; i < start + minTokens; i++) hash = (Math.imul(hash, 0x01000193) + hashes[i]!) >>> 0;
    return hash & 0x3fffffff;
  };
  const first = new Map<number, { file: number; start: number }>();
  const clones: Clone[] = [];
  sources.forEach((source, file) => {
    const hashes = source.tokens.hashes;
    let start = 0;
    while (start + minTokens <= hashes.length) {
      const k = key(hashes, start);
      const site = first.get(k);
      if (!site) {
        first.set(k, { file, start });
        start++;
        continue;
      }
      const other = sources[site.file]!.tokens.hashes;
      const limit = site.file === file ? Math.min(start - site.start, hashes.length - start) : Math.min(other.length - site.start, hashes.length - start);
      let length = 0;
      while (length < limit && other[site.start + length] === hashes[start + length]) length++;
      if (length < minTokens) {
        start++;
        continue;
      }
      const lines = (s: CloneSource, from: number): number => s.tokens.lines[from + length - 1]! - s.tokens.lines[from]! + 1;
      if (lines(sources[site.file]!, site.start) >= minLines && lines(source, start) >= minLines) {
        clones.push({ original: { file: site.file, start: site.start, end: site.start + length }, copy: { file, start, end: start + length } });
      }
      start += length;
    }
  });
  return clones;
}

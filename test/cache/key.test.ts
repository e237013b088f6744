import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, factsKey, parserExtension } from '../../src/cache/key.js';

const base = { content: 'export const a = 1;\n', path: 'src/a.ts', language: 'typescript' };

describe('factsKey', () => {
  it('is a hex sha256, stable for the same input', () => {
    expect(factsKey(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(factsKey(base)).toBe(factsKey({ ...base }));
    expect(EXTRACTOR_VERSION).not.toContain(' ');
  });

  it('ignores the directory and base name: identical files at two paths share an entry', () => {
    expect(factsKey({ ...base, path: 'lib/deep/b.ts' })).toBe(factsKey(base));
  });

  it('depends on content, language and parser extension, never on whether the path is a test', () => {
    const keys = new Set([
      factsKey(base),
      factsKey({ ...base, content: 'export const a = 2;\n' }),
      factsKey({ ...base, language: 'javascript' }),
      factsKey({ ...base, path: 'src/a.tsx' }),
      factsKey({ ...base, path: 'src/a.d.ts' }),
    ]);
    expect(keys.size).toBe(5);
    // Which files are tests is a setting of the judgement (the config's `tests` globs).
    expect(factsKey({ ...base, path: 'test/a.ts' })).toBe(factsKey(base));
    expect(factsKey({ ...base, path: 'src/a.test.ts' })).toBe(factsKey(base));
  });

  it('extracts the parser-relevant extension', () => {
    expect(parserExtension('a/b.TSX')).toBe('.tsx');
    expect(parserExtension('types/x.d.mts')).toBe('.d.mts');
    expect(parserExtension('a.b/c.py')).toBe('.py');
    expect(parserExtension('Makefile')).toBe('');
  });
});

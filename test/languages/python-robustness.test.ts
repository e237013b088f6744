/** Python front-end: positions with non-ASCII text, many files in one process, syntax errors. */
import { describe, expect, it } from 'vitest';
import { pythonFrontEnd } from '../../src/languages/python/index.js';

const extract = (content: string, path = 'pkg/mod.py') => pythonFrontEnd.extract({ path, language: 'python', content });

describe('positions', () => {
  it('gives 1-based lines and UTF-16 columns after é, emoji and CJK text', async () => {
    const source = [
      's = "é😀中文"; n = 42',
      '# 注释 with emoji 🎉',
      'def café(x): return eval(x)',
      'class Ünïcode:',
      '    def m(self): return "日本" + str(7)',
    ].join('\n');
    const facts = await extract(source);
    expect(facts.parseError).toBeUndefined();
    const n = facts.literals.find((l) => l.value === '42')!;
    // `s = "é😀中文"; n = ` is 17 UTF-16 code units (the emoji is a surrogate pair; 14 code points).
    expect([n.line, n.column]).toEqual([1, source.split('\n')[0]!.indexOf('42') + 1]);
    expect(n.column).toBe(18);
    const fn = facts.functions.find((f) => f.name === 'café')!;
    expect([fn.line, fn.column, fn.endLine, fn.endColumn]).toEqual([3, 1, 3, 28]);
    expect(facts.calls[0]).toMatchObject({ kind: 'dynamic-code', line: 3, column: 21 });
    const seven = facts.literals.find((l) => l.value === '7')!;
    expect([seven.line, seven.column]).toEqual([5, source.split('\n')[4]!.indexOf('7') + 1]);
    expect(facts.classes.map((c) => [c.name, c.line, c.column])).toEqual([['Ünïcode', 4, 1]]);
  });

  it('keeps lines right across 200 files parsed in one process', async () => {
    for (let i = 0; i < 200; i++) {
      const padding = '\n'.repeat(i % 17);
      const source = `${padding}# ü ${'é'.repeat(i)}\ndef f${i}(a):\n    if a:\n        return "${'😀'.repeat(i % 5)}" + str(${i})\n`;
      const facts = await extract(source, `pkg/m${i}.py`);
      expect(facts.parseError).toBeUndefined();
      const fn = facts.functions[0]!;
      expect([fn.name, fn.line, fn.complexity]).toEqual([`f${i}`, (i % 17) + 2, 2]);
      const literal = facts.literals.find((l) => l.kind === 'number')!;
      expect([literal.line, literal.column]).toEqual([(i % 17) + 4, 25 + 2 * (i % 5)]);
    }
  });
});

describe('syntax errors', () => {
  it('reports the first error position with empty facts', async () => {
    const facts = await extract('x = 1\ndef f(:\n    pass\n');
    expect(facts.parseError).toMatchObject({ line: 2 });
    expect(facts.parseError!.message).toMatch(/line 2, column \d+/);
    expect(facts.functions).toEqual([]);
    expect(facts.literals).toEqual([]);
    expect(facts.imports).toEqual([]);
    expect(facts.tokens.hashes).toHaveLength(0);
    expect(facts.tokens.lines).toHaveLength(0);
    expect(facts.lines).toBe(3);
  });

  it('reports missing tokens', async () => {
    const facts = await extract('print("a"\n');
    expect(facts.parseError).toBeDefined();
    expect(facts.parseError!.line).toBe(1);
  });

  it('never throws on garbage, empty files or deep nesting', async () => {
    for (const content of ['', '\n\n', '}}}{{{ ::: def', '\u0000\uffff', `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`, 'x = 1 + '.repeat(2000)]) {
      const facts = await extract(content);
      expect(facts.language).toBe('python');
    }
    expect((await extract('')).lines).toBe(0);
  });

  it('parses again normally after a broken file', async () => {
    await extract('def broken(:\n');
    const facts = await extract('def ok():\n    return 1\n');
    expect(facts.parseError).toBeUndefined();
    expect(facts.functions.map((f) => f.name)).toEqual(['ok']);
  });
});

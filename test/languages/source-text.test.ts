/**
 * Reading source text as its runtime does: Python bytes decoded by their PEP 263 declaration, line
 * breaks per language. Every expected Python value was checked with CPython 3.11 (`python3 t.py`
 * printing `ascii()` of the literal, or its SyntaxError).
 */
import { describe, expect, it } from 'vitest';
import { codingDeclaration, decodePythonSource, encodingProblem, pythonText } from '../../src/languages/python/source.js';
import { countCodeLines } from '../../src/languages/javascript/codelines.js';
import { CodeLineMap } from '../../src/languages/shared/code-lines.js';
import { LineIndex, splitLines } from '../../src/languages/shared/text.js';

/** `# coding: NAME\nprint("<bytes>")\n` as bytes. */
function declared(name: string, literal: number[], head = ''): Uint8Array {
  return Buffer.concat([Buffer.from(`${head}# coding: ${name}\nprint("`, 'latin1'), Buffer.from(literal), Buffer.from('")\n', 'latin1')]);
}

/** The string literal's text after decoding. */
function literalOf(text: string): string {
  return /print\("([^]*)"\)/.exec(text)![1]!;
}

describe('decodePythonSource', () => {
  it.each([
    ['latin-1', [0xe9, 0x80], '\u00e9\u0080'],
    ['latin-1-foo', [0xe9], '\u00e9'], // CPython's own spelling rule: latin-1 and anything after a dash
    ['iso-latin-1-x', [0xe9], '\u00e9'],
    ['l1', [0xe9], '\u00e9'],
    ['ISO-8859-15', [0xa4], '\u20ac'],
    ['cp1252', [0x80, 0x89], '\u20ac\u2030'], // 0x89 last: the byte Node 20's windows-1252 decoder drops
    ['windows-1252', [0x93, 0x94], '\u201c\u201d'],
    ['1252', [0x80], '\u20ac'],
    ['koi8_r', [0xe9], '\u0418'],
    ['mac_roman', [0x80], '\u00c4'],
    ['shift_jis', [0x83, 0x5c], '\u30bd'], // the trail byte is a backslash in ASCII
    ['gb18030', [0x81, 0x30, 0x81, 0x30], '\u0080'],
    ['euc_kr', [0xb0, 0xa1], '\uac00'],
    ['utf-8', [0xc3, 0xa9], '\u00e9'],
    ['utf-8-whatever', [0xc3, 0xa9], '\u00e9'], // CPython reads any utf-8-… name as UTF-8
  ])('decodes a file declaring %s as CPython does', (name, bytes, expected) => {
    const text = decodePythonSource(declared(name, bytes));
    expect(literalOf(text)).toBe(expected);
    expect(encodingProblem(pythonText(text).text, false)).toBeUndefined();
  });

  it('reads the declaration of line 2 only after a comment or blank line 1, and lines end at CR too', () => {
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], '#!/usr/bin/env python\n')))).toBe('\u00e9');
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], '\n')))).toBe('\u00e9');
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], '#\f\n')))).toBe('\u00e9');
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], '#!x\r')))).toBe('\u00e9');
    // CPython refuses these files (the byte is not UTF-8): read as UTF-8, the byte is U+FFFD.
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], 'x = 1\n')))).toBe('\ufffd');
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], '#\r#\r')))).toBe('\ufffd');
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], '# coding: utf-8\n')))).toBe('\ufffd');
    expect(literalOf(decodePythonSource(declared('latin-1', [0xe9], '# CODING: latin-1 is not a declaration\n#\n')))).toBe('\ufffd');
  });

  it('keeps a BOM for the front-end to check, reads the file as UTF-8 then, and reports a contradicting declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), declared('latin-1', [0xc3, 0xa9])]);
    const text = decodePythonSource(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const read = pythonText(text);
    expect(read.bom).toBe(true);
    expect(literalOf(read.text)).toBe('\u00e9');
    expect(encodingProblem(read.text, read.bom)).toEqual({ line: 1, column: 11, codec: 'latin-1', kind: 'bom-conflict' });
    // CPython accepts a BOM with utf-8 (any spelling its own rule maps to utf-8), refuses `utf8` and `ascii`.
    for (const name of ['utf-8', 'UTF-8', 'utf_8', 'utf-8-sig']) expect(encodingProblem(`# coding: ${name}\n`, true), name).toBeUndefined();
    for (const name of ['utf8', 'ascii']) expect(encodingProblem(`# coding: ${name}\n`, true)?.kind, name).toBe('bom-conflict');
  });

  it('reads a file whose declaration it does not follow as UTF-8, and says why', () => {
    const cases: Array<[string, string]> = [
      ['utf-7', 'rewriting'],
      ['UTF7', 'rewriting'],
      ['unicode_escape', 'rewriting'],
      ['raw-unicode-escape', 'rewriting'],
      ['punycode', 'rewriting'],
      ['idna', 'rewriting'],
      ['iso-2022-jp', 'rewriting'],
      ['hz', 'rewriting'],
      ['cp037', 'not-ascii'],
      ['ibm500', 'not-ascii'],
      ['utf-16', 'not-ascii'],
      ['utf_32_le', 'not-ascii'],
      ['future_fstrings', 'not-followed'],
      ['rot13', 'not-followed'],
      ['iso-8859-16', 'not-followed'], // a real codec, but not one this Node decodes the way CPython does
    ];
    for (const [name, kind] of cases) {
      const text = decodePythonSource(declared(name, [0xc3, 0xa9]));
      expect(literalOf(text), name).toBe('\u00e9');
      expect(encodingProblem(text, false), name).toMatchObject({ kind, codec: name, line: 1, column: 11 });
    }
  });

  it('finds the declaration as CPython does: the first coding[:=] with a name, anywhere in a whole line', () => {
    expect(codingDeclaration('# vim: set fileencoding=latin-1 :\n')).toEqual({ name: 'latin-1', line: 1, column: 25 });
    expect(codingDeclaration('# coding: \n# coding: utf-7\n')).toEqual({ name: 'utf-7', line: 2, column: 11 });
    expect(codingDeclaration('# coding:  # coding=utf-7\n')).toEqual({ name: 'utf-7', line: 1, column: 21 });
    expect(codingDeclaration(' \t\f# coding: utf-7\n')?.name).toBe('utf-7');
    expect(codingDeclaration('x = 1  # coding: utf-7\n')).toBeUndefined();
    expect(codingDeclaration('"""\n# coding: utf-7\n"""\n')).toBeUndefined();
    // CPython reads the whole line: padding does not hide a declaration.
    expect(codingDeclaration(`# ${'x'.repeat(100_000)} coding: utf-7\n`)?.name).toBe('utf-7');
    expect(encodingProblem(decodePythonSource(Buffer.from(`# ${'x'.repeat(100_000)} coding: utf-7\n`)), false)?.kind).toBe('rewriting');
    // Linear on a hostile first line.
    expect(codingDeclaration(`#${'coding'.repeat(200_000)}\n`)).toBeUndefined();
  });
});

describe('pythonText', () => {
  it('turns each lone CR into LF without moving any offset, and keeps CRLF', () => {
    const content = 'a = 1\r# c\ros.system(x)\r\ns = """x\ry"""\n';
    const { text, bom } = pythonText(content);
    expect(bom).toBe(false);
    expect(text).toBe('a = 1\n# c\nos.system(x)\r\ns = """x\ny"""\n');
    expect(text.length).toBe(content.length);
  });
});

describe('line breaks per language', () => {
  const text = 'a\nb\rc\r\nd\u2028e\u2029f\u0085g\vh\fi\x1cj';

  it('ends JS lines at LF, CR, CRLF, U+2028 and U+2029, Python lines at LF, CR and CRLF only', () => {
    const js = new LineIndex(text, 'ecmascript');
    const py = new LineIndex(text, 'python');
    expect(js.lineCount).toBe(6);
    expect(py.lineCount).toBe(4);
    expect(js.position(text.indexOf('f'))).toEqual({ line: 6, column: 1 });
    expect(py.position(text.indexOf('f'))).toEqual({ line: 4, column: 5 });
    expect(splitLines(text, 'ecmascript')).toEqual(['a', 'b', 'c', 'd', 'e', 'f\u0085g\vh\fi\x1cj']);
    expect(splitLines(text, 'python')).toEqual(['a', 'b', 'c', 'd\u2028e\u2029f\u0085g\vh\fi\x1cj']);
    for (const end of ['\n', '\r', '\r\n', '\u2028']) expect(new LineIndex(`x${end}y${end}`, 'ecmascript').lineCount, JSON.stringify(end)).toBe(2);
  });

  it('counts code lines on the same lines as the LineIndex', () => {
    const source = 'x\r\r// c\ry\u2028\u2028z\r\n';
    const comment = { start: source.indexOf('//'), end: source.indexOf('//') + 4 };
    const js = new CodeLineMap(source, 'ecmascript', [comment]);
    expect(js.total).toBe(3);
    expect([1, 2, 3, 4, 5, 6].map((line) => js.count(line, line))).toEqual([1, 0, 0, 1, 0, 1]);
    const py = new CodeLineMap(source, 'python', [comment]);
    expect([1, 2, 3, 4].map((line) => py.count(line, line))).toEqual([1, 0, 0, 1]);
  });

  it('ends a JS line comment at CR, U+2028 and U+2029, so that the code after it counts', () => {
    expect(countCodeLines('// a\rx();\n')).toBe(1);
    expect(countCodeLines('// a\u2028x();\u2029// b\r\ny();\r\n')).toBe(2);
    expect(countCodeLines('/* a\r\rb */ x();\ry();\u2028z();')).toBe(3);
    // A string may hold U+2028 (ES2019): the text after it is code on the next line.
    expect(countCodeLines("const s = 'a\u2028b';\n")).toBe(2);
    expect(countCodeLines("const s = 'a\\\r\nb';\n")).toBe(2);
  });
});

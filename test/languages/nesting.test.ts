import { describe, expect, it } from 'vitest';
import { nestingExceeds, type NestingOptions } from '../../src/languages/javascript/nesting.js';
import { MAX_NESTING, parseSource } from '../../src/languages/javascript/parse.js';

const JS: NestingOptions = { jsx: true, typescript: false };
const TS: NestingOptions = { jsx: false, typescript: true };
const TSX: NestingOptions = { jsx: true, typescript: true };
const LIMIT = 40;
/** Fifty levels of brackets: deeper than LIMIT. */
const DEEP = `${'('.repeat(50)}1${')'.repeat(50)}`;
const deep = (source: string, options = JS): boolean => nestingExceeds(source, LIMIT, options) >= 0;
const r = (s: string, n = 50): string => s.repeat(n);

describe('nesting estimate: what the parser recurses into', () => {
  it('finds the offset where brackets first nest deeper than the limit', () => {
    expect(nestingExceeds('f((a))', 2, JS)).toBe(-1);
    expect(nestingExceeds('f(((a)))', 2, JS)).toBe(3);
    expect(nestingExceeds('[{(', 2, JS)).toBe(2);
  });

  it.each([
    ['assignment chains', `${r('a = ')}1`, JS],
    ['assignment chains across lines', `${r('a =\n')}1`, JS],
    ['conditionals nested in the alternate', `x = ${r('a ? b : ')}c`, JS],
    ['conditionals nested in the consequent', `x = ${r('a ? ')}b${r(' : c')}`, JS],
    ['conditionals with comparisons between', `x = ${r('a ? b > c : ')}d`, JS],
    ['arrow chains', `f = ${r('() => ')}1`, JS],
    ['unary chains', `x = ${r('- ')}1`, JS],
    ['negation chains', `${r('!')}a`, JS],
    ['typeof chains', `${r('typeof ')}a`, JS],
    ['new chains', `${r('new ')}X`, JS],
    ['await chains', `async function f() { return ${r('await ')}a }`, JS],
    ['yield chains', `function* f() { ${r('yield ')}a }`, JS],
    ['exponent chains', `x = ${r('a ** ')}a`, JS],
    ['labels', `${r('a: ')};`, JS],
    ['else-if chains', `${r('if (a) {} else ')}{}`, JS],
    ['bodies without braces', `${r('for (;;) ')}x;`, JS],
    ['spread', `x = ${r('[...')}a${r(']')}`, JS],
    ['template substitutions', `x = ${r('`${')}a${r('}`')}`, JS],
    ['JSX elements', `x = ${r('<a>')}${r('</a>')}`, JS],
    ['JSX elements in attributes and children', `x = ${r('<a b={<c>{')}1${r('}</c>} />')}`, JS],
    ['type arguments', `type T = ${r('A<')}B${r('>')}`, TS],
    ['type arguments after commas', `type T = ${r('A<B, ')}C${r('>')}`, TS],
    ['generic calls', `f${r('<A')}${r('>')}()`, TS],
    ['function types', `type T = ${r('() => ')}B`, TS],
    ['conditional types', `type T = ${r('A extends B ? C : ')}D`, TS],
  ])('counts %s', (_name, source, options) => {
    expect(deep(source, options)).toBe(true);
    // Eight levels are within the limit: the count grows with the levels, not with the characters.
    const fifth = source.replaceAll(/(.+)\1{49}/gs, (_m, unit: string) => unit.repeat(8));
    expect(deep(fifth, options)).toBe(false);
  });

  it.each([
    ['strings', `x = "${r('(')}" + '${r('[')}'`],
    ['line comments', `// ${r('(')}\nx = 1`],
    ['block comments', `/* ${r('{')}\n */ x`],
    ['regular expressions', `x = /${r('\\(')}[(]/g.test(y)`],
    ['template text', `x = \`${r('(')}\${a}${r('[')}\``],
    ['JSX text', `x = <p>${r('(')} don't</p>`],
    ['JSX attribute strings', `x = <p title="${r('(')}"/>`],
  ])('ignores brackets inside %s', (_name, source) => {
    expect(deep(source)).toBe(false);
  });

  it.each([
    ['a regex after the ) of a statement head', `if (x) /'/.test(s); y = ${DEEP}//'`],
    ['a division after a function expression', `x = function () {} / ${DEEP} / 1`],
    ['a division after a class expression', `x = class {} / ${DEEP} / 1`],
    ['a division after a parenthesised await', `async function f() { await (x) / ${DEEP} / 1 }`],
    ['an element after the ) of a statement head', `if (x) <div>'</div>; y = ${DEEP}//'`],
    ['an element after a block', `{ } <div>'</div>; y = ${DEEP}//'`],
    ['a quote that does not close on its line', `x = 'a\ny = ${DEEP}`],
  ])('is not misled by %s into skipping code', (_name, source) => {
    expect(deep(source)).toBe(true);
  });

  it('reads `<T,>` in .tsx as type parameters, not as an element that hides the code after it', () => {
    expect(deep(`const f = <T,>(x: T) => x; y = ${DEEP}`, TSX)).toBe(true);
    expect(deep(`const f = <T extends U>(x: T) => x; y = ${DEEP}`, TSX)).toBe(true);
  });

  it.each([
    ['optional chaining and nullish operators', 'a?.b?.c ?? d ?? e', 40],
    ['optional members and parameters', 'interface I { a?: T; b?: U }\nfunction f(a?, b?) {}', 40],
    ['conditionals in sequence', Array.from({ length: 200 }, (_, i) => `x${i} ? 1 : 2;`).join('\n'), 40],
    ['statements without semicolons', Array.from({ length: 200 }, (_, i) => `a${i} = foo()`).join('\n'), 40],
    ['minified statements after blocks', `function f(){${r('if(a){b()}', 300)}}`, 40],
    ['class fields', `class A {\n${Array.from({ length: 200 }, (_, i) => `  f${i} = () => {}`).join('\n')}\n}`, 40],
    ['object keys with conditionals', `x = {\n${r('  k: a ? b : c,\n', 200)}}`, 40],
    ['loops with comparisons', r('for (let i = 0; i < n; i++) {}\n', 200), 40],
    ['JSX lists', `x = <ul>${r('<li a="1">{x ? <b/> : null} text</li>', 200)}</ul>`, 40],
    ['switch cases', `switch (x) {${r('case 1: f(); break;', 200)}}`, 40],
  ])('does not add up %s', (_name, source, limit) => {
    expect(nestingExceeds(source, limit, JS)).toBe(-1);
    expect(nestingExceeds(source.replaceAll('<li a="1">{x ? <b/> : null} text</li>', ''), limit, TS)).toBe(-1);
  });

  it('reports a file nested deeper than the limit as a parse error at that place, without parsing it', () => {
    const content = `const a = 1;\nconst b = ${r('a = ', MAX_NESTING)}1;\n`;
    const result = parseSource(content, 'src/deep.js', false);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ line: 2, message: expect.stringContaining(`more than ${MAX_NESTING} levels`) });
  });

  it('parses a file with brackets far past the limit inside strings and comments', () => {
    const content = `// ${r('(', 5000)}\nconst s = "${r('[', 5000)}";\nexport const x = 1;\n`;
    expect(parseSource(content, 'src/ok.js', false).ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { FileFacts, FunctionFact, Language } from '../../src/facts/types.js';
import { bodyHash } from '../../src/languages/javascript/bodyhash.js';
import { functionBody, isFunctionLike } from '../../src/languages/javascript/functions.js';
import { javascriptFrontEnd } from '../../src/languages/javascript/index.js';
import { MAX_NESTING, parseSource } from '../../src/languages/javascript/parse.js';
import { walk } from '../../src/languages/javascript/walker.js';

function facts(content: string, path = 'src/sample.ts'): FileFacts {
  const language: Language = /\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript';
  return javascriptFrontEnd.extract({ path, language, content }) as FileFacts;
}

function fn(content: string, name: string, path?: string): FunctionFact {
  const found = facts(content, path).functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

describe('javascript front-end: parsing and positions', () => {
  it('reports a syntax error instead of throwing, with empty facts', () => {
    const result = facts('const a = 1;\nfunction f( {\n', 'src/bad.js');
    expect(result.parseError).toBeDefined();
    expect(result.parseError!.line).toBe(2);
    expect(result.parseError!.message.length).toBeGreaterThan(0);
    expect(result.functions).toEqual([]);
    expect(result.literals).toEqual([]);
    expect(result.tokens.hashes).toHaveLength(0);
    expect(result.lines).toBe(2);
  });

  it('gives the right line and UTF-16 column after non-ASCII text', () => {
    const src = "const s = 'é😀中文';\n// ünïcödé 🎉\nconst t = '日本'; function after(a) { return a; }\n";
    const result = facts(src, 'src/u.js');
    const f = result.functions[0]!;
    expect(f).toMatchObject({ name: 'after', line: 3, column: 17, endLine: 3, endColumn: 48 });
    const literal = result.literals.find((l) => l.value === '日本')!;
    expect(literal).toMatchObject({ line: 3, column: 11 });
  });

  it('keeps positions right over many files parsed in one process', () => {
    for (let i = 0; i < 200; i++) {
      const padding = '\n'.repeat(i % 7);
      const src = `${padding}// é ${i}\nexport function f${i}(x) {\n  return x + ${i};\n}\n`;
      const f = facts(src, `src/m${i}.js`).functions[0]!;
      expect(f.line).toBe((i % 7) + 2);
      expect(f.column).toBe(8);
      expect(f.endLine).toBe((i % 7) + 4);
    }
  });

  it('accepts a hashbang, sloppy scripts, JSX in .js and TSX', () => {
    expect(facts('#!/usr/bin/env node\nfunction main() { return 1; }\n', 'bin/x.js').functions[0]).toMatchObject({ line: 2, column: 1 });
    expect(facts('with (obj) { x = 010; }\n', 'legacy.js').parseError).toBeUndefined();
    expect(facts('const A = () => <div className="a">{1}</div>;\n', 'a.jsx').parseError).toBeUndefined();
    expect(facts('const A = <T,>(p: T) => <b>{String(p)}</b>;\n', 'a.tsx').parseError).toBeUndefined();
  });

  it('counts physical and code lines, ignoring comments but not strings or templates', () => {
    const src = [
      '// comment',
      'const a = "// not a comment";',
      '/* block',
      '   still block */ const b = 1;',
      'const re = /\\/\\*/; // regex with comment markers',
      'const t = `line one',
      '',
      'line three ${a + `inner`} done`;',
      '',
      '/** doc */',
    ].join('\n');
    const result = facts(`${src}\n`, 'src/lines.js');
    expect(result.lines).toBe(10);
    expect(result.codeLines).toBe(6);
  });
});

describe('javascript front-end: function metrics', () => {
  it('names functions by declaration, variable, property, class and assignment', () => {
    const src = `
      function decl() {}
      const arrow = () => 1;
      const expr = function named() {};
      const obj = { method() {}, prop: () => 2, get g() { return 1; } };
      class K { constructor() {} m() {} static s() {} #p() {} field = () => 3; }
      module.exports.handler = function () {};
      [1].map(function () {});
    `;
    const names = facts(src, 'src/n.js').functions.map((f) => f.name);
    expect(names).toEqual(['decl', 'arrow', 'named', 'method', 'prop', 'g', 'K.constructor', 'K.m', 'K.s', 'K.#p', 'K.field', 'module.exports.handler', '<anonymous>']);
    expect(fn(src, 'K.m', 'src/n.js').className).toBe('K');
  });

  it('counts positional params like ESLint max-params, without a TS this parameter', () => {
    expect(fn('function f(this: Window, a: number, { b, c }: O, [d] = [], ...e: number[]) {}', 'f').positionalParams).toBe(4);
    expect(fn('class C { constructor(private a: number, public b = 2) {} }', 'C.constructor').positionalParams).toBe(2);
    expect(fn('const g = () => 0;', 'g').positionalParams).toBe(0);
  });

  it('computes complexity with ESLint classic semantics', () => {
    const src = `function f(a, b = 1) {
      if (((a && b) || a) ?? b) {}
      for (const x of a) {}
      for (const k in a) {}
      while (a) {}
      do {} while (b);
      switch (a) { case 1: break; case 2: break; default: break; }
      try {} catch { }
      a ||= b; a &&= b; a ??= b;
      const { c = 2 } = a;
      return a?.b?.() ? 1 : 2;
    }`;
    // 1 + default + if + 3 logical + 2 for + while + do + 2 cases + catch + 3 logical assignments
    // + destructuring default + 2 optional links + ternary = 20 (checked with ESLint)
    expect(fn(src, 'f', 'src/c.js').complexity).toBe(20);
  });

  it('does not count nested functions or class field initialisers towards the enclosing function', () => {
    const src = `function f(a) {
      const g = () => a && a.b;
      class X { y = a || 1; static { if (a) {} } }
      return g;
    }`;
    const result = facts(src, 'src/n.js');
    expect(result.functions.find((f) => f.name === 'f')!.complexity).toBe(1);
    expect(result.functions.find((f) => f.name === 'g')!.complexity).toBe(2);
  });

  it('computes max-depth, where else-if adds no level and nested functions start again', () => {
    const src = `function f(a) {
      if (a) {
        for (;;) {
          try { while (a) { a--; } } finally {}
        }
      } else if (a > 1) {
        if (a > 2) {}
      }
      const inner = () => { if (a) { if (a) {} } };
    }`;
    expect(fn(src, 'f', 'src/d.js').maxDepth).toBe(4);
    expect(fn(src, 'inner', 'src/d.js').maxDepth).toBe(2);
  });

  it('finds assertions, statements, calls, recursion and unbounded loops', () => {
    const src = `function fact(n) {
      assert(n >= 0);
      console.assert(typeof n === 'number');
      assert.strictEqual(n, n);
      invariant(n < 100, 'big');
      while (true) { if (n) break; }
      for (;;) { break; }
      do { n--; } while (true);
      helper(n);
      return n <= 1 ? 1 : n * fact(n - 1);
    }
    class T { run() { return this.run(); } }`;
    const f = fn(src, 'fact', 'src/r.js');
    expect(f.assertions).toBe(4);
    expect(f.statements).toBe(13);
    expect(f.recursionLines).toEqual([10]);
    expect(f.callees).toEqual([]);
    expect(f.unboundedLoops.map((p) => p.line)).toEqual([6, 7, 8]);
    expect(fn(src, 'T.run', 'src/r.js').recursionLines).toEqual([12]);
  });

  it('finds writes to module-level let/var that are not shadowed', () => {
    const src = `let count = 0;
    var total;
    const fixed = 1;
    function bump(total) {
      count++;
      count += 2;
      total = 5;
      [count] = [1];
      function inner() { let count = 1; count = 2; }
    }`;
    const f = fn(src, 'bump', 'src/g.js');
    expect(f.globalWrites.map((w) => `${w.name}@${w.line}`)).toEqual(['count@5', 'count@6', 'count@8']);
    expect(fn(src, 'inner', 'src/g.js').globalWrites).toEqual([]);
    expect(facts(src, 'src/g.js').moduleState.map((s) => `${s.kind} ${s.name}`)).toEqual(['let count', 'var total']);
  });

  it('marks idempotent lazy initialisations of module-level bindings', () => {
    const src = `let a; let b; let c; let d; let e;
    function init() {
      a ??= make();
      b ||= make();
      if (c === undefined) c = make();
      if (!d) { d = make(); }
      if (e == null) e = make(); else e = other();
      a = undefined;
    }`;
    const writes = fn(src, 'init', 'src/g.js').globalWrites.map((w) => `${w.name}${w.lazy ? ' lazy' : ''}`);
    expect(writes).toEqual(['a lazy', 'b lazy', 'c lazy', 'd lazy', 'e', 'e', 'a']);
  });

  it('marks exported functions and classes', () => {
    const src = `export function a() {}
    function b() {}
    export const c = () => {};
    const d = () => {};
    export default function () {}
    export class E { m() {} private p() {} }
    export { d };`;
    const result = facts(src);
    const exported = Object.fromEntries(result.functions.map((f) => [f.name, f.exported]));
    expect(exported).toEqual({ a: true, b: false, c: true, d: true, '<anonymous>': true, 'E.m': true, 'E.p': false });
    expect(result.classes[0]).toMatchObject({ name: 'E', methods: 2, exported: true });
  });

  it('finds explicit any in TS signatures only', () => {
    const src = 'export function f(a: any, b: Record<string, any>, c = 1 as any): any { const x: any = 1; return x; }';
    expect(fn(src, 'f').anyInSignature.map((p) => p.column)).toEqual([22, 45, 66]);
    expect(fn('function g(a) {}', 'g', 'src/x.js').anyInSignature).toEqual([]);
    expect(fn('function g(a) {}', 'g', 'src/x.js').unannotatedParams).toEqual([]);
  });

  it('hashes bodies of 4+ statements so renamed copies are equal', () => {
    const a = 'function a(x) { const y = x + 1; if (y > 2) { log(y); } const z = y * 2; return z; }';
    const b = 'function b(p) { const q = p + 7; if (q > 9) { log(q); } const r = q * 3; return r; }';
    const c = 'function c(p) { const q = p - 7; if (q > 9) { log(q); } const r = q * 3; return r; }';
    const short = 'function d(x) { return x; }';
    const hashes = facts([a, b, c, short].join('\n'), 'src/h.js').functions.map((f) => f.bodyHash);
    expect(hashes[0]).toBeDefined();
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[2]).not.toBe(hashes[0]);
    expect(hashes[3]).toBeUndefined();
  });

  it('hashes bodies during its walk exactly as a separate walk of each body does, nested functions included', () => {
    const source = [
      'export class Store {',
      '  load(items: number[]) { const out = []; for (const i of items) { out.push(this.map((v) => { const w = v + 1; if (w > 2) { log(w); } return w * 2; }, i)); } log(out); return out; }',
      '}',
      'function outer(a, b = () => 1) { const inner = function (x) { const y = x.value; y.count++; if (y > 1) return y; return a?.b ?? 0; }; inner(a); inner(b); return inner; }',
      'function withCallbacks(cb) { const run = (g) => { g(1); cb(2); helper(3); return g; }; run(cb); later(); function later() { cb(0); new Thing(cb); } return run; }',
      'const arrow = async (p) => { await p; const q = [p, ...rest]; if (!q) { throw new Error("no"); } return `${q}`; };',
    ].join('\n');
    const outcome = parseSource(source, 'src/nested.ts', true);
    if (!outcome.ok) throw new Error('parse failed');
    const expected: string[] = [];
    walk(outcome.parsed.program, {
      enter(node, ancestors) {
        const body = isFunctionLike(node) ? functionBody(node) : undefined;
        if (body) expected.push(`${outcome.parsed.start(node).line}:${outcome.parsed.start(node).column}:${bodyHash(node, ancestors)}`);
      },
    });
    const got = facts(source, 'src/nested.ts').functions.filter((f) => f.bodyHash).map((f) => `${f.line}:${f.column}:${f.bodyHash}`);
    expect(got.length).toBeGreaterThanOrEqual(4);
    for (const entry of got) expect(expected).toContain(entry);
  });

  it('extracts the same facts from a test path as from any other (test files are a setting of the judgement)', () => {
    const source = 'export function t(a, b) { return setTimeout(() => a(b), 500) + 42; }\n';
    expect({ ...facts(source, 'src/a.test.ts'), path: 'src/a.ts' }).toEqual(facts(source, 'src/a.ts'));
    expect(fn(source, 't', 'src/a.test.ts').isTest).toBe(false);
  });
});

describe('javascript front-end: classes', () => {
  it('counts methods with bodies and function-valued fields', () => {
    const src = `abstract class A {
      constructor() {}
      abstract x(): void;
      get y() { return 1; }
      m(): void;
      m(a?: number) {}
      handler = () => {};
      value = 3;
    }`;
    expect(facts(src).classes[0]).toMatchObject({ name: 'A', methods: 4, line: 1, lengthLines: 9, exported: false });
    expect(facts('const Named = class {};').classes[0]!.name).toBe('Named');
  });

  it('counts the getter and setter of one property as one method, static and computed keys apart', () => {
    const src = `class A {
      get x() { return 1; }
      set x(v) {}
      static get x() { return 2; }
      set y(v) {}
      get [k]() { return 3; }
      set [k](v) {}
    }`;
    expect(facts(src).classes[0]!.methods).toBe(5);
  });

  it('counts the code lines of a class', () => {
    const src = 'class A {\n  // comment\n\n  /**\n   * doc\n   */\n  m() {}\n}\n';
    expect(facts(src).classes[0]).toMatchObject({ lengthLines: 8, codeLines: 3 });
  });
});

describe('javascript front-end: code lines and test-suite callbacks', () => {
  it('counts code lines like ESLint max-lines-per-function (skipComments, skipBlankLines)', () => {
    const src = [
      'function f() {',
      '  // only a comment',
      '',
      '  const a = 1; // code and a comment',
      '  /* block',
      '     comment */ const b = 2;',
      '  /* one */ /* two */',
      '  const s = `x',
      '',
      '  // not a comment: template text`;',
      '  return a + b + s.length;',
      '}',
    ].join('\n');
    expect(fn(src, 'f')).toMatchObject({ lengthLines: 12, codeLines: 7 });
  });

  it('marks the function literals passed to test-framework calls, and only those', () => {
    const src = `
      describe('a', () => {
        beforeEach(function () {});
        it.only('b', async () => { const helper = () => 1; });
        it.each([[1]])('c %i', (n) => {});
        describe.skip.each\`a\`('d', () => {});
        test.concurrent.skip('e', () => {});
        test.skipIf(true)('f', () => {});
        items.forEach((item) => {});
        runner.test('g', () => {});
        it.each([[1]]).only('h', () => {});
        it.bogus('i', () => {});
      });`;
    const found = facts(src).functions.map((f) => [f.line, f.name, f.testCallback === true]);
    expect(found).toEqual([
      [2, '<anonymous>', true],
      [3, '<anonymous>', true],
      [4, '<anonymous>', true],
      [4, 'helper', false],
      [5, '<anonymous>', true],
      [6, '<anonymous>', true],
      [7, '<anonymous>', true],
      [8, '<anonymous>', true],
      [9, '<anonymous>', false],
      [10, '<anonymous>', false],
      [11, '<anonymous>', false],
      [12, '<anonymous>', false],
    ]);
  });
});

describe('javascript front-end: literals', () => {
  const src = `'use strict';
import x from 'module-name';
const LIMIT = 42;
const NEG = -5;
let mutable = 7;
enum E { A = 3, B = 'b' }
function f(a = 9, s: 'lit' = 'lit') { return a[4] + 0x10 + -2 + obj['key']; }
class C { static readonly MAX = 100; other = 8; }
const o = { 'quoted': 1, [\`k\`]: 2 };
const r = require('dep');`;

  it('gives every numeric and string literal its context', () => {
    const list = facts(src).literals.map((l) => `${l.kind}:${l.value}:${l.context}${l.negative ? ':neg' : ''}${l.docstring ? ':doc' : ''}`);
    expect(list).toEqual([
      'string:use strict:other:doc',
      'number:42:constant',
      'number:-5:constant:neg',
      'number:7:named',
      'number:3:enum',
      'string:b:enum',
      'number:9:default',
      'string:lit:type',
      'string:lit:default',
      'number:4:index',
      'number:16:other',
      'number:-2:other:neg',
      'string:key:key',
      'number:100:constant',
      'number:8:named',
      'number:1:data',
      'number:2:data',
    ]);
  });

  it('treats arithmetic in module-level or UPPER_CASE constants as constant, not inside function logic', () => {
    const code = 'const TIMEOUT = 60 * 1000;\nfunction f(p: number) {\n  const MAX_RETRIES = -(3 + 4);\n  const total = p * 1.5;\n  return total;\n}\n';
    const list = facts(code).literals.map((l) => `${l.value}:${l.context}`);
    expect(list).toEqual(['60:constant', '1000:constant', '3:constant', '4:constant', '1.5:factor']);
  });

  it('reads the place of literals that name, count or tabulate (precision on real code)', () => {
    const code = [
      'function pipe(self, ...args) { switch (args.length) { case 7: return 1; } }',
      'const toUnit = (n) => nanosToUnit(n, 1_000_000_000) + nanosToUnit(n, 1000);',
      'Object.defineProperty(o, "shape", d); Reflect.get(o, "size"); defineLazy(o, "items", g); $(el).attr("href");',
      'w.tag(12, 2); w.other(13);',
      'function d(v) { return [0, 2, 4, 6, 8][v] + [3, 5][v]; }',
      'export const RANGES = /*@__PURE__*/ (() => ({ uint32: [0, 4294967295] }))();',
      'function f(x) { if (typeof x === "string") return "string"; return buf.toString("hex") + new TextDecoder("utf-8").decode(b); }',
      'function g(a) { switch ("_tag" in a ? a._tag : undefined) { case "Ed25519": return 1 } }',
    ].join('\n');
    const list = facts(code).literals.map((l) => `${l.value}:${l.context}`);
    expect(list).toEqual([
      '7:index', '1:other',
      '1000000000:factor', '1000:other',
      'shape:key', 'size:key', 'items:key', 'href:key',
      '12:tag', '2:other', '13:other',
      '0:data', '2:data', '4:data', '6:data', '8:data', '3:other', '5:other',
      '0:data', '4294967295:data',
      'string:tag', 'string:tag', 'hex:argument', 'utf-8:argument',
      '_tag:key', 'Ed25519:tag', '1:other',
    ]);
  });

  it('keeps raw text and positions', () => {
    const hex = facts(src).literals.find((l) => l.value === '16')!;
    expect(hex).toMatchObject({ raw: '0x10', line: 7 });
    const neg = facts(src).literals.find((l) => l.value === '-5')!;
    expect(neg).toMatchObject({ raw: '-5', line: 4, column: 13 });
  });
});

describe('javascript front-end: imports and calls', () => {
  it('collects imports, re-exports, require and dynamic import', () => {
    const src = `import a from './a';
import type { T } from './types';
export * from './all';
export { b } from './b';
const c = require('./c');
async function f() { await import('./lazy'); }`;
    const imports = facts(src).imports.map((i) => `${i.specifier}${i.typeOnly ? ' (type)' : ''}@${i.line}`);
    expect(imports).toEqual(['./a@1', './types (type)@2', './all@3', './b@4', './c@5', './lazy@6']);
  });

  it('marks imports that do not run when the module is imported', () => {
    const src = `import { type A, type B } from './all-types';
import { type C, d } from './mixed';
import {} from './empty';
export type { E } from './export-type';
export { type F } from './export-spec';
export { type G, h } from './export-mixed';
const top = require('./top');
function later() { return require('./in-function'); }
const arrow = () => require('./in-arrow');
class K { m() { return require('./in-method'); } }
const dynamic = import('./dynamic');`;
    const flags = (i: { typeOnly?: boolean; deferred?: boolean }): string => `${i.typeOnly ? ' type' : ''}${i.deferred ? ' deferred' : ''}`;
    expect(facts(src).imports.map((i) => `${i.specifier}${flags(i)}`)).toEqual([
      './all-types type',
      './mixed',
      './empty',
      './export-type type',
      './export-spec type',
      './export-mixed',
      './top',
      './in-function deferred',
      './in-arrow deferred',
      './in-method deferred',
      './dynamic deferred',
    ]);
  });

  it('finds timing, dynamic code, shell and deserialisation calls', () => {
    const src = `import { exec, execSync as run } from 'node:child_process';
import * as cp from 'child_process';
const serialize = require('node-serialize');
const { unserialize } = require('node-serialize');
setTimeout(tick, 500);
setInterval(tick, 60 * 1000);
setTimeout(tick);
await sleep(100);
eval(code);
new Function('a', body);
exec(\`rm \${dir}\`);
exec('ls');
run(cmd);
cp.exec(cmd);
cp.spawn(cmd, [], { shell: true });
cp.spawn(cmd, []);
serialize.unserialize(payload);
unserialize(payload);`;
    const calls = facts(src, 'src/c.mjs').calls.map((c) => `${c.kind} ${c.callee}${c.detail && c.kind === 'timing' ? ` ${c.detail}` : ''}@${c.line}`);
    expect(calls).toEqual([
      'timing setTimeout 500@5',
      'timing setInterval 60 * 1000@6',
      'timing sleep 100@8',
      'dynamic-code eval@9',
      'dynamic-code new Function@10',
      'shell exec@11',
      'shell run@13',
      'shell cp.exec@14',
      'shell cp.spawn@15',
      'deserialize serialize.unserialize@17',
      'deserialize unserialize@18',
    ]);
  });

  it('marks debounce timers, poll pacing sleeps and deadlines', () => {
    const src = `let t;
function touch() { clearTimeout(t); t = setTimeout(save, 500); this.h = setTimeout(save, 600); }
function stop() { clearTimeout(state.h); }
const kept = setTimeout(save, 700);
async function poll() {
  while (busy()) { await sleep(100); }
  for (;;) await new Promise((r) => setTimeout(r, 200));
  if (busy()) await sleep(300);
}
timers.set(r, setTimeout(() => controller.abort(), 5000));
setTimeout(function () { reject(new Error('timed out')); }, 6000);
setTimeout(() => { controller.abort(); retry(); }, 7000);`;
    const calls = facts(src, 'src/d.mjs').calls.map((c) => `${c.detail}${c.pacing ? ` ${c.pacing}` : ''}`);
    expect(calls).toEqual(['500 debounce', '600 debounce', '700', '100 poll', '200 poll', '300', '5000 deadline', '6000 deadline', '7000']);
  });
});

describe('javascript front-end: secrets and tokens', () => {
  it('finds key shapes and credential assignments without storing values', () => {
    const src = `const password = 'S3cr3tP4ss!';
const apiKey = 'short';
config.authToken = 'abcdef123456';
const opts = { clientSecret: 'q8Zr2LmX0vT4', passwordField: 'password123' };
const aws = 'AKIAABCDEFGHIJKLMNOP';`;
    const secrets = facts(src, 'src/s.js').secrets;
    expect(secrets.map((s) => `${s.kind}:${s.name}@${s.line}`)).toEqual([
      'credential-assignment:password@1',
      'credential-assignment:authToken@3',
      'credential-assignment:clientSecret@4',
      'cloud-key:AWS access key id@5',
    ]);
    expect(JSON.stringify(secrets)).not.toContain('S3cr3t');
  });

  it('emits a normalised token stream where renamed code hashes the same but other literals do not', () => {
    const a = facts('function f(a, b) {\n  return a + b * 2;\n}\n', 'src/t.js').tokens;
    const b = facts('function g(x, y) {\n  return x + y * 2;\n}\n', 'src/t.js').tokens;
    const c = facts('function g(x, y) {\n  return x - y * 2;\n}\n', 'src/t.js').tokens;
    const d = facts('function g(x, y) {\n  return x + y * 7;\n}\n', 'src/t.js').tokens;
    expect(d.hashes).not.toEqual(a.hashes);
    expect(a.hashes.length).toBeGreaterThan(8);
    expect(a.hashes.length).toBe(a.lines.length);
    expect(a.hashes).toEqual(b.hashes);
    expect(a.lines).toEqual(b.lines);
    expect(c.hashes).not.toEqual(a.hashes);
    expect(Math.max(...Array.from(a.lines))).toBe(3);
  });
});

describe('javascript front-end: parse error positions', () => {
  it('points at the offending token on the first and later lines', () => {
    expect(facts('let x = ;\n', 'src/e.js').parseError).toMatchObject({ line: 1, column: 9 });
    expect(facts('ok();\n  let y = );\n', 'src/e.js').parseError).toMatchObject({ line: 2, column: 11 });
  });
});

describe('javascript front-end: what the oxc parser reads that the swc-based front-end missed', () => {
  it('finds calls of interest through an optional member (`window?.eval`, `cp?.exec`)', () => {
    const src = ["import * as cp from 'node:child_process';", 'window?.eval(code);', 'cp?.exec(command);', ''].join('\n');
    const calls = facts(src, 'src/o.mjs').calls.map((c) => `${c.kind}@${c.line}`);
    expect(calls).toEqual(['dynamic-code@2', 'shell@3']);
  });

  it('finds a hard-coded credential as the default of a shorthand destructuring', () => {
    const src = ["const { apiKey = 'b3f1c9e07d2a4f' } = options;", "function f({ token = 'Zk81mQ0x7rTw' }) { return token; }", ''].join('\n');
    expect(facts(src, 'src/d.js').secrets.map((s) => `${s.kind}:${s.name}@${s.line}`)).toEqual(['credential-assignment:apiKey@1', 'credential-assignment:token@2']);
  });

  it('keeps the value of a string with an escaped backslash as written (`\\\\u00e9` is a backslash and `u00e9`)', () => {
    const literal = facts("const A = 'x\\\\u00e9y';\n", 'src/l.js').literals.find((l) => l.kind === 'string')!;
    expect(literal.value).toBe('x\\u00e9y');
    expect(literal.raw).toBe("'x\\\\u00e9y'");
  });

  it('puts an error at the end of the file on its last line', () => {
    expect(facts('const a = 1;\nfunction f( {\n', 'src/end.js').parseError).toMatchObject({ line: 2 });
  });
});

describe('javascript front-end: nesting guard', () => {
  it('reports a too deep file as a parse error at that place, without parsing it', () => {
    const content = `const a = 1;\nconst b = ${'('.repeat(MAX_NESTING + 1)}1${')'.repeat(MAX_NESTING + 1)};\n`;
    const result = facts(content, 'src/deep.js');
    // The `=` of `const b =` is open too: the limit is passed one bracket earlier.
    expect(result.parseError).toMatchObject({ line: 2, column: 10 + MAX_NESTING });
    expect(result.functions).toEqual([]);
  });
});

describe('javascript front-end: literal tokens', () => {
  const tokens = (src: string): number[] => Array.from(facts(src, 'src/t.js').tokens.hashes);

  it('keeps the value of regular expressions and BigInts, like other literals', () => {
    expect(tokens('const r = /a+/g;\n')).toEqual(tokens('const s = /a+/g;\n'));
    expect(tokens('const r = /a+/g;\n')).not.toEqual(tokens('const r = /b+/g;\n'));
    expect(tokens('const r = /a+/g;\n')).not.toEqual(tokens('const r = /a+/i;\n'));
    expect(tokens("const r = /a+/g;\n")).not.toEqual(tokens("const r = 'undefined';\n"));
    expect(tokens('const n = 1n;\n')).not.toEqual(tokens('const n = 2n;\n'));
    expect(tokens('const n = 1n;\n')).not.toEqual(tokens('const n = 1;\n'));
  });
});

describe('javascript front-end: calls resolved by scope', () => {
  const src = `import { imported } from './x';
function target() { return 0; }
function shadowed(target) { return target(); }
function local() { let target = cache(); return target(); }
function uses() { imported(); return target(); }
function nested() { function target() { return 1; } return target(); }
class C {
  get target() { return target(); }
  target() { return target(); }
  go() { return this.target() + C.make(); }
  static make() { return 1; }
}
function reassigned() { return later(); }
function later() { return 2; }
later = () => 3;
`;
  const all = facts(src, 'src/s.ts');
  const of = (name: string) => all.functions.find((f) => f.name === name)!.callees.map((i) => `${all.functions[i]!.name}@${all.functions[i]!.line}`);
  it('binds a call to the innermost declaration (params, locals, imports, nested functions)', () => {
    expect(of('shadowed')).toEqual([]);
    expect(of('local')).toEqual([]);
    expect(of('uses')).toEqual(['target@2']);
    expect(of('nested')).toEqual(['target@6']);
    expect(of('reassigned')).toEqual([]);
  });
  it('reaches methods through this. or the class name only; getters and bare calls reach the outer function', () => {
    const methods = all.functions.filter((f) => f.className === 'C').map((f) => `${f.name}:${f.callees.map((i) => all.functions[i]!.line).join(',')}`);
    expect(methods).toContain('C.go:9,11');
    expect(all.functions.filter((f) => f.className === 'C' && f.line === 9)[0]!.callees.map((i) => all.functions[i]!.line)).toEqual([2]);
    expect(all.functions.filter((f) => f.line === 8)[0]!.callees.map((i) => all.functions[i]!.line)).toEqual([2]);
  });
});

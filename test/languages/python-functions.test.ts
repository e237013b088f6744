/** Python front-end: function and class facts. */
import { describe, expect, it } from 'vitest';
import type { FileFacts, FunctionFact } from '../../src/facts/types.js';
import { pythonFrontEnd } from '../../src/languages/python/index.js';

/** Strips the common indentation of a template literal (first empty line dropped). */
function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(...text.split('\n').filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return text.split('\n').map((l) => l.slice(indent)).join('\n');
}

async function extract(content: string, path = 'pkg/mod.py'): Promise<FileFacts> {
  const facts = await pythonFrontEnd.extract({ path, language: 'python', content });
  expect(facts.parseError).toBeUndefined();
  return facts;
}

async function fn(content: string, name: string): Promise<FunctionFact> {
  const found = (await extract(content)).functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

describe('complexity (radon cc counting)', () => {
  const cases: Array<[string, string, number]> = [
    ['straight line', 'def f():\n    return 1\n', 1],
    ['if/elif/else = 3', 'def f(a):\n    if a == 1:\n        pass\n    elif a == 2:\n        pass\n    else:\n        pass\n', 3],
    ['for + else = 3', 'def f(a):\n    for x in a:\n        pass\n    else:\n        pass\n', 3],
    ['while + else = 3', 'def f(a):\n    while a:\n        pass\n    else:\n        pass\n', 3],
    ['try, two handlers and else = 4', 'def f():\n    try:\n        pass\n    except A:\n        pass\n    except B:\n        pass\n    else:\n        pass\n', 4],
    ['try/finally only = 1', 'def f():\n    try:\n        pass\n    finally:\n        pass\n', 1],
    ['nested finally = 1', 'def f():\n    try:\n        pass\n    finally:\n        try:\n            pass\n        finally:\n            pass\n', 1],
    ['each and/or adds 1', 'def f(a, b, c):\n    return a and b or c and not a\n', 4],
    ['comprehension for + ifs', 'def f(a):\n    return [x for x in a if x if x > 1 for y in x]\n', 5],
    ['dict/set/generator comprehensions', 'def f(a):\n    return {k: 1 for k in a}, {k for k in a}, sum(k for k in a)\n', 4],
    ['conditional expressions', 'def f(a):\n    return 1 if a else 2 if not a else 3\n', 3],
    ['assert counts 1, its expression is not inspected', 'def f(a, b):\n    assert a and b or a, "x" if a else "y"\n', 2],
    ['with adds nothing', 'def f(a):\n    with a as b, a as c:\n        pass\n', 1],
    ['lambda bodies count for the enclosing function', 'def f(a):\n    return lambda x: x if x else a\n', 2],
    ['match/case adds nothing in radon 5.1.0', 'def f(a):\n    match a:\n        case 1 if a and a:\n            pass\n        case _:\n            pass\n', 2],
    ['try/except* is not counted by radon 5.1.0', 'def f():\n    try:\n        pass\n    except* A:\n        pass\n', 1],
    ['async for + else and async comprehension', 'async def f(a):\n    async for x in a:\n        pass\n    else:\n        pass\n    return [x async for x in a]\n', 4],
  ];
  it.each(cases)('%s', async (_label, source, expected) => {
    expect((await fn(source, 'f')).complexity).toBe(expected);
  });

  it('keeps nested functions, nested classes, decorators and defaults out of the parent', async () => {
    const source = py`
      @deco(1 if x else 2)
      def outer(a=1 if y else 2):
          def inner(b):
              return b and a
          class K:
              def m(self):
                  return 1 if self else 2
          return inner
    `;
    const facts = await extract(source);
    const byName = Object.fromEntries(facts.functions.map((f) => [f.name, f.complexity]));
    expect(byName).toEqual({ outer: 1, inner: 2, 'K.m': 2 });
  });
});

describe('nesting depth (ESLint max-depth semantics)', () => {
  it('counts if/for/while/try/with/match, elif at the same depth', async () => {
    const source = py`
      def f(a):
          if a:
              for x in a:
                  while x:
                      try:
                          with x:
                              pass
                      except E:
                          pass
          elif a:
              if a:
                  pass
    `;
    expect((await fn(source, 'f')).maxDepth).toBe(5);
  });
  it('is 0 for a flat body and restarts in nested functions', async () => {
    const source = py`
      def f(a):
          if a:
              def g():
                  return 1
          return a
    `;
    const facts = await extract(source);
    expect(facts.functions.map((f) => [f.name, f.maxDepth])).toEqual([['f', 1], ['g', 0]]);
  });
  it('counts match and an if inside `else:` as nested', async () => {
    const source = py`
      def f(a):
          match a:
              case 1:
                  if a:
                      pass
          if a:
              pass
          else:
              if a:
                  pass
    `;
    expect((await fn(source, 'f')).maxDepth).toBe(2);
  });
});

describe('parameters', () => {
  it('counts positional-only and positional-or-keyword, not *args, **kwargs or keyword-only', async () => {
    const f = await fn('def f(a, b=1, /, c: int = 2, *args, d, e=3, **kw): pass\n', 'f');
    expect(f.positionalParams).toBe(3);
    expect(f.totalParams).toBe(7);
  });
  it('ignores parameters after a bare *', async () => {
    const f = await fn('def f(a, *, b, c): pass\n', 'f');
    expect([f.positionalParams, f.totalParams]).toEqual([1, 3]);
  });
  it('drops self/cls of methods but not of static methods', async () => {
    const source = py`
      class A:
          def m(self, a, b): pass
          @classmethod
          def c(cls, a): pass
          @staticmethod
          def s(a, b): pass
          def star(*args): pass
    `;
    const facts = await extract(source);
    expect(facts.functions.map((f) => [f.name, f.positionalParams, f.totalParams])).toEqual([
      ['A.m', 2, 3],
      ['A.c', 1, 2],
      ['A.s', 2, 2],
      ['A.star', 0, 1],
    ]);
    expect(facts.functions[0]!.className).toBe('A');
  });
  it('lists unannotated parameters of public functions only', async () => {
    const source = py`
      def public(a, b: int, c=1, *args, d, e: str = "", **kw) -> None: pass
      def _private(a): pass
      class C:
          def m(self, x, y: int): pass
          def __init__(self, z): pass
      def outer():
          def inner(q): pass
    `;
    const facts = await extract(source);
    expect(Object.fromEntries(facts.functions.map((f) => [f.name, f.unannotatedParams]))).toEqual({
      public: ['a', 'c', 'd'],
      _private: [],
      'C.m': ['x'],
      'C.__init__': ['z'],
      outer: [],
      inner: [],
    });
    expect(facts.functions.every((f) => f.anyInSignature.length === 0)).toBe(true);
  });
});

describe('function facts', () => {
  it('uses the def line as the span start for decorated and async functions', async () => {
    const source = py`
      @decorator
      @other(1)
      async def fetch(url):
          return url
    `;
    const f = await fn(source, 'fetch');
    expect([f.line, f.column, f.endLine, f.lengthLines]).toEqual([3, 1, 4, 2]);
  });
  it('counts statements recursively, without the docstring, and assertions', async () => {
    const source = py`
      def f(a):
          """Doc."""
          assert a
          if a:
              x = 1; y = 2
          for i in a:
              assert i, "msg"
          return x
    `;
    const f = await fn(source, 'f');
    expect(f.statements).toBe(7);
    expect(f.assertions).toBe(2);
  });
  it('records direct recursion, calls and unbounded loops', async () => {
    const source = py`
      def walk(n):
          while True:
              helper(n)
              walk(n - 1)
          while (1):
              pass
          while 0:
              pass
      class T:
          def visit(self, n):
              self.visit(n)
              visit(n)
              cls.other()
    `;
    const facts = await extract(source);
    const walk = facts.functions.find((f) => f.name === 'walk')!;
    expect(walk.recursionLines).toEqual([4]);
    expect(walk.callees).toEqual([]);
    expect(walk.unboundedLoops).toEqual([{ line: 2, column: 5 }, { line: 5, column: 5 }]);
    const visit = facts.functions.find((f) => f.name === 'T.visit')!;
    expect(visit.recursionLines).toEqual([11]);
    // `visit(n)` is no module-level function (the method is reached only through `self.`); `cls` is no receiver of `visit`.
    expect(visit.callees).toEqual([]);
  });
});

describe('function facts: module state and visibility', () => {
  it('records writes to names declared global in the function', async () => {
    const source = py`
      count = 0
      def bump():
          global count, total
          local = 1
          count += 1
          total, other = 1, 2
          obj.count = 3
      def shadow():
          count = 5
    `;
    const facts = await extract(source);
    expect(facts.functions[0]!.globalWrites).toEqual([
      { name: 'count', line: 5, column: 5 },
      { name: 'total', line: 6, column: 5 },
    ]);
    expect(facts.functions[1]!.globalWrites).toEqual([]);
    const lazy = await extract(py`
      a = None
      def init():
          global a, b
          if a is None:
              a = 1
          if not b:
              b = 2
          if a is None:
              a = 3
              b = 4
          a = 5
    `);
    expect(lazy.functions[0]!.globalWrites.map((w) => `${w.name}${w.lazy ? ' lazy' : ''}`)).toEqual(['a lazy', 'b lazy', 'a', 'b', 'a']);
    expect(facts.moduleState).toEqual([
      { name: 'count', kind: 'global', line: 3, column: 5 },
      { name: 'total', kind: 'global', line: 3, column: 5 },
    ]);
  });
  it('marks exported (public) functions and methods', async () => {
    const source = py`
      def pub(): pass
      def _priv(): pass
      class Pub:
          def m(self): pass
          def _h(self): pass
          def __eq__(self, o): pass
      class _Priv:
          def m(self): pass
      def outer():
          def inner(): pass
    `;
    const facts = await extract(source);
    expect(Object.fromEntries(facts.functions.map((f) => [f.name, f.exported]))).toEqual({
      pub: true, _priv: false, 'Pub.m': true, 'Pub._h': false, 'Pub.__eq__': true, '_Priv.m': false, outer: true, inner: false,
    });
    expect(facts.classes.map((c) => [c.name, c.exported])).toEqual([['Pub', true], ['_Priv', false]]);
  });
});

describe('function facts: clones and tests', () => {
  it('hashes bodies of 4+ statements so renamed copies are equal', async () => {
    const source = py`
      def a(items):
          """First."""
          total = 0
          for item in items:
              total += item * 2
          return total
      def b(values):
          acc = 10
          for v in values:
              acc += v * 3  # comment
          return acc
      def c(values):
          acc = 10
          for v in values:
              acc -= v * 3
          return acc
      def short(x):
          return x
    `;
    const facts = await extract(source);
    const [a, b, c, short] = facts.functions;
    expect(a!.bodyHash).toMatch(/^[0-9a-f]{40}$/);
    expect(b!.bodyHash).toBe(a!.bodyHash);
    expect(c!.bodyHash).not.toBe(a!.bodyHash);
    expect(short!.bodyHash).toBeUndefined();
  });
  it('marks test functions by their name, never by the path of their file', async () => {
    const source = 'def test_x(): pass\ndef helper(): pass\n';
    const plain = await extract(source, 'pkg/mod.py');
    expect(plain.functions.map((f) => f.isTest)).toEqual([true, false]);
    const testFile = await extract(source, 'pkg/test_mod.py');
    expect(testFile.functions.map((f) => f.isTest)).toEqual([true, false]);
    expect({ ...testFile, path: plain.path }).toEqual(plain);
  });
});

describe('classes', () => {
  it('counts methods directly in the class body, decorated ones included', async () => {
    const source = py`
      @dataclass
      class A(Base):
          X = 1
          def a(self): pass
          @property
          def b(self): pass
          class Inner:
              def c(self): pass
          def d(self):
              def nested(): pass
    `;
    const facts = await extract(source);
    expect(facts.classes.map((c) => [c.name, c.methods, c.line, c.endLine, c.lengthLines])).toEqual([
      ['A', 3, 2, 10, 9],
      ['Inner', 1, 7, 8, 2],
    ]);
  });
});

describe('function facts: calls resolved by scope', () => {
  const names = (facts: FileFacts, f: FunctionFact): string[] => f.callees.map((i) => `${facts.functions[i]!.name}@${facts.functions[i]!.line}`);
  it('binds a call to the innermost scope: params, locals, imports, nested defs, global, nonlocal', async () => {
    const source = py`
      from x import imported
      def imported2(): pass
      def target(): pass
      def shadowed(target):
          return target()
      def local():
          target = 1
          return target()
      def uses():
          imported()
          return target()
      def nested():
          def target():
              return 0
          return target()
      def viaglobal():
          global target
          return target()
      def enclosing():
          target = 2
          def inner():
              nonlocal target
              return target()
          return inner()
    `;
    const facts = await extract(source);
    const of = (name: string) => names(facts, facts.functions.find((f) => f.name === name)!);
    expect(of('shadowed')).toEqual([]);
    expect(of('local')).toEqual([]);
    expect(of('uses')).toEqual(['target@3']);
    expect(of('nested')).toEqual(['target@13']);
    expect(of('viaglobal')).toEqual(['target@3']);
    expect(of('inner')).toEqual([]);
    expect(of('enclosing')).toEqual(['inner@21']);
  });

  it('reaches methods through self/cls/ClassName only, and class bodies are not visible from methods', async () => {
    const source = py`
      def run(): pass
      class A:
          run = staticmethod(run)
          def run(self):
              return run()
          def go(self):
              self.run()
              A.run(self)
      class B:
          def go(self):
              self.run()
    `;
    const facts = await extract(source);
    const of = (name: string) => names(facts, facts.functions.find((f) => f.name === name)!);
    expect(of('A.run')).toEqual(['run@1']);
    expect(of('A.go')).toEqual(['A.run@4']);
    expect(of('B.go')).toEqual([]);
  });
});

describe('sizes as a reader counts them', () => {
  it('counts code lines: no blank lines, comment lines or string statements (docstrings)', async () => {
    const source = py`
      def f(a):
          """Docstring
          over lines.
          """
          # a comment

          x = a  # code and a comment
          """A string used as a comment."""
          s = """text

          more"""
          return x + s
    `;
    expect(await fn(source, 'f')).toMatchObject({ lengthLines: 12, codeLines: 5 });
  });

  it('counts a property with its setter and deleter as one method, @overload stubs as none', async () => {
    const source = py`
      import typing
      from typing import overload
      class A:
          @property
          def x(self): return 1
          @x.setter
          def x(self, v): pass
          @x.deleter
          def x(self): pass
          @overload
          def m(self, a: int) -> int: ...
          @typing.overload
          def m(self, a: str) -> str: ...
          def m(self, a): return a
          def n(self): pass
    `;
    const facts = await extract(source);
    expect(facts.classes[0]!.methods).toBe(3);
    expect(facts.functions.filter((f) => f.overload).map((f) => f.line)).toEqual([11, 13]);
  });

  it('marks TypedDicts and classes of plain key declarations as records, not Protocols or classes with methods', async () => {
    const source = py`
      class Movie(TypedDict, total=False):
          title: str
      class Row:
          """A row."""
          id: int = 0
          name: str
          ...
      class Shape(Protocol):
          area: float
      class Point:
          x: int
          def norm(self): pass
      class Constants:
          A = 1
    `;
    const facts = await extract(source);
    expect(facts.classes.map((c) => [c.name, c.record === true])).toEqual([
      ['Movie', true],
      ['Row', true],
      ['Shape', false],
      ['Point', false],
      ['Constants', false],
    ]);
  });
});

/** Python front-end: literals, imports, calls of interest, secrets, tokens and line counts. */
import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/facts/types.js';
import { pythonFrontEnd } from '../../src/languages/python/index.js';

async function extract(content: string, path = 'pkg/mod.py'): Promise<FileFacts> {
  const facts = await pythonFrontEnd.extract({ path, language: 'python', content });
  expect(facts.parseError).toBeUndefined();
  return facts;
}

async function literals(content: string) {
  return (await extract(content)).literals.map(({ value, context, kind, negative, docstring }) => ({
    value, context, kind, ...(negative ? { negative } : {}), ...(docstring ? { docstring } : {}),
  }));
}

describe('literals', () => {
  it('normalises numbers and negations', async () => {
    const found = await literals('x = [1_000, 0x10, 0o17, 0b101, 1.50, 1e3, -5, -(2.5), 3j]\n');
    expect(found.map((l) => l.value)).toEqual(['1000', '16', '15', '5', '1.5', '1000', '-5', '2.5', '3j']);
    expect(found[6]).toMatchObject({ negative: true, kind: 'number' });
    const facts = await extract('y = -5\n');
    expect(facts.literals[0]).toMatchObject({ raw: '-5', line: 1, column: 5 });
  });
  it('classifies the context', async () => {
    const source = [
      'MAX_SIZE = 100',
      'NEG: int = -1',
      'LIMITS = {"low": 10, "high": (20, 30)}',
      'lower = 7',
      'def f(a=3, b: int = 4, c: Literal[5] = 6) -> Annotated[int, 8]:',
      '    LOCAL = 9',
      '    return a[10] + a[-11] + a[1:12]',
      'class C:',
      '    WIDTH = 13',
      '    size = call(14)',
    ].join('\n');
    const found = (await literals(source)).filter((l) => l.kind === 'number');
    expect(found.map((l) => [l.value, l.context])).toEqual([
      ['100', 'constant'], ['-1', 'constant'], ['10', 'data'], ['20', 'data'], ['30', 'data'], ['7', 'named'],
      ['3', 'default'], ['4', 'default'], ['5', 'type'], ['6', 'default'], ['8', 'type'],
      ['9', 'named'], ['10', 'index'], ['-11', 'index'], ['1', 'index'], ['12', 'index'],
      ['13', 'constant'], ['14', 'other'],
    ]);
    const keys = (await literals(source)).filter((l) => l.kind === 'string');
    expect(keys.map((l) => [l.value, l.context])).toEqual([['low', 'data'], ['high', 'data']]);
  });
  it('reads the place of literals that name attributes, encodings and tables (precision on real code)', async () => {
    const source = [
      'def f(self, v):',
      '    object.__setattr__(self, "frozen", True)',
      '    super().__getattribute__("name")',
      '    tag = ("%0.4X" % v).encode("ascii")',
      '    return [0, 2, 4, 6, 8][v] + [235, 334][v] + other(9)',
      'def g(s, errors="strict", when="now"):',
      '    parser.add_argument("--all", action="store_true", dest="every")',
    ].join('\n');
    const found = await literals(source);
    expect(found.map((l) => [l.value, l.context])).toEqual([
      ['frozen', 'key'], ['name', 'key'], ['%0.4X', 'factor'], ['ascii', 'argument'],
      ['0', 'data'], ['2', 'data'], ['4', 'data'], ['6', 'data'], ['8', 'data'], ['235', 'other'], ['334', 'other'], ['9', 'other'],
      ['strict', 'argument'], ['now', 'default'], ['--all', 'other'], ['store_true', 'argument'], ['every', 'named'],
    ]);
  });
  it('cooks strings, marks docstrings and skips interpolating f-strings', async () => {
    const source = [
      '"""Module doc."""',
      'a = "tab\\tnew\\nq\\x41\\u00e9"',
      "b = r'raw\\n'",
      'c = "con" \'cat\'',
      'd = f"no {x} constant"',
      'e = f"plain {{braces}}"',
      'def f():',
      '    """Function doc."""',
      '    "not a docstring"',
      'class K:',
      '    "Class doc."',
    ].join('\n');
    const found = await literals(source);
    expect(found).toEqual([
      { value: 'Module doc.', context: 'other', kind: 'string', docstring: true },
      { value: 'tab\tnew\nqAé', context: 'named', kind: 'string' },
      { value: 'raw\\n', context: 'named', kind: 'string' },
      { value: 'concat', context: 'named', kind: 'string' },
      { value: 'plain {braces}', context: 'named', kind: 'string' },
      { value: 'Function doc.', context: 'other', kind: 'string', docstring: true },
      { value: 'not a docstring', context: 'other', kind: 'string' },
      { value: 'Class doc.', context: 'other', kind: 'string', docstring: true },
    ]);
  });
});

describe('imports', () => {
  it('records module, relative and from-imports', async () => {
    const source = [
      'import os.path, sys as system',
      'from .x import y, z as w',
      'from . import m',
      'from ..pkg.sub import *',
      'from __future__ import annotations',
      'from typing import TYPE_CHECKING',
      'if TYPE_CHECKING:',
      '    from .models import Model',
      'def f():',
      '    import json',
    ].join('\n');
    const facts = await extract(source);
    expect(facts.imports.map(({ specifier, names, typeOnly, line }) => ({ specifier, names, typeOnly, line }))).toEqual([
      { specifier: 'os.path', names: undefined, typeOnly: undefined, line: 1 },
      { specifier: 'sys', names: undefined, typeOnly: undefined, line: 1 },
      { specifier: '.x', names: ['y', 'z'], typeOnly: undefined, line: 2 },
      { specifier: '.', names: ['m'], typeOnly: undefined, line: 3 },
      { specifier: '..pkg.sub', names: ['*'], typeOnly: undefined, line: 4 },
      { specifier: '__future__', names: ['annotations'], typeOnly: undefined, line: 5 },
      { specifier: 'typing', names: ['TYPE_CHECKING'], typeOnly: undefined, line: 6 },
      { specifier: '.models', names: ['Model'], typeOnly: true, line: 8 },
      { specifier: 'json', names: undefined, typeOnly: undefined, line: 10 },
    ]);
  });

  it('marks imports inside functions and methods as deferred, not those in class bodies or try blocks', async () => {
    const source = [
      'try:',
      '    import fast',
      'except ImportError:',
      '    fast = None',
      'def f():',
      '    import json',
      '    def g():',
      '        from . import inner',
      'class C:',
      '    from . import attr',
      '    def m(self):',
      '        from .x import y',
      'async def h():',
      '    import asyncio',
    ].join('\n');
    const facts = await extract(source);
    expect(facts.imports.map(({ specifier, deferred, line }) => ({ specifier, deferred, line }))).toEqual([
      { specifier: 'fast', deferred: undefined, line: 2 },
      { specifier: 'json', deferred: true, line: 6 },
      { specifier: '.', deferred: true, line: 8 },
      { specifier: '.', deferred: undefined, line: 10 },
      { specifier: '.x', deferred: true, line: 12 },
      { specifier: 'asyncio', deferred: true, line: 14 },
    ]);
  });
});

describe('calls of interest', () => {
  async function calls(source: string) {
    return (await extract(source)).calls.map(({ kind, callee, detail, line }) => ({ kind, callee, line, ...(detail ? { detail } : {}) }));
  }
  it('finds literal sleeps', async () => {
    const found = await calls('time.sleep(2)\nawait asyncio.sleep(0.5)\nsleep(delay)\nsleep(-1)\nother.sleep(3)\n');
    expect(found).toEqual([
      { kind: 'timing', callee: 'time.sleep', line: 1, detail: '2' },
      { kind: 'timing', callee: 'asyncio.sleep', line: 2, detail: '0.5' },
      { kind: 'timing', callee: 'sleep', line: 4, detail: '-1' },
    ]);
  });
  it('marks sleeps that pace a poll loop', async () => {
    const facts = await extract('while busy():\n    time.sleep(0.1)\nfor _ in x:\n    await asyncio.sleep(1)\nif busy():\n    time.sleep(2)\n');
    expect(facts.calls.map((c) => `${c.detail}${c.pacing ? ` ${c.pacing}` : ''}`)).toEqual(['0.1 poll', '1 poll', '2']);
  });
  it('finds exec/eval builtins only: compile() alone runs nothing', async () => {
    const found = await calls('exec(code)\neval("1")\ncompile(src, "f", "exec")\nre.compile("x")\nself.eval(x)\n');
    expect(found.map((c) => [c.kind, c.callee])).toEqual([['dynamic-code', 'exec'], ['dynamic-code', 'eval']]);
  });
  it('finds shell execution with non-literal commands', async () => {
    const source = [
      'os.system(cmd)',
      'os.system("ls -l")',
      'os.popen(f"cat {path}")',
      'subprocess.run(cmd, shell=True)',
      'subprocess.run("ls " + d, shell=True)',
      'subprocess.run("ls", shell=True)',
      'subprocess.run(cmd)',
      'subprocess.Popen(args=cmd, shell=True)',
      'check_output(cmd, shell=True)',
      'subprocess.call(cmd, shell=False)',
    ].join('\n');
    const found = await calls(source);
    expect(found.map((c) => [c.callee, c.line])).toEqual([
      ['os.system', 1], ['os.popen', 3], ['subprocess.run', 4], ['subprocess.run', 5], ['subprocess.Popen', 8], ['check_output', 9],
    ]);
    expect(found.every((c) => c.kind === 'shell')).toBe(true);
  });
  it('finds unsafe deserialisation', async () => {
    const source = [
      'pickle.loads(data)',
      'cPickle.load(fh)',
      'marshal.loads(b)',
      'yaml.load(text)',
      'yaml.load(text, Loader=yaml.SafeLoader)',
      'yaml.load(text, Loader=CSafeLoader)',
      'yaml.load(text, yaml.FullLoader)',
      'yaml.safe_load(text)',
      'json.loads(text)',
      'shelve.open(path)',
    ].join('\n');
    const found = await calls(source);
    expect(found.map((c) => [c.callee, c.line])).toEqual([
      ['pickle.loads', 1], ['cPickle.load', 2], ['marshal.loads', 3], ['yaml.load', 4], ['yaml.load', 7],
    ]);
    expect(found.every((c) => c.kind === 'deserialize' && c.detail)).toBe(true);
  });
});

describe('secrets', () => {
  it('finds key shapes and credential assignments without storing the value', async () => {
    const source = [
      'AWS = "AKIAABCDEFGHIJKLMNOP"',
      'password = "hunter2hunter2"',
      'self.api_key = "s3cr3tvalue!"',
      'connect(auth_token="Zk81mQ0x7rTw")',
      'cfg = {"secret": "q8Zr2LmX0vT4wB"}',
      'def login(pwd="dfT9!pass7Q"): pass',
      'password_prompt = "Enter password please"',
      'token = "short"',
      'password = "changeme"',
      'header = f"Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789{x}"',
    ].join('\n');
    const facts = await extract(source);
    expect(facts.secrets.map(({ kind, name, line }) => [kind, name, line])).toEqual([
      ['cloud-key', 'AWS access key id', 1],
      ['credential-assignment', 'password', 2],
      ['credential-assignment', 'api_key', 3],
      ['credential-assignment', 'auth_token', 4],
      ['credential-assignment', 'secret', 5],
      ['credential-assignment', 'pwd', 6],
      ['cloud-key', 'GitHub token', 10],
    ]);
    expect(JSON.stringify(facts.secrets)).not.toContain('hunter2');
  });
});

describe('tokens and lines', () => {
  it('normalises identifiers but keeps literal values, skips comments', async () => {
    const a = await extract('x = foo(1, "a")  # note\n');
    const b = await extract('# header\ny = bar(1, "a")\n');
    const c = await extract('y = bar(2, "a")\n');
    expect(a.tokens.hashes).toEqual(b.tokens.hashes);
    expect(c.tokens.hashes).not.toEqual(a.tokens.hashes);
    expect(a.tokens.hashes).toHaveLength(8); // x = foo ( 1 , "a" )
    expect(Array.from(a.tokens.lines)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(b.tokens.lines).every((l) => l === 2)).toBe(true);
  });
  it('counts physical and code lines (docstrings are code, comments and blanks are not)', async () => {
    const facts = await extract('"""Doc\nstring."""\n\n# comment\nx = 1\n\n');
    expect(facts.lines).toBe(6);
    expect(facts.codeLines).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportFact } from '../../../src/facts/types.js';
import { archCycle } from '../../../src/rules/architecture/arch-cycle.js';
import { archFanOut } from '../../../src/rules/architecture/arch-fan-out.js';
import { ProjectPaths, resolveJsImport, resolvePythonImport } from '../../../src/rules/shared/resolve-imports.js';
import { cyclicComponents, shortestCycle, stronglyConnectedComponents } from '../../../src/rules/shared/graph.js';
import { check, makeFacts } from '../helpers.js';

const imp = (specifier: string, line = 1, extra: Partial<ImportFact> = {}): ImportFact => ({ specifier, line, column: 1, ...extra });
const project = (...paths: string[]): ProjectPaths => new ProjectPaths(paths.map((path) => makeFacts({ path })));

describe('JS import resolution', () => {
  const paths = project('src/a.ts', 'src/b.tsx', 'src/c.js', 'src/lib/index.ts', 'src/m.mts', 'src/d.jsx', 'src/e.cjs', 'x.py');

  it('resolves relative specifiers with extensions, TS ESM .js and index files', () => {
    expect(resolveJsImport('src/x.ts', './a', paths)).toBe('src/a.ts');
    expect(resolveJsImport('src/x.ts', './a.js', paths)).toBe('src/a.ts');
    expect(resolveJsImport('src/x.ts', './b.js', paths)).toBe('src/b.tsx');
    expect(resolveJsImport('src/x.ts', './c.js', paths)).toBe('src/c.js');
    expect(resolveJsImport('src/x.ts', './c', paths)).toBe('src/c.js');
    expect(resolveJsImport('src/x.ts', './lib', paths)).toBe('src/lib/index.ts');
    expect(resolveJsImport('src/x.ts', './lib/index.js', paths)).toBe('src/lib/index.ts');
    expect(resolveJsImport('src/x.ts', './m.mjs', paths)).toBe('src/m.mts');
    expect(resolveJsImport('src/x.ts', './d', paths)).toBe('src/d.jsx');
    expect(resolveJsImport('src/x.ts', './e.cjs', paths)).toBe('src/e.cjs');
    expect(resolveJsImport('src/lib/index.ts', '../a.js', paths)).toBe('src/a.ts');
    expect(resolveJsImport('src/lib/index.ts', '..', paths)).toBeUndefined();
  });

  it('ignores packages, missing files and paths outside the root', () => {
    expect(resolveJsImport('src/x.ts', 'react', paths)).toBeUndefined();
    expect(resolveJsImport('src/x.ts', './missing', paths)).toBeUndefined();
    expect(resolveJsImport('src/x.ts', '../../a', paths)).toBeUndefined();
  });
});

describe('Python import resolution', () => {
  const paths = project(
    'app/__init__.py',
    'app/core/__init__.py',
    'app/core/models.py',
    'app/core/views.py',
    'app/utils.py',
    'src/pkg/__init__.py',
    'src/pkg/mod.py',
    'src/pkg/sub/__init__.py',
    'src/pkg/sub/deep.py',
    'scripts/run.py',
    'scripts/helper.py',
  );

  it('resolves relative imports against the package of the file', () => {
    expect(resolvePythonImport('app/core/views.py', imp('.models'), paths)).toEqual(['app/core/models.py']);
    expect(resolvePythonImport('app/core/views.py', imp('..utils'), paths)).toEqual(['app/utils.py']);
    expect(resolvePythonImport('app/core/views.py', imp('.', 1, { names: ['models'] }), paths)).toEqual(['app/core/models.py']);
    expect(resolvePythonImport('app/core/views.py', imp('..', 1, { names: ['core'] }), paths)).toEqual(['app/core/__init__.py']);
    expect(resolvePythonImport('app/core/__init__.py', imp('.views', 1, { names: ['render'] }), paths)).toEqual(['app/core/views.py']);
    expect(resolvePythonImport('app/core/views.py', imp('...x'), paths)).toEqual([]);
  });

  it('resolves a name that is not a submodule to the package itself', () => {
    expect(resolvePythonImport('app/core/views.py', imp('.', 1, { names: ['models', 'helper'] }), paths)).toEqual(['app/core/models.py', 'app/core/__init__.py']);
  });

  it('resolves absolute imports against the root and the source root of the file', () => {
    expect(resolvePythonImport('app/core/views.py', imp('app.utils'), paths)).toEqual(['app/utils.py']);
    expect(resolvePythonImport('app/core/views.py', imp('app.core', 1, { names: ['models'] }), paths)).toEqual(['app/core/models.py']);
    expect(resolvePythonImport('src/pkg/sub/deep.py', imp('pkg.mod'), paths)).toEqual(['src/pkg/mod.py']);
    expect(resolvePythonImport('src/pkg/mod.py', imp('pkg.sub'), paths)).toEqual(['src/pkg/sub/__init__.py']);
    expect(resolvePythonImport('scripts/run.py', imp('helper'), paths)).toEqual(['scripts/helper.py']);
    expect(resolvePythonImport('app/utils.py', imp('os.path'), paths)).toEqual([]);
  });

  it('resolves absolute imports against the source root only, never the analysis root', () => {
    const nested = project('repo/lib/__init__.py', 'repo/lib/typing.py', 'repo/lib/core.py', 'typing.py', 'lib/core.py');
    // repo/lib's source root is repo/: `typing` is the standard library, `lib.core` is repo/lib/core.py.
    expect(resolvePythonImport('repo/lib/core.py', imp('typing'), nested)).toEqual([]);
    expect(resolvePythonImport('repo/lib/core.py', imp('lib.typing'), nested)).toEqual(['repo/lib/typing.py']);
    expect(resolvePythonImport('repo/lib/core.py', imp('.', 1, { names: ['typing'] }), nested)).toEqual(['repo/lib/typing.py']);
  });

  it('runs the packages on the way that do not enclose the importer', () => {
    const tree = project('a/__init__.py', 'a/b/__init__.py', 'a/b/c.py', 'a/x.py', 'out.py');
    expect(resolvePythonImport('out.py', imp('a.b.c'), tree)).toEqual(['a/__init__.py', 'a/b/__init__.py', 'a/b/c.py']);
    expect(resolvePythonImport('out.py', imp('a.b', 1, { names: ['c'] }), tree)).toEqual(['a/__init__.py', 'a/b/c.py', 'a/b/__init__.py']);
    expect(resolvePythonImport('a/x.py', imp('a.b.c'), tree)).toEqual(['a/b/__init__.py', 'a/b/c.py']);
    expect(resolvePythonImport('a/b/c.py', imp('a.b', 1, { names: ['c'] }), tree)).toEqual(['a/b/c.py']);
    expect(resolvePythonImport('a/b/c.py', imp('a.b', 1, { names: ['helper'] }), tree)).toEqual(['a/b/__init__.py']);
  });

  it('names an analysed root package by what its absolute imports call it', () => {
    const facts = [
      makeFacts({ path: '__init__.py', language: 'python' }),
      makeFacts({ path: 'typing.py', language: 'python' }),
      makeFacts({ path: 'db/__init__.py', language: 'python' }),
      makeFacts({ path: 'db/models.py', language: 'python', imports: [imp('mypkg.db', 1, { names: ['base'] }), imp('typing')] }),
      makeFacts({ path: 'db/base.py', language: 'python', imports: [imp('mypkg.db.models'), imp('os.path')] }),
    ];
    const root = new ProjectPaths(facts);
    expect(root.rootPackage).toBe('mypkg');
    expect(resolvePythonImport('db/base.py', imp('mypkg.db.models'), root)).toEqual(['db/models.py']);
    expect(resolvePythonImport('db/models.py', imp('mypkg.db', 1, { names: ['base'] }), root)).toEqual(['db/base.py']);
    // Not the local typing.py: absolute imports start above the root package.
    expect(resolvePythonImport('db/models.py', imp('typing'), root)).toEqual([]);
    expect(resolvePythonImport('db/models.py', imp('other.db'), root)).toEqual([]);
  });
});

describe('graph helpers', () => {
  it('finds strongly connected components and shortest cycles', () => {
    const graph = [[1], [2], [0, 3], [4], [3], []];
    expect(stronglyConnectedComponents(graph).map((c) => c.join(','))).toEqual(expect.arrayContaining(['0,1,2', '3,4', '5']));
    expect(cyclicComponents(graph)).toHaveLength(2);
    expect(shortestCycle(0, graph, new Set([0, 1, 2]))).toEqual([0, 1, 2]);
  });

  it('handles deep chains without recursion', () => {
    const size = 100_000;
    const chain = Array.from({ length: size }, (_, i) => (i + 1 < size ? [i + 1] : [0]));
    expect(cyclicComponents(chain)[0]).toHaveLength(size);
  });
});

describe('ARCH_CYCLE', () => {
  it('reports one finding per cycle on the first file, with the others related', () => {
    const files = [
      makeFacts({ path: 'src/b.ts', imports: [imp('./c.js', 2)] }),
      makeFacts({ path: 'src/a.ts', imports: [imp('react', 1), imp('./b.js', 3)] }),
      makeFacts({ path: 'src/c.ts', imports: [imp('./a', 4)] }),
      makeFacts({ path: 'src/d.ts', imports: [imp('./a', 1)] }),
    ];
    const reports = check(archCycle, files);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ file: 'src/a.ts', line: 3, key: 'src/a.ts,src/b.ts,src/c.ts' });
    expect(reports[0]!.data!.cycle).toBe('src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts');
    expect(reports[0]!.related!.map((r) => `${r.file}:${r.line}`)).toEqual(['src/b.ts:2', 'src/c.ts:4']);
  });

  it('ignores type-only and deferred imports', () => {
    const files = [makeFacts({ path: 'a.ts', imports: [imp('./b')] }), makeFacts({ path: 'b.ts', imports: [imp('./a', 1, { typeOnly: true }), imp('./a', 2, { deferred: true })] })];
    expect(check(archCycle, files)).toEqual([]);
    const runtime = [files[0]!, makeFacts({ path: 'b.ts', imports: [imp('./a', 3)] })];
    expect(check(archCycle, runtime).map((r) => `${r.file}:${r.line}`)).toEqual(['a.ts:1']);
  });

  it('reports one finding per strongly connected component, listing its members, with a key of the sorted members', () => {
    const files = [
      makeFacts({ path: 'd.ts', imports: [imp('./c')] }),
      makeFacts({ path: 'c.ts', imports: [imp('./a'), imp('./d', 2)] }),
      makeFacts({ path: 'b.ts', imports: [imp('./a')] }),
      makeFacts({ path: 'a.ts', imports: [imp('./b'), imp('./c', 2)] }),
    ];
    const reports = check(archCycle, files);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ file: 'a.ts', messageId: 'cycleMore', key: 'a.ts,b.ts,c.ts,d.ts' });
    expect(reports[0]!.data).toMatchObject({ count: 4, members: 'a.ts, b.ts, c.ts, d.ts' });
    expect(reports[0]!.related!.map((r) => r.file)).toEqual(['b.ts', 'c.ts', 'd.ts']);
  });

  it('finds Python cycles through relative imports', () => {
    const files = [
      makeFacts({ path: 'pkg/__init__.py' }),
      makeFacts({ path: 'pkg/a.py', imports: [imp('.b', 1)] }),
      makeFacts({ path: 'pkg/b.py', imports: [imp('pkg', 2, { names: ['a'] })] }),
    ];
    expect(check(archCycle, files).map((r) => `${r.file}:${r.line}`)).toEqual(['pkg/a.py:1']);
  });

  it('is off in lenient only', () => {
    expect(archCycle.meta.presets.lenient.enabled).toBe(false);
    expect(archCycle.meta.presets.strict.enabled).toBe(true);
  });
});

describe('ARCH_FAN_OUT', () => {
  const targets = Array.from({ length: 21 }, (_, i) => makeFacts({ path: `m${i}.ts` }));
  const hub = (count: number): ReturnType<typeof makeFacts> =>
    makeFacts({ path: 'hub.ts', imports: [imp('fs', 1), ...targets.slice(0, count).map((t, i) => imp(`./${t.path.replace('.ts', '.js')}`, i + 2)), imp('./m0', 40)] });

  it('counts distinct project modules against 20/12/40/20', () => {
    expect(check(archFanOut, [hub(20), ...targets])).toEqual([]);
    const reports = check(archFanOut, [hub(21), ...targets]);
    expect(reports).toEqual([{ messageId: 'fanOut', data: { count: 21, threshold: 20 }, file: 'hub.ts', line: 2, column: 1, key: 'fan-out' }]);
    expect(check(archFanOut, [hub(13), ...targets], 'strict')).toHaveLength(1);
    expect(check(archFanOut, [hub(12), ...targets], 'strict')).toEqual([]);
    expect(check(archFanOut, [hub(21), ...targets], 'lenient')).toEqual([]);
    expect(check(archFanOut, [hub(21), ...targets], 'nasa-compliance')).toHaveLength(1);
  });

  it('counts only imports that run when the module is imported', () => {
    const erased = makeFacts({ path: 'hub.ts', imports: [...targets.slice(0, 20).map((t, i) => imp(`./${t.path}`, i + 1)), imp('./m20', 30, { typeOnly: true }), imp('./m20', 31, { deferred: true })] });
    expect(check(archFanOut, [erased, ...targets])).toEqual([]);
  });

  it('counts the Python modules an import names, not the packages it passes through', () => {
    // 20 modules in 20 subpackages of pkg: `from pkg.sN import mod` names mod; pkg/__init__ and pkg/sN/__init__ only run on the way.
    const modules = Array.from({ length: 20 }, (_, i) => [makeFacts({ path: `pkg/s${i}/__init__.py`, language: 'python' }), makeFacts({ path: `pkg/s${i}/mod.py`, language: 'python' })]).flat();
    const hub = makeFacts({
      path: 'app/hub.py',
      language: 'python',
      imports: Array.from({ length: 20 }, (_, i) => ({ specifier: `pkg.s${i}`, names: ['mod'], line: i + 1, column: 1 })),
    });
    const files = [hub, makeFacts({ path: 'app/__init__.py', language: 'python' }), makeFacts({ path: 'pkg/__init__.py', language: 'python' }), ...modules];
    expect(check(archFanOut, files)).toEqual([]);
    const more = makeFacts({ ...hub, imports: [...hub.imports, { specifier: 'pkg.s0', names: ['helper'], line: 30, column: 1 }] });
    expect(check(archFanOut, [more, ...files.slice(1)])).toMatchObject([{ file: 'app/hub.py', data: { count: 21 } }]);
  });
});

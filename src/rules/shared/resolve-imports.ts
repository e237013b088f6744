/**
 * Resolution of import facts to files of the project, from paths alone (rules never touch the disk):
 * the set of analysed paths stands in for the file system.
 */
import { posix } from 'node:path';
import type { FileFacts, ImportFact } from '../../facts/types.js';

const TS = ['.ts', '.tsx', '.mts', '.cts'] as const;
const JS = ['.js', '.jsx', '.mjs', '.cjs'] as const;
const JS_EXTENSIONS: readonly string[] = [...TS, ...JS];
/** TypeScript ESM writes the output extension: `./a.js` means `./a.ts` (or `.tsx`) in the sources. */
const SOURCE_FOR_OUTPUT: Record<string, string[]> = { [JS[0]]: [TS[0], TS[1]], [JS[1]]: [TS[1]], [JS[2]]: [TS[2]], [JS[3]]: [TS[3]] };
const PY_MODULE_SUFFIXES = ['.py', '.pyi', '/__init__.py', '/__init__.pyi'];
const INIT = '__init__.py';

/** Paths of the analysed files, with the lookups resolution needs. */
export class ProjectPaths {
  private readonly paths: ReadonlySet<string>;
  /**
   * When the analysis root is itself a package (it has `__init__.py`), the name its own files import
   * it by (`django` in `from django.db import models` when `django/` is analysed); see `rootPackageName`.
   */
  readonly rootPackage: string | undefined;

  constructor(files: readonly FileFacts[]) {
    this.paths = new Set(files.map((f) => f.path));
    this.rootPackage = this.isPackage('') ? rootPackageName(files, this) : undefined;
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  first(candidates: readonly string[]): string | undefined {
    return candidates.find((candidate) => this.paths.has(candidate));
  }

  isPackage(dir: string): boolean {
    return this.paths.has(dir === '' ? INIT : `${dir}/${INIT}`);
  }
}

/** `posix.dirname` with '' for the root instead of '.'. */
function directoryOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** Joins and normalises; undefined when the result leaves the analysis root. */
function joinInside(base: string, relative: string): string | undefined {
  const normal = posix.normalize(posix.join(base === '' ? '.' : base, relative));
  const joined = normal.endsWith('/') ? normal.slice(0, -1) : normal; // normalize leaves one slash at most
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
  return joined === '.' || joined === '' ? '' : joined;
}

function jsCandidates(base: string): string[] {
  const ext = posix.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  const sources = (SOURCE_FOR_OUTPUT[ext] ?? []).map((source) => stem + source);
  const prefix = base === '' ? '' : `${base}/`;
  return [base, ...sources, ...JS_EXTENSIONS.map((e) => base + e), ...JS_EXTENSIONS.map((e) => `${prefix}index${e}`)];
}

/** JS/TS: relative specifiers only ('./x', '../y', '.'); packages are not project modules. */
export function resolveJsImport(from: string, specifier: string, project: ProjectPaths): string | undefined {
  if (!/^\.\.?(\/|$)/.test(specifier)) return undefined;
  const base = joinInside(directoryOf(from), specifier);
  return base === undefined ? undefined : project.first(jsCandidates(base));
}

/**
 * The directory Python puts on `sys.path` for this file: the first ancestor without `__init__.py`
 * (the parent of its top-level package, or its own directory); undefined when that is above the
 * analysis root (the root is a package).
 */
function sourceRoot(from: string, project: ProjectPaths): string | undefined {
  let dir = directoryOf(from);
  while (project.isPackage(dir)) {
    if (dir === '') return undefined;
    dir = directoryOf(dir);
  }
  return dir;
}

function moduleFile(dir: string, project: ProjectPaths): string | undefined {
  return dir === '' ? project.first([INIT, '__init__.pyi']) : project.first(PY_MODULE_SUFFIXES.map((suffix) => dir + suffix));
}

const within = (dir: string, path: string): string => (dir === '' ? path : `${dir}/${path}`);

/** Is `dir` the importer's own package or one of its parents (already being imported when the importer runs)? */
const encloses = (dir: string, importerDir: string): boolean => dir === '' || importerDir === dir || importerDir.startsWith(`${dir}/`);

/**
 * `import a.b.c` / `from a.b import c` from `base`: what runs when the statement runs. Python
 * imports every package on the way (`a/__init__.py`, `a/b/__init__.py`) unless it encloses the
 * importer (then it is already being imported); names of `from` that are submodules resolve to
 * their files; any other name is an attribute of the module itself, which is then a dependency too.
 */
function resolveFromBase(request: { base: string; dotted: string; names: readonly string[]; importerDir: string; direct: boolean }, project: ProjectPaths): string[] {
  const { base, dotted, names, importerDir, direct } = request;
  const parts = dotted === '' ? [] : dotted.split('.');
  const dir = joinInside(base, parts.join('/'));
  if (dir === undefined) return [];
  const found = new Set<string>();
  for (let i = 1; i < parts.length && !direct; i++) {
    const parent = within(base, parts.slice(0, i).join('/'));
    const init = project.isPackage(parent) && !encloses(parent, importerDir) ? moduleFile(parent, project) : undefined;
    if (init) found.add(init);
  }
  let needsSelf = names.length === 0 || (!direct && project.isPackage(dir) && !encloses(dir, importerDir));
  for (const name of names) {
    const sub = name === '*' ? undefined : moduleFile(within(dir, name), project);
    if (sub) found.add(sub);
    else needsSelf = true;
  }
  const self = needsSelf ? moduleFile(dir, project) : undefined;
  if (self) found.add(self);
  return [...found];
}

/**
 * Python: relative ('.a', '..b') against the package of the file; absolute against the file's source
 * root only, as Python does (so `import typing` next to a local `typing.py` is the standard library).
 */
export function resolvePythonImport(from: string, fact: ImportFact, project: ProjectPaths, direct = false): string[] {
  const dots = /^\.*/.exec(fact.specifier)![0].length;
  const names = fact.names ?? [];
  const importerDir = directoryOf(from);
  if (dots > 0) {
    const base = joinInside(importerDir, '../'.repeat(dots - 1) || '.');
    return base === undefined ? [] : resolveFromBase({ base, dotted: fact.specifier.slice(dots), names, importerDir, direct }, project);
  }
  const root = sourceRoot(from, project);
  if (root !== undefined) return resolveFromBase({ base: root, dotted: fact.specifier, names, importerDir, direct }, project);
  // The root is a package: only its own name leads back into it.
  const [top, ...rest] = fact.specifier.split('.');
  if (top !== project.rootPackage) return [];
  return resolveFromBase({ base: '', dotted: rest.join('.'), names, importerDir, direct }, project);
}

/**
 * The name a package analysed as the root is imported by, which its path does not say: the first
 * part of the absolute imports (in files of the root package) whose rest names one of its modules,
 * the most frequent one (ties: the first in sort order); undefined when no import names one.
 */
function rootPackageName(files: readonly FileFacts[], project: ProjectPaths): string | undefined {
  const counts = new Map<string, number>();
  for (const facts of files) {
    if (facts.language !== 'python') continue;
    for (const fact of facts.imports) {
      if (fact.specifier.startsWith('.')) continue;
      const [top, ...rest] = fact.specifier.split('.');
      const dir = rest.join('/');
      const names = rest.length === 0 ? (fact.names ?? []).filter((name) => name !== '*') : [''];
      if (names.some((name) => moduleFile(name === '' ? dir : within(dir, name), project) !== undefined)) counts.set(top!, (counts.get(top!) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return ranked[0]?.[0];
}

/**
 * The project files an import runs (`direct` false: the packages on the way too, what ARCH_CYCLE
 * follows) or names (`direct` true: the module or submodules the statement names, what ARCH_FAN_OUT
 * counts; `import a.b.c` depends on `a.b.c`, not on the `a` and `a.b` packages it passes through).
 */
export function resolveImport(facts: FileFacts, fact: ImportFact, project: ProjectPaths, direct = false): string[] {
  if (facts.language === 'python') return resolvePythonImport(facts.path, fact, project, direct);
  const target = resolveJsImport(facts.path, fact.specifier, project);
  return target === undefined ? [] : [target];
}

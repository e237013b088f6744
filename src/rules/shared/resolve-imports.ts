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

  constructor(files: readonly FileFacts[]) {
    this.paths = new Set(files.map((f) => f.path));
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
  const joined = posix.normalize(posix.join(base === '' ? '.' : base, relative)).replace(/\/+$/, '');
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

/** The directory Python puts on `sys.path` for this file: the parent of its top-level package, or its own directory. */
function sourceRoot(from: string, project: ProjectPaths): string {
  let dir = directoryOf(from);
  if (!project.isPackage(dir)) return dir;
  while (dir !== '' && project.isPackage(directoryOf(dir))) dir = directoryOf(dir);
  return dir === '' ? '' : directoryOf(dir);
}

function moduleFile(dir: string, project: ProjectPaths): string | undefined {
  return dir === '' ? project.first([INIT, '__init__.pyi']) : project.first(PY_MODULE_SUFFIXES.map((suffix) => dir + suffix));
}

/**
 * `from X import a, b`: names that are submodules of X resolve to their files; any other name
 * is an attribute of X itself, so X's own file is a dependency too.
 */
function resolveFromBase(request: { base: string; dotted: string; names: readonly string[] }, project: ProjectPaths): string[] {
  const { base, dotted, names } = request;
  const dir = dotted === '' ? base : joinInside(base, dotted.split('.').join('/'));
  if (dir === undefined) return [];
  const found = new Set<string>();
  let needsSelf = names.length === 0;
  for (const name of names) {
    const sub = name === '*' ? undefined : moduleFile(dir === '' ? name : `${dir}/${name}`, project);
    if (sub) found.add(sub);
    else needsSelf = true;
  }
  const self = needsSelf ? moduleFile(dir, project) : undefined;
  if (self) found.add(self);
  return [...found];
}

/** Python: relative ('.a', '..b') against the package of the file; absolute against the root and the file's source root. */
export function resolvePythonImport(from: string, fact: ImportFact, project: ProjectPaths): string[] {
  const dots = /^\.*/.exec(fact.specifier)![0].length;
  const dotted = fact.specifier.slice(dots);
  const names = fact.names ?? [];
  if (dots > 0) {
    const base = joinInside(directoryOf(from), '../'.repeat(dots - 1) || '.');
    return base === undefined ? [] : resolveFromBase({ base, dotted, names }, project);
  }
  for (const base of new Set(['', sourceRoot(from, project)])) {
    const found = resolveFromBase({ base, dotted, names }, project);
    if (found.length > 0) return found;
  }
  return [];
}

export function resolveImport(facts: FileFacts, fact: ImportFact, project: ProjectPaths): string[] {
  if (facts.language === 'python') return resolvePythonImport(facts.path, fact, project);
  const target = resolveJsImport(facts.path, fact.specifier, project);
  return target === undefined ? [] : [target];
}

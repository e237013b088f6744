import type { FileFacts } from '../../facts/types.js';
import { type LazyFile, type ProjectRule, type Report, type RuleContext, type RuleState } from '../types.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';
import { decodeFileList, encodeEntries, patchedFileList, rebaseFileList, type FileList } from '../shared/file-list-state.js';
import { parseJson } from '../../bounded-json.js';

/** What the rule reads of a function with a body hash. */
interface Body {
  name: string;
  line: number;
  column: number;
  endLine: number;
  bodyHash: string;
}

interface Occurrence {
  file: string;
  fn: Body;
}

/** A file's functions with a body hash, under the key of their normalisation family. */
interface FileBodies {
  path: string;
  /** JS and TS share one normalisation; Python has its own, so hashes never match across the two. */
  family: 'js' | 'py';
  bodies: Body[];
}

function bodiesOf(facts: Pick<FileFacts, 'path' | 'language' | 'functions'>): FileBodies {
  const bodies: Body[] = [];
  for (const fn of facts.functions) {
    if (fn.bodyHash !== undefined) bodies.push({ name: fn.name, line: fn.line, column: fn.column, endLine: fn.endLine, bodyHash: fn.bodyHash });
  }
  return { path: facts.path, family: facts.language === 'python' ? 'py' : 'js', bodies };
}

const groupKey = (file: FileBodies, fn: Body): string => `${file.family}:${fn.bodyHash}`;

/** Occurrences of each body, in file order (the files' order) and function order. */
function groupByBody(files: readonly FileBodies[]): Map<string, Occurrence[]> {
  const groups = new Map<string, Occurrence[]>();
  for (const file of files) {
    for (const fn of file.bodies) {
      const key = groupKey(file, fn);
      const group = groups.get(key);
      if (group) group.push({ file: file.path, fn });
      else groups.set(key, [{ file: file.path, fn }]);
    }
  }
  return groups;
}

/**
 * Related locations per report: the nearest copies in path order. Listing every other copy on every
 * copy was quadratic (5,000 copies of one function ran out of heap, issue 30); the message keeps the
 * total count.
 */
export const RELATED_COPIES = 10;

/** Up to RELATED_COPIES of the other copies, nearest to `at` in the group's order first. */
function nearestOthers(group: readonly Occurrence[], at: number): Occurrence[] {
  const picked: number[] = [];
  for (let distance = 1; picked.length < RELATED_COPIES && distance < group.length; distance++) {
    if (at - distance >= 0) picked.push(at - distance);
    if (picked.length < RELATED_COPIES && at + distance < group.length) picked.push(at + distance);
  }
  return picked.sort((a, b) => a - b).map((i) => group[i]!);
}

/** The reports of a group's copies (those in `only`, when given). */
function reportGroup(group: readonly Occurrence[], only?: ReadonlySet<string>): Report[] {
  if (group.length < 2) return [];
  return group
    .map((self, at) => ({ self, at }))
    .filter(({ self }) => !only || only.has(self.file))
    .map(({ self, at }) => {
      const others = nearestOthers(group, at);
      const first = group[0] === self ? group[1]! : group[0]!;
      return {
        messageId: 'clone',
        data: { name: self.fn.name, count: group.length, other: first.fn.name, otherFile: first.file, otherLine: first.fn.line },
        file: self.file,
        line: self.fn.line,
        column: self.fn.column,
        endLine: self.fn.endLine,
        key: `${self.fn.name}:${self.fn.bodyHash}`,
        related: others.map((o) => ({ file: o.file, line: o.fn.line, endLine: o.fn.endLine, message: `same algorithm: ${o.fn.name}` })),
      };
    });
}

function checkBodies(files: readonly FileBodies[]): Report[] {
  return [...groupByBody(files).values()].flatMap((group) => reportGroup(group));
}

/**
 * A file's bodies as a state keeps them: its body hashes in one string (` h1 h2 `, searched without
 * parsing anything) and the rest of each body as JSON, parsed only for the files a report names.
 */
type StoredBodies = [path: string, family: FileBodies['family'], hashes: string, details: string];

function stored(file: FileBodies): StoredBodies {
  return [file.path, file.family, ` ${file.bodies.map((fn) => fn.bodyHash).join(' ')} `, JSON.stringify(file.bodies.map((fn) => [fn.name, fn.line, fn.column, fn.endLine]))];
}

function loaded([path, family, hashes, details]: StoredBodies): FileBodies {
  const rows = parseJson(details) as Array<[string, number, number, number]>;
  const bodyHashes = hashes.trim() === '' ? [] : hashes.trim().split(' ');
  return { path, family, bodies: rows.map(([name, line, column, endLine], i) => ({ name, line, column, endLine, bodyHash: bodyHashes[i]! })) };
}

const hasBody = (file: StoredBodies, family: string, hash: string): boolean => file[1] === family && file[2].includes(` ${hash} `);

function isStored(file: unknown): file is StoredBodies {
  return Array.isArray(file) && file.length === 4 && typeof file[0] === 'string' && (file[1] === 'js' || file[1] === 'py') && typeof file[2] === 'string' && typeof file[3] === 'string';
}

function checkWithState(files: readonly FileFacts[], _context: RuleContext): { reports: Report[]; state: Uint8Array } {
  const bodies = files.map(bodiesOf);
  return { reports: checkBodies(bodies), state: encodeEntries(bodies.map(stored)) };
}

/** The files' stored bodies of a state (see file-list-state.ts). */
const decode = (state: RuleState): FileList<StoredBodies> | undefined => decodeFileList(state, isStored, (file) => file[0]);

/**
 * After some files changed: the reports of every file that shares a body (before or after the
 * change) with a changed file, which are all the reports that can differ (a report names the whole
 * group of its body). Only the files those groups cover are parsed. The state's patch holds the
 * bodies of every file changed since its base.
 */
function update(files: readonly LazyFile[], changed: ReadonlySet<string>, state: RuleState): { reports: Report[]; rechecked: ReadonlySet<string>; state: RuleState } | undefined {
  const decoded = decode(state);
  if (!decoded) return undefined;
  const last = decoded.entries;
  if (last.length !== files.length || last.some((file, i) => file[0] !== files[i]!.path)) return undefined;
  const now = last.map((file, i) => (changed.has(file[0]) ? stored(bodiesOf(files[i]!.facts())) : file));
  /** The files (stored, now) with a body of one of the (family, hash) keys. */
  const holding = (keys: ReadonlyMap<string, [string, string]>): StoredBodies[] => now.filter((file) => [...keys.values()].some(([family, hash]) => hasBody(file, family, hash)));
  const keysOf = (list: readonly StoredBodies[]): Map<string, [string, string]> => {
    const keys = new Map<string, [string, string]>();
    for (const file of list) for (const fn of loaded(file).bodies) keys.set(`${file[1]}:${fn.bodyHash}`, [file[1], fn.bodyHash]);
    return keys;
  };
  const touched = keysOf([...last, ...now].filter((file) => changed.has(file[0])));
  const rechecked = new Set([...changed, ...holding(touched).map((file) => file[0])]);
  // The groups of every body of a rechecked file: its reports name them whole.
  const needed = keysOf(now.filter((file) => rechecked.has(file[0])));
  const members = holding(needed).map(loaded).map((file) => ({ ...file, bodies: file.bodies.filter((fn) => needed.has(`${file.family}:${fn.bodyHash}`)) }));
  const reports = [...groupByBody(members).values()].flatMap((group) => reportGroup(group, rechecked));
  return { reports, rechecked, state: patchedFileList(state, decoded, now, (i) => changed.has(now[i]![0])) };
}

/** CON_ALGORITHM: connascence of algorithm — the same function body in several places. */
export const conAlgorithm: ProjectRule = {
  scope: 'project',
  meta: {
    id: 'CON_ALGORITHM',
    family: 'connascence',
    defaultSeverity: 'medium',
    description: 'Identical function bodies (identifiers and literals normalised, 4+ statements) in two or more places.',
    rationale: 'Copies of one algorithm must be changed together; fixing a bug in one copy leaves the others broken.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    presets: alwaysOn(),
    messages: {
      clone: '{{name}} has the same algorithm as {{other}} ({{otherFile}}:{{otherLine}}); {{count}} copies in total.',
    },
    docs: {
      whatItDoes:
        'Compares the bodies of all functions of the project after renaming local identifiers and literals to placeholders; the names of the members a body reads or calls (`self.add(x)` is not `self.discard(x)`), of keyword arguments (Python) and of called functions that are not local variables (`foo(x)` is not `bar(x)`) are kept. Bodies of at least 4 statements that are equal in two or more places are reported, once per copy, with the other copies as related locations (the 10 nearest in path order; the message gives the total). JavaScript and TypeScript are compared with each other, Python with Python.',
      whyIsThisBad:
        'Connascence of algorithm: several places must implement the same steps for the program to be correct (an encoder and its decoder, a checksum computed on both sides). When one copy changes, the others silently disagree.',
      example: 'function totalA(items) { let t = 0; for (const i of items) t += i.price; log(t); return t; }\nfunction totalB(rows) { let s = 0; for (const r of rows) s += r.price; log(s); return s; }',
      useInstead: 'function total(items) { let t = 0; for (const i of items) t += i.price; log(t); return t; }',
    },
  },
  reads: ['functions'],
  check(files) {
    return checkBodies(files.map(bodiesOf));
  },
  incremental: { checkWithState, update: (files, changed, state) => update(files, changed, state), rebase: (state) => rebaseFileList(state, decode) },
};

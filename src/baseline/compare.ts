/**
 * A run's findings against a baseline file: paths converted between the analysed root and the
 * baseline's folder, the scope of the run worked out, and the findings marked (match.ts).
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compileGlobs } from '../discovery/glob.js';
import { refuseOutsideRoot } from '../discovery/read-regular.js';
import type { Finding } from '../rules/types.js';
import { BASELINE_FILE, entryMessage, type Baseline, type BaselineEntry, type BaselineFile } from './format.js';
import { contentHash, moveEvidence } from './evidence.js';
import { matchBaseline, type BaselineScope, type MatchState } from './match.js';

export interface BaselineComparison {
  /** Absolute path of the baseline file. */
  file: string;
  /** Per finding, in the order given. */
  states: MatchState[];
  newCount: number;
  unchangedCount: number;
  /** Fixed entries, paths relative to the baseline's folder. */
  absent: BaselineEntry[];
  /** Entries of files that do not exist, that no finding took (paths relative to the baseline's folder). */
  stale: BaselineEntry[];
  /** Entries of files outside this run (another folder, not included): left as they are. */
  outOfScope: BaselineEntry[];
  /** For each unchanged finding (by index), the entry it took. */
  taken: Map<number, BaselineEntry>;
  /** The entries under the root, as in the file, by root-relative path. */
  byPath: Map<string, BaselineEntry[]>;
  /** The exact pass decided alone, at the baseline's own root: no entry was taken by content (memo.ts may stand for it). */
  exactOnly: boolean;
}

export interface CompareInput {
  root: string;
  file: string;
  baseline: Baseline;
  findings: readonly Finding[];
  /** Root-relative paths analysed or skipped in this run. */
  seen: ReadonlySet<string>;
  /** The run's include globs (a file elsewhere was never in scope). */
  include: readonly string[];
}

const toSlash = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'));

/** What a run covered (BaselineScope): the paths it analysed or skipped, the files on disk, its include globs. */
export function runScope(root: string, seen: ReadonlySet<string>, include: readonly string[]): Omit<BaselineScope, 'otherRoot'> {
  const included = include.length > 0 ? compileGlobs(include, 'include') : () => true;
  return { seen: (path) => seen.has(path), exists: (path) => existsSync(join(root, path)), wouldAnalyse: included };
}

/** A path relative to the root -> relative to the baseline's folder. */
export function entryPath(root: string, file: string, path: string): string {
  return toSlash(relative(dirname(file), join(root, path)));
}

/** A baseline's entries seen from the analysed root: under it (with root-relative paths) or outside it. */
export interface RootedEntries {
  /** Entries under the root, paths relative to it (copies when that differs from the file's path). */
  inRoot: BaselineEntry[];
  /** Entries outside the root: no run of it matches them. */
  outside: BaselineEntry[];
  /** For each copy in `inRoot`, the entry as in the file. */
  original: Map<BaselineEntry, BaselineEntry>;
  /** The entries under the root, as in the file, by root-relative path. */
  byPath: Map<string, BaselineEntry[]>;
}

export function rootedEntries(root: string, file: string, entries: readonly BaselineEntry[]): RootedEntries {
  const folder = dirname(file);
  const rooted: RootedEntries = { inRoot: [], outside: [], original: new Map(), byPath: new Map() };
  // Entries share few paths: each is converted once.
  const converted = new Map<string, string | null>();
  const rootedPath = (path: string): string | null => {
    let rel = converted.get(path);
    if (rel === undefined) {
      const r = relative(root, resolve(folder, path));
      rel = r === '' || r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r) ? null : toSlash(r);
      converted.set(path, rel);
    }
    return rel;
  };
  for (const entry of entries) {
    const rel = rootedPath(entry.path);
    if (rel === null) {
      rooted.outside.push(entry);
      continue;
    }
    const list = rooted.byPath.get(rel);
    if (list) list.push(entry);
    else rooted.byPath.set(rel, [entry]);
    if (rel === entry.path) rooted.inRoot.push(entry);
    else {
      const copy = { ...entry, path: rel };
      rooted.original.set(copy, entry);
      rooted.inRoot.push(copy);
    }
  }
  return rooted;
}

export function compareWithBaseline(input: CompareInput): BaselineComparison {
  const { root, file } = input;
  const { inRoot, outside, original, byPath } = rootedEntries(root, file, input.baseline.entries);
  const otherRoot = !samePlace(root, dirname(file));
  const match = matchBaseline(inRoot, input.findings, {
    ...runScope(root, input.seen, input.include),
    otherRoot,
    moves: moveEvidence({ root, baselineFile: file, recorded: recordedHashes(root, file, input.baseline.files ?? []) }),
  });
  // Entries whose paths needed no conversion (the usual case: the baseline at the root) are the originals.
  const back = (entry: BaselineEntry): BaselineEntry => original.get(entry) ?? entry;
  const outOfScope = outside;
  if (match.outOfScope > 0) {
    const settled = new Set<BaselineEntry>([...match.absent, ...match.stale]);
    for (const entry of match.taken.values()) settled.add(entry);
    for (const entry of inRoot) if (!settled.has(entry)) outOfScope.push(back(entry));
  }
  let newCount = 0;
  for (const state of match.states) if (state === 'new') newCount++;
  return {
    file,
    states: match.states,
    newCount,
    unchangedCount: match.states.length - newCount,
    absent: original.size === 0 ? match.absent : match.absent.map(back),
    stale: original.size === 0 ? match.stale : match.stale.map(back),
    outOfScope,
    taken: original.size === 0 ? match.taken : new Map([...match.taken].map(([i, entry]) => [i, back(entry)])),
    byPath,
    exactOnly: match.byContent === 0 && !otherRoot,
  };
}

function samePlace(a: string, b: string): boolean {
  try {
    return realpathSync.native(a) === realpathSync.native(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** The content hashes a baseline recorded, by root-relative path (files outside the root left out). */
function recordedHashes(root: string, file: string, files: readonly BaselineFile[]): Map<string, string> {
  const folder = dirname(file);
  const out = new Map<string, string>();
  for (const recorded of files) {
    const rel = relative(root, resolve(folder, recorded.path));
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
    out.set(toSlash(rel), recorded.sha256);
  }
  return out;
}

/**
 * The `files` of a baseline written now: each path of `entries` (relative to the baseline's folder)
 * with the sha256 of its content, read once per file; a path not readable under the root keeps what
 * `before` recorded for it, if anything.
 */
export function filesOf(root: string, file: string, entries: readonly BaselineEntry[], before: readonly BaselineFile[] = []): BaselineFile[] {
  const folder = dirname(file);
  const recorded = new Map(before.map((f) => [f.path, f.sha256]));
  const out: BaselineFile[] = [];
  const done = new Set<string>();
  for (const entry of entries) {
    if (done.has(entry.path)) continue;
    done.add(entry.path);
    const absolute = resolve(folder, entry.path);
    const rel = relative(root, absolute);
    const inside = !(rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
    const sha256 = (inside ? contentHash(absolute) : undefined) ?? recorded.get(entry.path);
    if (sha256 !== undefined) out.push({ path: entry.path, sha256 });
  }
  return out;
}

/** The entries for findings of this run, each path converted once. */
export function entriesOf(root: string, file: string, findings: readonly Finding[]): BaselineEntry[] {
  const paths = new Map<string, string>();
  return findings.map((finding) => {
    let path = paths.get(finding.file);
    if (path === undefined) paths.set(finding.file, (path = entryPath(root, file, finding.file)));
    return { rule: finding.ruleId, path, fingerprint: finding.fingerprint, message: entryMessage(finding.message) };
  });
}

/**
 * Where a run's baseline file is: `--baseline` (relative to the working directory), else `baseline`
 * in the config (relative to the config file's folder), else connascence-baseline.json at the root.
 * One the analysed tree names (the config's, or the default one) must resolve inside the root: the
 * tree is a pull request's. `explicit` is false for the default, which may not exist.
 */
export function baselineLocation(input: { root: string; flag?: string; configured?: string; configPath?: string }): { file: string; explicit: boolean } {
  if (input.flag !== undefined) return { file: resolve(input.flag), explicit: true };
  const explicit = input.configured !== undefined;
  const file = explicit ? resolve(input.configPath ? dirname(input.configPath) : input.root, input.configured!) : join(input.root, BASELINE_FILE);
  refuseOutsideRoot(input.root, file, 'Pass the file with --baseline to use it.');
  return { file, explicit };
}

/** The paths a run analysed or skipped: the scope its baseline comparison reports absent entries in. */
export function seenPaths(result: { files: ReadonlyArray<{ path: string }>; skipped: ReadonlyArray<{ path: string }> }): Set<string> {
  return new Set([...result.files.map((file) => file.path), ...result.skipped.map((skipped) => skipped.path)]);
}

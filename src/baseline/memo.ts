/**
 * The last comparison with a baseline, per file, so that a run that changed a few files compares
 * only those: an edit-and-rerun loop with a baseline of 10^4 entries would otherwise read the whole
 * baseline, parse every stored finding and match them all again on each run.
 *
 * For each file with findings or entries it holds a digest of the file's findings (their JSON report
 * lines), the state of each finding, the count of new ones per severity, the file's entries and those
 * that no finding took. A file whose findings have the digest they had keeps its states and leftover
 * entries; another file is matched exactly (match.ts exactPass) against its entries. The memo is for
 * one baseline file as it was (path and stat stamp) and one analysed root.
 *
 * It only stands for a comparison that the exact pass decided alone. One where an entry was taken
 * by content (match.ts: a move on evidence, another root) is never stored. A memo run that meets an
 * entry that may have moved (its file or a file its message names is gone) while a medium or low
 * finding is new (what a content match could take) gives up, so the caller compares in full;
 * without such a finding those entries are only stale (file gone) or absent.
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../rules/types.js';
import { SEVERITIES } from '../rules/types.js';
import type { BaselineEntry } from './format.js';
import { exactPass, isAbsent, movedEntry, type BaselineScope, type MatchState } from './match.js';
import { parseJson } from '../bounded-json.js';

/** Bump when the memo's layout or meaning changes. */
const MEMO_FORMAT = 2;

export interface MemoFile {
  /** sha256 of the file's findings as JSON report lines. */
  digest: string;
  /** 'n' (new) or 'u' (unchanged) per finding, in report order. */
  states: string;
  /** New findings per severity, in SEVERITIES order. */
  newBySeverity: number[];
  /** New findings per rule. */
  newByRule: Record<string, number>;
  /** Indexes into the file's baseline entries (MemoEntries) of those no finding took. */
  left: number[];
}

export interface BaselineMemo {
  /** Baseline file, its stamp, the root: see memoKey. */
  key: string;
  /** By root-relative path. */
  files: Map<string, MemoFile>;
}

/**
 * The baseline's entries under the root by root-relative path, as in the file: stored apart from
 * the memo (they change only with the baseline) and read only when a file must be matched again or
 * has entries left.
 */
export type MemoEntries = (path: string) => readonly BaselineEntry[];

/** A file's findings as the memo needs them: the JSON lines (digested) and, when they changed, the findings. */
export interface MemoGroup {
  path: string;
  count: number;
  bytes: Uint8Array;
  findings: readonly Finding[];
}

export function memoKey(root: string, file: string, stamp: string): string {
  return createHash('sha256').update(['connascence-baseline-memo', String(MEMO_FORMAT), root, file, stamp].join('\0')).digest('hex');
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const EMPTY_DIGEST = digestOf(new Uint8Array(0));
const SEVERITY_INDEX = new Map<Severity, number>(SEVERITIES.map((severity, i) => [severity, i]));
const CONTENT_SEVERITIES: readonly Severity[] = ['medium', 'low'];

export interface MemoComparison {
  /** Per file with findings, the state of each, in report order. */
  statesByFile: Map<string, MatchState[]>;
  newCount: number;
  unchangedCount: number;
  newBySeverity: Record<Severity, number>;
  newByRule: Record<string, number>;
  /** Fixed entries (as in the baseline file). */
  absent: BaselineEntry[];
  /** Entries of files that do not exist that no finding took (as in the baseline file). */
  stale: BaselineEntry[];
  /** The memo brought up to date, and whether anything in it changed. */
  memo: BaselineMemo;
  changed: boolean;
}

/**
 * The comparison from the memo: files whose findings kept their digest keep their states, others
 * are matched against their entries. Undefined when the memo is for another baseline or root, or
 * when an entry left over may have moved (the caller then compares in full).
 */
export function compareWithMemo(memo: BaselineMemo, key: string, groups: readonly MemoGroup[], scope: BaselineScope, entriesOf: MemoEntries): MemoComparison | undefined {
  if (memo.key !== key) return undefined;
  try {
    return fromMemo(memo, key, groups, scope, entriesOf);
  } catch {
    return undefined; // a memo that does not hold together: compared in full, and rewritten
  }
}

function fromMemo(memo: BaselineMemo, key: string, groups: readonly MemoGroup[], scope: BaselineScope, entriesOf: MemoEntries): MemoComparison | undefined {
  const files = new Map(memo.files);
  const statesByFile = new Map<string, MatchState[]>();
  const newBySeverity = SEVERITIES.map(() => 0);
  const newByRule: Record<string, number> = {};
  let newCount = 0;
  let changed = false;
  const left: Array<{ path: string; entry: BaselineEntry }> = [];
  const take = (path: string, file: MemoFile): void => {
    if (file.left.length > 0) {
      const entries = entriesOf(path);
      for (const i of file.left) {
        const entry = entries[i];
        if (!entry) throw new Error('baseline memo: an entry left over is out of range');
        left.push({ path, entry });
      }
    }
    file.newBySeverity.forEach((n, i) => (newBySeverity[i]! += n));
    for (const rule in file.newByRule) newByRule[rule] = (newByRule[rule] ?? 0) + file.newByRule[rule]!;
    for (let at = file.states.indexOf('n'); at >= 0; at = file.states.indexOf('n', at + 1)) newCount++;
  };
  const withFindings = new Set<string>();
  for (const group of groups) {
    if (group.count === 0) continue;
    withFindings.add(group.path);
    const digest = digestOf(group.bytes);
    const last = files.get(group.path);
    if (last && last.digest === digest && last.states.length === group.count) {
      statesByFile.set(group.path, statesOf(last.states));
      take(group.path, last);
      continue;
    }
    const file = matchFile(group.path, digest, entriesOf(group.path), group.findings);
    if (file.states.length !== group.count) return undefined;
    files.set(group.path, file);
    changed = true;
    statesByFile.set(group.path, statesOf(file.states));
    take(group.path, file);
  }
  // Files with entries and no findings now: every entry is left.
  for (const [path, last] of files) {
    if (withFindings.has(path)) continue;
    if (last.digest !== EMPTY_DIGEST) {
      const file = matchFile(path, EMPTY_DIGEST, entriesOf(path), []);
      files.set(path, file);
      changed = true;
      take(path, file);
    } else take(path, last);
  }
  const goneCache = new Map<string, boolean>();
  const gone = (path: string): boolean => {
    let result = goneCache.get(path);
    if (result === undefined) goneCache.set(path, (result = !scope.seen(path) && !scope.exists(path)));
    return result;
  };
  // New medium or low findings are what a content match could take (critical and high never are).
  const openByContent = CONTENT_SEVERITIES.some((severity) => newBySeverity[SEVERITY_INDEX.get(severity)!]! > 0);
  if (openByContent && left.some(({ path, entry }) => gone(path) || movedEntry({ ...entry, path }, gone))) return undefined;
  const absent = left.filter(({ path }) => isAbsent(path, scope)).map(({ entry }) => entry);
  const stale = left.filter(({ path }) => gone(path)).map(({ entry }) => entry);
  const total = [...statesByFile.values()].reduce((sum, states) => sum + states.length, 0);
  return {
    statesByFile,
    newCount,
    unchangedCount: total - newCount,
    newBySeverity: Object.fromEntries(SEVERITIES.map((severity, i) => [severity, newBySeverity[i]!])) as Record<Severity, number>,
    newByRule,
    absent,
    stale,
    memo: { key, files },
    changed,
  };
}

/** The new findings of a file per severity (SEVERITIES order) and per rule. */
function newCounts(states: readonly MatchState[], findings: readonly Finding[]): { newBySeverity: number[]; newByRule: Record<string, number> } {
  const newBySeverity = SEVERITIES.map(() => 0);
  const newByRule: Record<string, number> = {};
  states.forEach((state, i) => {
    if (state !== 'new') return;
    const finding = findings[i]!;
    newBySeverity[SEVERITY_INDEX.get(finding.severity) ?? 0]!++;
    newByRule[finding.ruleId] = (newByRule[finding.ruleId] ?? 0) + 1;
  });
  return { newBySeverity, newByRule };
}

/** MemoFile.states as states (most often all unchanged). */
function statesOf(text: string): MatchState[] {
  if (!text.includes('n')) return new Array<MatchState>(text.length).fill('unchanged');
  const states = new Array<MatchState>(text.length);
  for (let i = 0; i < text.length; i++) states[i] = text.charCodeAt(i) === 110 ? 'new' : 'unchanged';
  return states;
}

/** One file's findings against its entries (paths as in the baseline file; matched under the root-relative `path`). */
function matchFile(path: string, digest: string, entries: readonly BaselineEntry[], findings: readonly Finding[]): MemoFile {
  const rooted = entries.map((entry) => ({ ...entry, path }));
  const match = exactPass(rooted, findings);
  const taken = new Set(match.taken.values());
  const { newBySeverity, newByRule } = newCounts(match.states, findings);
  return {
    digest,
    states: statesText(match.states),
    newBySeverity,
    newByRule,
    left: rooted.flatMap((entry, i) => (taken.has(entry) ? [] : [i])),
  };
}

/**
 * The memo of a full comparison decided by the exact pass alone: `entriesByPath` are the baseline's
 * entries under the root (as in the file) by root-relative path, `states` the comparison's in the
 * order of the groups' findings, `taken` the entries (as in the file) that a finding took.
 */
export function buildMemo(key: string, groups: readonly MemoGroup[], entriesByPath: ReadonlyMap<string, readonly BaselineEntry[]>, states: readonly MatchState[], taken: ReadonlySet<BaselineEntry>): BaselineMemo {
  const files = new Map<string, MemoFile>();
  const fileOf = (path: string, digest: string, own: readonly MatchState[], findings: readonly Finding[]): MemoFile => {
    const entries = entriesByPath.get(path) ?? [];
    return { digest, states: statesText(own), ...newCounts(own, findings), left: entries.flatMap((entry, i) => (taken.has(entry) ? [] : [i])) };
  };
  let at = 0;
  for (const group of groups) {
    if (group.count === 0) continue;
    files.set(group.path, fileOf(group.path, digestOf(group.bytes), states.slice(at, at + group.count), group.findings));
    at += group.count;
  }
  for (const path of entriesByPath.keys()) if (!files.has(path)) files.set(path, fileOf(path, EMPTY_DIGEST, [], []));
  return { key, files };
}

const statesText = (states: readonly MatchState[]): string => states.map((state) => (state === 'new' ? 'n' : 'u')).join('');

/** The memo as stored: one JSON document. */
export function encodeMemo(memo: BaselineMemo): string {
  return JSON.stringify({ format: MEMO_FORMAT, key: memo.key, files: [...memo.files].map(([path, f]) => [path, f.digest, f.states, f.newBySeverity, f.newByRule, f.left]) });
}

/** A stored memo, or undefined when it is not one of this format (it is then rebuilt). */
export function decodeMemo(text: string): BaselineMemo | undefined {
  try {
    const value = parseJson(text) as { format?: unknown; key?: unknown; files?: unknown };
    if (value.format !== MEMO_FORMAT || typeof value.key !== 'string' || !Array.isArray(value.files)) return undefined;
    const files = new Map<string, MemoFile>();
    for (const row of value.files as unknown[]) {
      if (!Array.isArray(row) || row.length !== 6) return undefined;
      const [path, digest, states, newBySeverity, newByRule, left] = row as unknown[];
      if (typeof path !== 'string' || typeof digest !== 'string' || typeof states !== 'string' || !/^[nu]*$/.test(states)) return undefined;
      if (!Array.isArray(newBySeverity) || newBySeverity.length !== SEVERITIES.length || !newBySeverity.every((n) => Number.isInteger(n) && n >= 0)) return undefined;
      if (!Array.isArray(left) || !left.every((i) => Number.isInteger(i) && i >= 0)) return undefined;
      if (typeof newByRule !== 'object' || newByRule === null || Array.isArray(newByRule) || !Object.values(newByRule).every((n) => Number.isInteger(n) && (n as number) > 0)) return undefined;
      files.set(path, { digest, states, newBySeverity: newBySeverity as number[], newByRule: { ...(newByRule as Record<string, number>) }, left: left as number[] });
    }
    return { key: value.key, files };
  } catch {
    return undefined;
  }
}

/** The entries under the root by root-relative path, as stored (each path's a JSON text of its own, parsed when asked for). */
export function encodeMemoEntries(key: string, byPath: ReadonlyMap<string, readonly BaselineEntry[]>): string {
  return JSON.stringify({ format: MEMO_FORMAT, key, entries: [...byPath].map(([path, entries]) => [path, JSON.stringify(entries.map((e) => [e.rule, e.path, e.fingerprint, e.message]))]) });
}

/** Stored entries as a MemoEntries for `key`; it throws when they are for another memo or do not hold together (the caller then compares in full). */
export function decodeMemoEntries(text: string, key: string): MemoEntries {
  const value = parseJson(text) as { format?: unknown; key?: unknown; entries?: unknown };
  if (value.format !== MEMO_FORMAT || value.key !== key || !Array.isArray(value.entries)) throw new Error('baseline memo entries are for another baseline');
  const texts = new Map<string, string>();
  for (const row of value.entries as unknown[]) {
    if (!Array.isArray(row) || row.length !== 2 || typeof row[0] !== 'string' || typeof row[1] !== 'string') throw new Error('baseline memo entries are not [path, text] rows');
    texts.set(row[0], row[1]);
  }
  const parsed = new Map<string, BaselineEntry[]>();
  return (path) => {
    let entries = parsed.get(path);
    if (!entries) parsed.set(path, (entries = parseEntries(texts.get(path) ?? '[]')));
    return entries;
  };
}

function parseEntries(text: string): BaselineEntry[] {
  const rows = parseJson(text) as unknown;
  if (!Array.isArray(rows)) throw new Error('baseline memo entries are not a list');
  return rows.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== 4 || !row.every((field) => typeof field === 'string')) throw new Error('baseline memo entry is not four strings');
    const [rule, path, fingerprint, message] = row as string[];
    return { rule: rule!, path: path!, fingerprint: fingerprint!, message: message! };
  });
}

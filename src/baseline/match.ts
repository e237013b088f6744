/**
 * Which findings a baseline already holds (README "Adopting on an existing codebase", "How a
 * baseline matches"). A baseline accepts only what it names:
 *
 * - A finding is `unchanged` when an entry has its rule, path and fingerprint (fingerprints name the
 *   construct, not its line: moved lines, whitespace and comments do not change them), `new`
 *   otherwise. Critical and high findings are matched this way only.
 * - A medium or low finding may also take an entry left over by its content (same rule, same message
 *   once paths and line numbers in it are blanked), but only in a file the entry may have moved to
 *   on evidence: the entry's own file when it is still there and the run's root is not the
 *   baseline's (fingerprints hash root-relative paths) or a file its message names moved; else a
 *   file that git reports as the entry's file renamed, or whose content is the content the baseline
 *   recorded for the entry's file (BaselineScope.moves). Without evidence, no file but its own.
 * - An entry no finding took is `absent` (fixed) when its file was in this run, `stale` when its
 *   file does not exist (a deleted file, or a path that never existed: never a wildcard), and out of
 *   scope otherwise (a run over part of the tree reports nothing of the rest as fixed).
 *
 * Everything here is linear in entries plus findings: maps by key, no search of a list per entry.
 */
import type { Finding, Severity } from '../rules/types.js';
import { entryMessage, type BaselineEntry } from './format.js';

export type MatchState = 'new' | 'unchanged';

export interface BaselineScope {
  /** Whether a path (relative to the analysed root) was analysed or skipped in this run. */
  seen(path: string): boolean;
  /** Whether a path (relative to the root) exists on disk. */
  exists(path: string): boolean;
  /** Whether a file at this path, had it existed, would have been in this run (its include globs, its shard). */
  wouldAnalyse(path: string): boolean;
  /**
   * The run's root is not the folder the baseline's fingerprints were computed from (a subdirectory
   * analysed against the repository's baseline): fingerprints hash root-relative paths, so a medium
   * or low entry may be matched by content in its own file.
   */
  otherRoot?: boolean;
  /**
   * Evidence that files moved: for each of the `gone` paths (no such file now), the paths among
   * `candidates` (files with findings still open) it moved to: a rename git reports, or the content
   * the baseline recorded for it. Called at most once per match, only when both lists have paths.
   */
  moves?(gone: readonly string[], candidates: readonly string[]): ReadonlyMap<string, readonly string[]>;
}

export interface BaselineMatch {
  /** Per finding, in the order given. */
  states: MatchState[];
  /** The entries of files in this run that no finding took: fixed. */
  absent: BaselineEntry[];
  /** The entries of files that do not exist that no finding took: stale, matched nothing. */
  stale: BaselineEntry[];
  /** Entries of files out of this run's scope: neither matched nor absent. */
  outOfScope: number;
  /** The entry each unchanged finding took, by finding index (for `baseline update`). */
  taken: Map<number, BaselineEntry>;
  /** Entries left after the exact pass that were looked at again by content (a move, another root). */
  movable: number;
  /** Entries a finding took by content. */
  byContent: number;
}

/** Severities a content match may accept: never critical or high. */
const BY_CONTENT = new Set<Severity>(['medium', 'low']);

/** Letters, digits and `_.@~+/-`: the characters of a path in a message. */
function isPathChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 64 || c === 126 || c === 43 || c === 47 || c === 45;
}
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Trailing punctuation that ends a sentence rather than a path (`a.ts.`, `a.ts -`). */
const TRAILING = new Set(['.', '-', '+', '~', '@'].map((c) => c.charCodeAt(0)));
/** A source extension at the end of (the last characters of) a word. */
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?|pyi?)$/;
const LONGEST_EXTENSION = '.mtsx'.length;

interface PathAt {
  start: number;
  /** End of the path itself. */
  pathEnd: number;
  /** End with a `:line` or `:line-line` after it. */
  end: number;
}

/**
 * The source paths in a message: words of path characters that end with a source extension, with
 * the line numbers after them. One pass over the characters (no regular expression over the whole
 * text): linear in the message whatever it holds.
 */
function pathsAt(text: string): PathAt[] {
  const out: PathAt[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isPathChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isPathChar(text.charCodeAt(j))) j++;
    let k = j;
    while (k > i && TRAILING.has(text.charCodeAt(k - 1))) k--;
    if (k > i && SOURCE_EXTENSION.test(text.slice(Math.max(i, k - LONGEST_EXTENSION), k))) {
      let end = k;
      if (k === j && text.charCodeAt(j) === 58 && isDigit(text.charCodeAt(j + 1))) {
        end = j + 1;
        while (end < n && isDigit(text.charCodeAt(end))) end++;
        if (text.charCodeAt(end) === 45 && isDigit(text.charCodeAt(end + 1))) for (end++; end < n && isDigit(text.charCodeAt(end)); ) end++;
      }
      out.push({ start: i, pathEnd: k, end });
      i = Math.max(j, end);
    } else i = j;
  }
  return out;
}

/** The message with paths (and the line numbers after them) blanked: what a move leaves the same. */
export function contentOf(message: string): string {
  const text = entryMessage(message);
  const paths = pathsAt(text);
  if (paths.length === 0) return text;
  let out = '';
  let at = 0;
  for (const path of paths) {
    out += `${text.slice(at, path.start)}<path>`;
    at = path.end;
  }
  return out + text.slice(at);
}

/** The source paths a message names (without line numbers); messages are cut as entries store them. */
export function pathsIn(message: string): string[] {
  const text = entryMessage(message);
  return pathsAt(text).map((path) => text.slice(path.start, path.pathEnd));
}

/** Entries with one path and fingerprint: one entry, or several by rule (the same construct more than once). */
type Slot = BaselineEntry | Map<string, BaselineEntry[]>;

/**
 * The exact pass: a finding takes an entry with its rule, path and fingerprint (several alike in
 * order). Entries are looked up by path, then fingerprint, then rule: no key is built per entry or
 * finding, and no list is searched (10^5 of each join in about 0.1 s).
 */
export function exactPass(entries: readonly BaselineEntry[], findings: readonly Finding[]): { states: MatchState[]; taken: Map<number, BaselineEntry>; pending: number[]; left: BaselineEntry[] } {
  const byPath = new Map<string, Map<string, Slot>>();
  for (const entry of entries) {
    let byFingerprint = byPath.get(entry.path);
    if (!byFingerprint) byPath.set(entry.path, (byFingerprint = new Map()));
    const slot = byFingerprint.get(entry.fingerprint);
    if (slot === undefined) byFingerprint.set(entry.fingerprint, entry);
    else if (slot instanceof Map) {
      const list = slot.get(entry.rule);
      if (list) list.push(entry);
      else slot.set(entry.rule, [entry]);
    } else {
      const several = new Map<string, BaselineEntry[]>([[slot.rule, [slot]]]);
      const list = several.get(entry.rule);
      if (list) list.push(entry);
      else several.set(entry.rule, [entry]);
      byFingerprint.set(entry.fingerprint, several);
    }
  }
  const states: MatchState[] = new Array<MatchState>(findings.length).fill('new');
  const taken = new Map<number, BaselineEntry>();
  const pending: number[] = [];
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i]!;
    const byFingerprint = byPath.get(finding.file);
    const slot = byFingerprint?.get(finding.fingerprint);
    let entry: BaselineEntry | undefined;
    if (slot instanceof Map) entry = slot.get(finding.ruleId)?.pop();
    else if (slot !== undefined && slot.rule === finding.ruleId) {
      entry = slot;
      byFingerprint!.delete(finding.fingerprint);
    }
    if (entry) {
      states[i] = 'unchanged';
      taken.set(i, entry);
    } else pending.push(i);
  }
  const left: BaselineEntry[] = [];
  for (const byFingerprint of byPath.values()) {
    for (const slot of byFingerprint.values()) {
      if (slot instanceof Map) for (const list of slot.values()) for (const entry of list) left.push(entry);
      else left.push(slot);
    }
  }
  return { states, taken, pending, left };
}

/** Whether an entry left over may belong to a finding that moved: its file is gone, or a file its message names. */
export function movedEntry(entry: BaselineEntry, gone: (path: string) => boolean): boolean {
  return gone(entry.path) || pathsIn(entry.message).some(gone);
}

/** Fixed (absent) for an entry no finding took: its file was in this run. */
export function isAbsent(path: string, scope: BaselineScope): boolean {
  return scope.seen(path);
}

/** A FIFO of finding indexes without shifting an array. */
interface Queue {
  items: number[];
  next: number;
}

/** `entries` have root-relative paths (those outside the root left out by the caller). */
export function matchBaseline(entries: readonly BaselineEntry[], findings: readonly Finding[], scope: BaselineScope): BaselineMatch {
  const { states, taken, pending, left } = exactPass(entries, findings);
  const goneCache = new Map<string, boolean>();
  const gone = (path: string): boolean => {
    let result = goneCache.get(path);
    if (result === undefined) goneCache.set(path, (result = !scope.seen(path) && !scope.exists(path)));
    return result;
  };
  // Entries a content match may take: a file gone, a named file gone, or another root.
  const movable: Array<{ entry: BaselineEntry; named: string[] }> = [];
  for (const entry of left) {
    // Under another root, the paths in messages are relative to the baseline's root, not this one.
    const named = scope.otherRoot ? [] : pathsIn(entry.message).filter(gone);
    if (scope.otherRoot || gone(entry.path) || named.length > 0) movable.push({ entry, named });
  }
  const open = pending.filter((i) => BY_CONTENT.has(findings[i]!.severity));
  const matched = new Set<BaselineEntry>();
  // Messages repeat (one rule, one template): each is blanked once.
  const contents = new Map<string, string>();
  const contentOnce = (message: string): string => {
    let content = contents.get(message);
    if (content === undefined) contents.set(message, (content = contentOf(message)));
    return content;
  };
  if (movable.length > 0 && open.length > 0) {
    const queues = new Map<string, Queue>();
    const files = new Set<string>();
    for (const i of open) {
      const finding = findings[i]!;
      files.add(finding.file);
      const key = `${finding.ruleId}\u0000${finding.file}\u0000${contentOnce(finding.message)}`;
      const queue = queues.get(key);
      if (queue) queue.items.push(i);
      else queues.set(key, { items: [i], next: 0 });
    }
    const gonePaths = new Set<string>();
    for (const { entry, named } of movable) {
      if (gone(entry.path)) gonePaths.add(entry.path);
      for (const path of named) gonePaths.add(path);
    }
    const moves = gonePaths.size > 0 && scope.moves ? scope.moves([...gonePaths], [...files]) : new Map<string, readonly string[]>();
    for (const { entry, named } of movable) {
      // Every file named in the message that is gone must have moved somewhere, on evidence.
      if (!named.every((path) => (moves.get(path)?.length ?? 0) > 0)) continue;
      const targets = new Set<string>();
      if (!gone(entry.path)) {
        if (scope.otherRoot || named.length > 0) targets.add(entry.path);
      } else for (const path of moves.get(entry.path) ?? []) targets.add(path);
      // A finding that names a moved file may have moved with it (an import cycle is reported at its first file).
      if (targets.size > 0) for (const path of named) for (const to of moves.get(path) ?? []) targets.add(to);
      const content = contentOnce(entry.message);
      for (const file of targets) {
        const queue = queues.get(`${entry.rule}\u0000${file}\u0000${content}`);
        if (!queue || queue.next >= queue.items.length) continue;
        const i = queue.items[queue.next++]!;
        states[i] = 'unchanged';
        taken.set(i, entry);
        matched.add(entry);
        break;
      }
    }
  }
  let outOfScope = 0;
  const absent: BaselineEntry[] = [];
  const stale: BaselineEntry[] = [];
  for (const entry of left) {
    if (matched.has(entry)) continue;
    if (scope.seen(entry.path)) absent.push(entry);
    else if (gone(entry.path)) stale.push(entry);
    else outOfScope++;
  }
  return { states, absent, stale, outOfScope, taken, movable: movable.length, byContent: matched.size };
}

/**
 * Which findings a baseline already holds. A finding is `unchanged` when an entry has its rule,
 * path and fingerprint (fingerprints name the construct, not its line: moved lines, whitespace and
 * comments do not change them), `new` otherwise; an entry no finding took is `absent` (fixed), but
 * only when its file was in this run's scope, so that a run over part of the tree (`--include`, a
 * subdirectory, a shard) reports nothing of the rest as fixed.
 *
 * A renamed or moved file changes the path and the fingerprints of its findings and of those that
 * name it (an import cycle, a clone). Entries left over after the exact pass are matched again by
 * content when their file is gone or their message names a file that is gone: same rule, same
 * message once paths and line numbers in it are blanked, preferring a finding in a file of the same
 * name. A finding that changed (another parameter count, another function) has another message and
 * stays new.
 */
import type { Finding } from '../rules/types.js';
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
   * analysed against the repository's baseline): fingerprints hash root-relative paths, so every
   * entry is matched by content, in its own file.
   */
  otherRoot?: boolean;
}

export interface BaselineMatch {
  /** Per finding, in the order given. */
  states: MatchState[];
  /** The entries of files in scope that no finding took: fixed. */
  absent: BaselineEntry[];
  /** Entries of files out of this run's scope: neither matched nor absent. */
  outOfScope: number;
  /** The entry each unchanged finding took, by finding index (for `baseline update`). */
  taken: Map<number, BaselineEntry>;
  /** Entries left after the exact pass that were matched again by content (a rename, a move, another root). */
  movable: number;
}

/**
 * A path with a source extension in a message, leading slashes included. The lookbehind starts a
 * match only where a run of path characters and slashes starts: tried from every character of
 * `a.a.a...` or `a/a/a/...`, the pattern was quadratic (issue 30).
 */
const PATH_IN_MESSAGE = /(?<![\w.@~+\/-])\/*(?:[\w.@~+-]+\/+)*[\w.@~+-]+\.(?:[cm]?[jt]sx?|pyi?)(?::\d+(?:-\d+)?)?/g;

/** The message with paths (and the line numbers after them) blanked: what a rename leaves the same. */
function contentOf(message: string): string {
  return entryMessage(message).replace(PATH_IN_MESSAGE, '<path>');
}

function pathsIn(message: string): string[] {
  return [...message.matchAll(PATH_IN_MESSAGE)].map((m) => m[0].replace(/:\d+(?:-\d+)?$/, ''));
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The exact pass: a finding takes an entry with its rule, path and fingerprint (several alike in order). */
export function exactPass(entries: readonly BaselineEntry[], findings: readonly Finding[]): { states: MatchState[]; taken: Map<number, BaselineEntry>; pending: number[]; left: BaselineEntry[] } {
  const exact = new Map<string, BaselineEntry[]>();
  for (const entry of entries) {
    const key = `${entry.rule}\u0000${entry.path}\u0000${entry.fingerprint}`;
    const list = exact.get(key);
    if (list) list.push(entry);
    else exact.set(key, [entry]);
  }
  const states: MatchState[] = new Array<MatchState>(findings.length).fill('new');
  const taken = new Map<number, BaselineEntry>();
  const pending: number[] = [];
  findings.forEach((finding, i) => {
    const entry = exact.get(`${finding.ruleId}\u0000${finding.file}\u0000${finding.fingerprint}`)?.pop();
    if (entry) {
      states[i] = 'unchanged';
      taken.set(i, entry);
    } else pending.push(i);
  });
  return { states, taken, pending, left: [...exact.values()].flat() };
}

/** Whether an entry left over may belong to a finding that moved: its file is gone, or a file its message names. */
export function movedEntry(entry: BaselineEntry, gone: (path: string) => boolean): boolean {
  return gone(entry.path) || pathsIn(entry.message).some(gone);
}

/** Fixed (absent) or out of this run's scope, for an entry no finding took. */
export function isAbsent(path: string, scope: BaselineScope): boolean {
  return scope.seen(path) || (!scope.exists(path) && scope.wouldAnalyse(path));
}

/** `entries` have root-relative paths (those outside the root left out by the caller). */
export function matchBaseline(entries: readonly BaselineEntry[], findings: readonly Finding[], scope: BaselineScope): BaselineMatch {
  const { states, taken, pending, left: unmatched } = exactPass(entries, findings);
  let left = unmatched;
  const gone = (path: string): boolean => !scope.seen(path) && !scope.exists(path);
  // By content, for entries a rename or a move may have changed.
  const movable = scope.otherRoot ? left : left.filter((entry) => movedEntry(entry, gone));
  if (movable.length > 0 && pending.length > 0) {
    const byContent = new Map<string, number[]>();
    for (const i of pending) {
      const key = `${findings[i]!.ruleId}\u0000${contentOf(findings[i]!.message)}`;
      const list = byContent.get(key);
      if (list) list.push(i);
      else byContent.set(key, [i]);
    }
    const matched = new Set<BaselineEntry>();
    for (const entry of movable) {
      const candidates = byContent.get(`${entry.rule}\u0000${contentOf(entry.message)}`);
      if (!candidates || candidates.length === 0) continue;
      // The file itself moved: its findings went to one file, best one of the same name; otherwise
      // (a finding that names the moved file) it stayed where it was, or moved with the cycle.
      const at = candidates.findIndex((i) => findings[i]!.file === entry.path);
      const moved = movedEntry(entry, gone);
      if (at < 0 && !moved) continue; // nothing moved: only a finding in its own file is the same one
      const same = at >= 0 ? at : candidates.findIndex((i) => baseName(findings[i]!.file) === baseName(entry.path));
      const pick = same >= 0 ? same : 0;
      const i = candidates[pick]!;
      candidates.splice(pick, 1);
      states[i] = 'unchanged';
      taken.set(i, entry);
      matched.add(entry);
    }
    left = left.filter((entry) => !matched.has(entry));
  }
  let outOfScope = 0;
  const absent: BaselineEntry[] = [];
  for (const entry of left) {
    if (isAbsent(entry.path, scope)) absent.push(entry);
    else outOfScope++;
  }
  return { states, absent, outOfScope, taken, movable: movable.length };
}

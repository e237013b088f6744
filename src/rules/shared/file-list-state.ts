/**
 * A rule state that is one JSON entry per file (in the files' order), with a patch of the entries
 * of the files changed since the base: [index, entry] pairs, also JSON. Used by the incremental
 * rules whose state is small enough to keep whole (CON_ALGORITHM, the module graph rules).
 */
import type { RuleState } from '../types.js';
import { parseJson } from '../../bounded-json.js';

/** A state's entries (the base's, with the patch's in their place), and the patch itself. */
export interface FileList<T> {
  entries: T[];
  patch: Map<number, T>;
}

export function encodeEntries<T>(entries: readonly T[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(entries));
}

function parse(bytes: Uint8Array): unknown {
  try {
    return parseJson(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The entries of a state, checked with `isEntry`, its patch applied (a patched entry must be for the
 * same path, `pathOf`); undefined when the state does not decode.
 */
export function decodeFileList<T>(state: RuleState, isEntry: (value: unknown) => value is T, pathOf: (entry: T) => string): FileList<T> | undefined {
  const entries = parse(state.base);
  if (!Array.isArray(entries) || !entries.every(isEntry)) return undefined;
  const patch = new Map<number, T>();
  if (state.patch) {
    const pairs = parse(state.patch);
    if (!Array.isArray(pairs)) return undefined;
    for (const pair of pairs as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) return undefined;
      const [index, entry] = pair as [unknown, unknown];
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= entries.length || !isEntry(entry) || pathOf(entry) !== pathOf(entries[index as number]!)) return undefined;
      patch.set(index as number, entry);
      entries[index as number] = entry;
    }
  }
  return { entries, patch };
}

/**
 * The state after an update replaced the entries of `changed` indexes (in `now`): the same base, and a
 * patch of every entry changed since it.
 */
export function patchedFileList<T>(state: RuleState, last: FileList<T>, now: readonly T[], changed: (index: number) => boolean): RuleState {
  const patch = new Map(last.patch);
  now.forEach((entry, i) => changed(i) && patch.set(i, entry));
  return { base: state.base, patch: encodeEntries([...patch]) };
}

/** The state as one base: its entries with the patch applied. */
export function rebaseFileList<T>(state: RuleState, decode: (state: RuleState) => FileList<T> | undefined): Uint8Array | undefined {
  if (!state.patch) return state.base;
  const decoded = decode(state);
  return decoded && encodeEntries(decoded.entries);
}

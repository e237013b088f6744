/**
 * An incremental check for a project rule whose input is small and whose check is quick (the module
 * graph rules): its state is what it reads of every file (`reads`, as JSON), and an update runs the
 * whole check again on that state with the changed files' new facts put in. No facts of unchanged
 * files are loaded, and the rule itself stays a plain `check`. Its reports replace all of its last
 * ones. A patch holds what it read of the files changed since the base.
 */
import type { FileFacts } from '../../facts/types.js';
import type { IncrementalCheck, LazyFile, Report, RuleContext, RuleState } from '../types.js';

/** What a rule reads of one file: its path, its language and the `reads` fields. */
type Projection = Partial<FileFacts> & Pick<FileFacts, 'path' | 'language'>;

/** A patch: the projections now of the files changed since the base, by their index in it. */
type Patch = Array<[index: number, file: Projection]>;

function project(facts: FileFacts, reads: ReadonlyArray<keyof FileFacts>): Projection {
  const out: Projection = { path: facts.path, language: facts.language };
  for (const field of reads) (out as Record<string, unknown>)[field] = facts[field];
  return out;
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

function parse<T>(bytes: Uint8Array): T | undefined {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return undefined;
  }
}

/** The projections of a state: the base's, with the patch's files in their place. */
function decode(state: RuleState): { files: Projection[]; patch: Map<number, Projection> } | undefined {
  const files = parse<Projection[]>(state.base);
  if (!Array.isArray(files) || !files.every((file) => typeof file?.path === 'string')) return undefined;
  const patch = new Map<number, Projection>();
  if (state.patch) {
    const entries = parse<Patch>(state.patch);
    if (!Array.isArray(entries)) return undefined;
    for (const [index, file] of entries) {
      if (!Number.isInteger(index) || index < 0 || index >= files.length || file?.path !== files[index]!.path) return undefined;
      patch.set(index, file);
      files[index] = file;
    }
  }
  return { files, patch };
}

export function projectedState(reads: ReadonlyArray<keyof FileFacts>, check: (files: readonly FileFacts[], context: RuleContext) => Report[]): IncrementalCheck {
  // The check only reads `reads` (and path, language): a projection stands for the facts.
  const run = (files: readonly Projection[], context: RuleContext): Report[] => check(files as readonly FileFacts[], context);
  return {
    checkWithState(files, context) {
      const projections = files.map((facts) => project(facts, reads));
      return { reports: run(projections, context), state: encode(projections) };
    },
    update(files: readonly LazyFile[], changed, state, context) {
      const decoded = decode(state);
      if (!decoded || decoded.files.length !== files.length || decoded.files.some((file, i) => file.path !== files[i]!.path)) return undefined;
      const patch = new Map(decoded.patch);
      const now = decoded.files.map((file, i) => {
        if (!changed.has(file.path)) return file;
        const projection = project(files[i]!.facts(), reads);
        patch.set(i, projection);
        return projection;
      });
      return { reports: run(now, context), rechecked: new Set(now.map((file) => file.path)), state: { base: state.base, patch: encode([...patch]) } };
    },
    rebase(state) {
      if (!state.patch) return state.base;
      const decoded = decode(state);
      return decoded && encode(decoded.files);
    },
  };
}

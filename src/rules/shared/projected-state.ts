/**
 * An incremental check for a project rule whose input is small and whose check is quick (the module
 * graph rules): its state is what it reads of every file (`reads`, as JSON), and an update runs the
 * whole check again on that state with the changed files' new facts put in. No facts of unchanged
 * files are loaded, and the rule itself stays a plain `check`. Its reports replace its last ones in
 * every file that has a report before or after. Its patches hold what it read of the files changed
 * since the base (file-list-state.ts).
 */
import type { FileFacts } from '../../facts/types.js';
import { project, type Projection } from '../../model/projection.js';
import type { IncrementalCheck, LazyFile, Report, RuleContext, RuleState } from '../types.js';
import { decodeFileList, encodeEntries, patchedFileList, rebaseFileList, type FileList } from './file-list-state.js';

const isProjection = (value: unknown): value is Projection => typeof (value as Projection | null)?.path === 'string';

/** The projections of a state (see file-list-state.ts). */
const decode = (state: RuleState): FileList<Projection> | undefined => decodeFileList(state, isProjection, (file) => file.path);

export function projectedState(reads: ReadonlyArray<keyof FileFacts>, check: (files: readonly FileFacts[], context: RuleContext) => Report[]): IncrementalCheck {
  // The check only reads `reads` (and path, language): a projection stands for the facts.
  const run = (files: readonly Projection[], context: RuleContext): Report[] => check(files as readonly FileFacts[], context);
  return {
    checkWithState(files, context) {
      const projections = files.map((facts) => project(facts, reads));
      return { reports: run(projections, context), state: encodeEntries(projections) };
    },
    update(files: readonly LazyFile[], changed, state, context) {
      const decoded = decode(state);
      if (!decoded || decoded.entries.length !== files.length || decoded.entries.some((file, i) => file.path !== files[i]!.path)) return undefined;
      const now = decoded.entries.map((file, i) => (changed.has(file.path) ? project(files[i]!.facts(), reads) : file));
      const reports = run(now, context);
      // Its last reports are those of the check on the last state: only files with a report then or
      // now can have other findings (the others had none and have none).
      const rechecked = new Set([...run(decoded.entries, context), ...reports].map((report) => report.file ?? ''));
      rechecked.delete('');
      return { reports, rechecked, state: patchedFileList(state, decoded, now, (i) => changed.has(now[i]!.path)) };
    },
    rebase: (state) => rebaseFileList(state, decode),
  };
}

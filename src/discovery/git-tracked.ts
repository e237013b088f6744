import { isUtf8 } from 'node:buffer';
import { escapeName } from './names.js';
import { gitOutput } from './git.js';

export interface TrackedFiles {
  /** Paths relative to the root, forward slashes, valid UTF-8. */
  paths: string[];
  /** Tracked paths whose bytes are not valid UTF-8: escaped as discovery/names.ts does, and raw. */
  badlyNamed: Array<{ path: string; raw: Buffer }>;
}

/**
 * The files git tracks under `root` (its index), relative to `root`, or undefined when `root` is not
 * in a git work tree, git is not on the PATH, or git fails or takes too long. Git never applies
 * `.gitignore` to a tracked file, so discovery must not either: otherwise a pull request hides a
 * committed file from the analysis by naming it in a `.gitignore`.
 *
 * git runs as git.ts runs it (no shell, no fsmonitor, bounded). Without `--full-name`, git prints paths
 * relative to its working directory, which is `root`; `-- .` keeps them under it.
 */
export function gitTrackedFiles(root: string): TrackedFiles | undefined {
  const bytes = gitOutput(root, ['ls-files', '-z', '--cached', '--', '.']);
  if (!bytes) return undefined;
  const out: TrackedFiles = { paths: [], badlyNamed: [] };
  let start = 0;
  for (let end = bytes.indexOf(0, start); end !== -1; start = end + 1, end = bytes.indexOf(0, start)) {
    if (end === start) continue;
    const raw = bytes.subarray(start, end);
    if (isUtf8(raw)) out.paths.push(raw.toString('utf8'));
    else out.badlyNamed.push({ path: escapeName(raw), raw: Buffer.from(raw) });
  }
  return out;
}

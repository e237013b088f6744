import { spawnSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { escapeName } from './names.js';

/** How long discovery waits for `git ls-files`, and the most output it takes from it. */
const GIT_TIMEOUT_MS = 10_000;
const GIT_MAX_OUTPUT = 128 * 1024 * 1024;

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
 * No shell; the checkout's fsmonitor hook is switched off (it would run a program named by the
 * repository's config); no optional locks, no prompt. Without `--full-name`, git prints paths
 * relative to its working directory, which is `root`; `-- .` keeps them under it.
 */
export function gitTrackedFiles(root: string): TrackedFiles | undefined {
  let result;
  try {
    result = spawnSync('git', ['-c', 'core.fsmonitor=false', '-C', root, 'ls-files', '-z', '--cached', '--', '.'], {
      cwd: root,
      encoding: 'buffer',
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: GIT_MAX_OUTPUT,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' },
      windowsHide: true,
    });
  } catch {
    return undefined;
  }
  if (result.error || result.status !== 0 || !result.stdout) return undefined;
  const out: TrackedFiles = { paths: [], badlyNamed: [] };
  const bytes = result.stdout;
  let start = 0;
  for (let end = bytes.indexOf(0, start); end !== -1; start = end + 1, end = bytes.indexOf(0, start)) {
    if (end === start) continue;
    const raw = bytes.subarray(start, end);
    if (isUtf8(raw)) out.paths.push(raw.toString('utf8'));
    else out.badlyNamed.push({ path: escapeName(raw), raw: Buffer.from(raw) });
  }
  return out;
}

/**
 * git, run on a checkout a pull request controls: no shell, a timeout and a bounded output, the
 * repository's file system monitor switched off (its config could name a program to run), paths
 * unquoted, no optional locks and no prompt. Any failure (no git on the PATH, no work tree, an
 * error, a timeout, too much output) is `undefined`, which callers take as "git cannot tell".
 */
import { spawnSync } from 'node:child_process';

const GIT_TIMEOUT_MS = 10_000;
const GIT_MAX_OUTPUT = 128 * 1024 * 1024;

/** The standard output of `git ARGS` run in `cwd`, or undefined on any failure. */
export function gitOutput(cwd: string, args: readonly string[]): Buffer | undefined {
  let result;
  try {
    result = spawnSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', ...args], {
      cwd,
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
  return result.error || result.status !== 0 || !result.stdout ? undefined : result.stdout;
}

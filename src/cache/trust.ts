/**
 * Whether a cache folder can be trusted, and marking the folders the tool creates as its own.
 *
 * A cache is an input trusted like the tool itself (README, "Trust model"): a poisoned entry could
 * hide findings. The folder inside the analysed root is also where a pull request can plant one,
 * either committed to the repository (`.connascence/cache/...` tracked by git) or as a link that
 * sends the tool's writes outside the checkout. Such a folder is neither read nor written: the run
 * computes from the source, with one warning. A folder given explicitly with `--cache-dir` is the
 * user's choice and is used as given.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { makeDirectories, errorCode } from './fs-errors.js';

/** What every cache folder the tool creates holds, as pytest's and Ruff's caches do: git ignores it all. */
export const IGNORE_FILE = '.gitignore';
const IGNORE_CONTENT = '# Created by connascence: a local cache, never to be committed.\n*\n';
/** `git ls-files` gets this long; a git that does not answer in time counts as "cannot tell". */
const GIT_TIMEOUT_MS = 5000;

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) ? rel : undefined;
}

/**
 * Why the cache folder `dir` must not be used for the analysis of `root`, or undefined when it can
 * be. Only folders inside the root are checked, and none given with --cache-dir (`explicit`).
 */
export function untrustedCacheReason(root: string, dir: string, explicit: boolean): string | undefined {
  if (explicit) return undefined;
  const rel = inside(root, dir);
  if (rel === undefined || rel === '') return undefined;
  const link = linkOutside(root, rel);
  if (link !== undefined) return `${link} is a link to a folder outside the analysed directory`;
  if (trackedByGit(root, rel)) return `${rel.split(sep).join('/')} holds files tracked by git (a committed cache)`;
  return undefined;
}

/** The first component of `rel` (under `root`) that is a link resolving outside the root. */
function linkOutside(root: string, rel: string): string | undefined {
  const realRoot = realpathSync(root);
  let at = root;
  for (const part of rel.split(sep)) {
    at = join(at, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(at).isSymbolicLink();
    } catch {
      return undefined; // the rest does not exist yet: the tool creates it, inside the root
    }
    if (!isLink) continue;
    let target: string;
    try {
      target = realpathSync(at);
    } catch {
      return relative(root, at); // a dangling link: where it would lead is not known to be inside
    }
    if (inside(realRoot, target) === undefined) return relative(root, at).split(sep).join('/');
  }
  return undefined;
}

/** Whether git tracks any file under `rel` in the work tree at `root` (false when git is absent or `root` is no work tree). */
function trackedByGit(root: string, rel: string): boolean {
  const result = spawnSync('git', ['-C', root, 'ls-files', '-z', '--', rel], {
    encoding: 'buffer',
    timeout: GIT_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    maxBuffer: 1024 * 1024,
  });
  // ENOBUFS: more than a megabyte of names, certainly tracked.
  if (result.error) return errorCode(result.error) === 'ENOBUFS';
  return result.status === 0 && result.stdout.length > 0;
}

/**
 * Creates the cache folder `dir` when it is missing, with a `.gitignore` that ignores everything
 * in it (markIgnored), so that it is never committed by accident. Returns the first directory it
 * created, like makeDirectories, and throws what it throws.
 */
export function createCacheDir(dir: string): string | undefined {
  const created = makeDirectories(dir);
  if (created !== undefined) markIgnored(dir);
  return created;
}

/** Writes the `.gitignore` of a cache folder the tool created, unless one is there. Best effort. */
export function markIgnored(dir: string): void {
  try {
    writeFileSync(join(dir, IGNORE_FILE), IGNORE_CONTENT, { flag: 'wx' });
  } catch {
    // A folder that takes no file takes no cache entries either, and says so when they are written.
  }
}

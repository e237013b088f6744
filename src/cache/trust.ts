/**
 * Whether a cache folder can be trusted, and marking the folders the tool creates as its own.
 *
 * A cache is an input trusted like the tool itself (README, "Trust model"): a poisoned entry could
 * hide findings. A folder the operator gives (--cache-dir, or $CONNASCENCE_CACHE_DIR outside the
 * analysed root) and the image's snapshots are the operator's choice and are used as given. A
 * folder inside the analysed root is where a pull request can plant one, and is trusted on this
 * machine's word only, never on the checkout's:
 *
 * - no component of its path below the root, and none of the folders the tool uses in it
 *   (`facts-v<N>`, its shards, the record folders), may be a link, to anywhere: a link would send
 *   reads and writes where the checkout chose;
 * - every entry in it is sealed with this machine's key (machine-key.ts, entry-auth.ts), and an entry
 *   whose MAC does not verify is a miss. A committed or forged entry, or one written on another
 *   machine, is never read, whatever git knows of the folder (git is not asked: its answer is the
 *   checkout's, and it may be absent).
 *
 * A folder that fails the first rule, or when there is no usable key, is neither read nor written:
 * the run computes from the source, with one warning.
 */
import { lstatSync, readdirSync, writeFileSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { EntryAuth } from './entry-auth.js';
import { describeError, makeDirectories, unlessAbsent } from './fs-errors.js';
import { RECORD_DIRS, SHARD_PATTERN, versionDirName } from './layout.js';
import { loadMachineKey } from './machine-key.js';

/** What every cache folder the tool creates holds, as pytest's and Ruff's caches do: git ignores it all. */
export const IGNORE_FILE = '.gitignore';
const IGNORE_CONTENT = '# Created by connascence: a local cache, never to be committed.\n*\n';

/**
 * How a cache folder may be used: as given (`operator`: --cache-dir, outside the root), with its
 * entries sealed and checked with this machine's key (`checkout`), or not at all (`refused`, why).
 */
export type CacheTrust = { kind: 'operator' } | { kind: 'checkout'; auth: EntryAuth } | { kind: 'refused'; reason: string };

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) ? rel : undefined;
}

/**
 * How the cache folder `dir` may be used for the analysis of `root`: a folder given with --cache-dir
 * (`explicit`) or outside the root is the operator's; one inside it is the checkout's (module comment).
 */
export function cacheTrust(root: string, dir: string, explicit: boolean, env: NodeJS.ProcessEnv = process.env): CacheTrust {
  if (explicit) return { kind: 'operator' };
  const rel = inside(root, dir);
  if (rel === undefined) return { kind: 'operator' };
  let link: string | undefined;
  try {
    link = linkOnPath(root, rel) ?? linkWithin(dir);
  } catch (error) {
    return { kind: 'refused', reason: `its folders cannot be checked for links (${describeError(error)})` };
  }
  if (link !== undefined) return { kind: 'refused', reason: `${slashes(relative(root, link)) || '.'} is a link (a cache inside the analysed directory is never reached through one)` };
  const key = loadMachineKey(root, env);
  return key.ok ? { kind: 'checkout', auth: key.auth } : { kind: 'refused', reason: key.reason };
}

/** The first component of `rel` (under `root`) that is a link, wherever it leads; absolute path. */
function linkOnPath(root: string, rel: string): string | undefined {
  let at = root;
  for (const part of rel === '' ? [] : rel.split(sep)) {
    at = join(at, part);
    const stats = unlessAbsent(() => lstatSync(at));
    if (stats === undefined) return undefined; // the rest does not exist yet: the tool creates it, as folders
    if (stats.isSymbolicLink()) return at;
  }
  return undefined;
}

/**
 * The first link among the folders the tool reads and writes in the cache folder `dir`: the facts
 * folder of this version and its shards, and the record folders. Entry files that are links are
 * refused where they are opened (O_NOFOLLOW); folders are checked here, once, before any use.
 */
function linkWithin(dir: string): string | undefined {
  const facts = join(dir, versionDirName());
  for (const path of [facts, ...RECORD_DIRS.map((name) => join(dir, name))]) {
    if (unlessAbsent(() => lstatSync(path))?.isSymbolicLink()) return path;
  }
  let shards: Dirent[];
  try {
    shards = readdirSync(facts, { withFileTypes: true });
  } catch {
    return undefined; // absent, or not a folder we can list: no entry is read from it either
  }
  const linked = shards.find((entry) => SHARD_PATTERN.test(entry.name) && entry.isSymbolicLink());
  return linked && join(facts, linked.name);
}

function slashes(path: string): string {
  return path.split(sep).join('/');
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

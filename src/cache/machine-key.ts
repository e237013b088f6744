/**
 * This machine's key for the cache entries kept inside a checkout (entry-auth.ts): 32 random bytes,
 * as hex, in the user's cache home, never in the analysed tree:
 *
 *   $XDG_CACHE_HOME/connascence/entry-key      (XDG_CACHE_HOME absolute), else
 *   ~/.cache/connascence/entry-key
 *
 * Created on first use, mode 0600 in a 0700 folder, by writing a temp file and linking it into place
 * (two processes that start together agree on the first one). A key that is a link, is readable or
 * writable by others, belongs to another user, or lies inside the analysed root is not used: then
 * no cache inside the checkout is trusted (the run computes everything and says why).
 *
 * Nothing the operator points at with --cache-dir, and no image snapshot, needs this key: those are
 * trusted like the tool. So building the analysis image (Dockerfile) never creates one, and a key
 * baked into a public image could not vouch for anything anyway.
 */
import { chmodSync, closeSync, constants, fstatSync, linkSync, openSync, readSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { EntryAuth } from './entry-auth.js';
import { describeError, errorCode, makeDirectories } from './fs-errors.js';
import { uniqueSuffix } from './layout.js';

export const KEY_FILE_NAME = 'entry-key';
const KEY_HEX_LENGTH = 64;
/** The file holds the hex key and maybe a newline; anything longer is not ours. */
const MAX_KEY_FILE_BYTES = 128;
const KEY_PATTERN = /^([0-9a-f]{64})\n?$/;
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;
const GROUP_OTHER_BITS = 0o077;

export type MachineKey = { ok: true; auth: EntryAuth; path: string } | { ok: false; reason: string };

/** Where the key lives, or undefined when the user has no cache home. */
export function machineKeyPath(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'connascence', KEY_FILE_NAME);
  let home = env.HOME;
  if (!home || !isAbsolute(home)) {
    try {
      home = homedir();
    } catch {
      return undefined;
    }
  }
  return home && isAbsolute(home) ? join(home, '.cache', 'connascence', KEY_FILE_NAME) : undefined;
}

/** The key, created when there is none yet; never one inside `root` (the analysed tree). */
export function loadMachineKey(root: string, env: NodeJS.ProcessEnv = process.env): MachineKey {
  const path = machineKeyPath(env);
  if (path === undefined) return { ok: false, reason: 'there is no user cache home for the key that authenticates its entries (set XDG_CACHE_HOME or HOME)' };
  if (underRoot(root, path)) return { ok: false, reason: `the key that authenticates its entries would lie inside the analysed directory (${path})` };
  const read = readKey(path);
  if (read.ok || read.reason !== 'absent') return read.ok ? { ok: true, auth: read.auth, path } : { ok: false, reason: `the key that authenticates its entries, ${path}, ${read.reason}` };
  try {
    createKey(path);
  } catch (error) {
    return { ok: false, reason: `the key that authenticates its entries cannot be created at ${path} (${describeError(error)})` };
  }
  const created = readKey(path);
  return created.ok ? { ok: true, auth: created.auth, path } : { ok: false, reason: `the key that authenticates its entries, ${path}, ${created.reason}` };
}

/** Whether `path` (or, while it does not exist, its nearest existing folder) resolves inside `root`. */
function underRoot(root: string, path: string): boolean {
  let rootReal: string;
  try {
    rootReal = realpathSync.native(root);
  } catch {
    return false;
  }
  for (let at = path; ; at = dirname(at)) {
    try {
      const real = realpathSync.native(at);
      const rel = relative(rootReal, real);
      return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
    } catch {
      if (dirname(at) === at) return false;
    }
  }
}

type KeyRead = { ok: true; auth: EntryAuth } | { ok: false; reason: string };

function readKey(path: string): KeyRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { ok: false, reason: 'absent' };
    return { ok: false, reason: code === 'ELOOP' ? 'is a link' : `cannot be read (${describeError(error)})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: 'is not a regular file' };
    if ((stats.mode & GROUP_OTHER_BITS) !== 0) return { ok: false, reason: 'can be read or written by other users (chmod 600 it, or remove it to make a new one)' };
    if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) return { ok: false, reason: 'belongs to another user' };
    const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const match = KEY_PATTERN.exec(buffer.subarray(0, length).toString('latin1'));
    if (!match || match[1]!.length !== KEY_HEX_LENGTH) return { ok: false, reason: 'is not a key this tool wrote (remove it to make a new one)' };
    return { ok: true, auth: EntryAuth.fromHex(match[1]!) };
  } finally {
    closeSync(fd);
  }
}

/** Writes a fresh key next to `path` and links it into place; a key another process placed first wins. */
function createKey(path: string): void {
  const folder = dirname(path);
  if (makeDirectories(folder) !== undefined) chmodSync(folder, PRIVATE_DIR); // created now: ours alone
  const temp = join(folder, `.${KEY_FILE_NAME}-${uniqueSuffix()}`);
  writeFileSync(temp, `${randomBytes(KEY_HEX_LENGTH / 2).toString('hex')}\n`, { flag: 'wx', mode: PRIVATE_FILE });
  try {
    linkSync(temp, path);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

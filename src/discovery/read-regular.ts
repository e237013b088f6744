import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { dirname, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import { printable } from '../printable.js';

export type RegularRead =
  | { ok: true; bytes: Buffer; stats: Stats }
  | { ok: false; reason: 'not-regular' | 'too-large' | 'unreadable'; detail: string; code?: string };

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;
const CHUNK = 64 * 1024;

/**
 * Reads a file the analysed tree controls (a source file, `.gitignore`, the config) in one open:
 * the open descriptor is checked with fstat, so what is read is what was checked. Only a regular
 * file within `maxBytes` is read. The open does not block on a FIFO (O_NONBLOCK) and never makes
 * a terminal ours (O_NOCTTY); a FIFO, socket or device is refused before any byte is read, and a
 * file that grows past the limit while it is read is refused at the limit, so memory stays bounded.
 * `noFollow`: a symbolic link is not opened at all (O_NOFOLLOW: 'unreadable', code ELOOP).
 */
export function readRegularFile(path: string, maxBytes: number, options: { noFollow?: boolean } = {}): RegularRead {
  let fd: number;
  try {
    fd = openSync(path, options.noFollow ? OPEN_FLAGS | constants.O_NOFOLLOW : OPEN_FLAGS);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    return { ok: false, reason: 'unreadable', detail: err.message, code: err.code };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: 'not-regular', detail: `is ${kindOf(stats)}, not a regular file` };
    if (stats.size > maxBytes) return { ok: false, reason: 'too-large', detail: `${stats.size} bytes is over the limit of ${maxBytes} bytes` };
    return readAll(fd, stats, maxBytes);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    return { ok: false, reason: 'unreadable', detail: err.message, code: err.code };
  } finally {
    closeSync(fd);
  }
}

function readAll(fd: number, stats: Stats, maxBytes: number): RegularRead {
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stats.size + 1, 1)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { ok: false, reason: 'too-large', detail: `grew past the limit of ${maxBytes} bytes while it was read` };
      const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length + CHUNK));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  if (length > maxBytes) return { ok: false, reason: 'too-large', detail: `grew past the limit of ${maxBytes} bytes while it was read` };
  return { ok: true, bytes: buffer.subarray(0, length), stats };
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Refuses (ConfigError) a file the analysed tree names (the default config, a baseline the config
 * names) when it resolves outside the root, through a link or `..`: a pull request must not make the
 * tool read the host. A missing file is left to the read, which says so.
 */
export function refuseOutsideRoot(root: string, path: string, hint: string): void {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch {
    try {
      real = `${realpathSync.native(dirname(path))}${sep}`;
    } catch {
      return;
    }
  }
  const rootReal = realpathSync.native(root);
  if (real !== rootReal && !real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep)) {
    throw new ConfigError(`${printable(path)} resolves to a file outside the analysed directory; it is not read. ${hint}`);
  }
}

export type ChunkedRead = { ok: true; bytes: number; complete: boolean } | { ok: false; detail: string };

/**
 * Reads a regular file in chunks of `chunkBytes`, handing each to `visit` (which returns false to
 * stop), up to `maxBytes` in all: memory stays one chunk, whatever the file's size. Opened as
 * readRegularFile opens (no blocking on a FIFO, no controlling terminal), checked with fstat on the
 * descriptor; `inode`, when given, must be the inode the walk saw (a file swapped since is not read).
 * `complete` says whether the end of the file was reached within `maxBytes`.
 */
export function readRegularChunks(path: string, options: { maxBytes: number; chunkBytes: number; inode?: number }, visit: (chunk: Buffer) => boolean): ChunkedRead {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, detail: `is ${kindOf(stats)}, not a regular file` };
    if (options.inode !== undefined && stats.ino !== options.inode) return { ok: false, detail: 'was replaced since the walk found it' };
    const buffer = Buffer.allocUnsafe(options.chunkBytes);
    let total = 0;
    for (;;) {
      const wanted = Math.min(buffer.length, options.maxBytes - total);
      if (wanted === 0) {
        // At the cap: one more byte says whether there was more.
        return { ok: true, bytes: total, complete: readSync(fd, buffer, 0, 1, null) === 0 };
      }
      const read = readSync(fd, buffer, 0, wanted, null);
      if (read === 0) return { ok: true, bytes: total, complete: true };
      total += read;
      if (!visit(buffer.subarray(0, read))) return { ok: true, bytes: total, complete: false };
    }
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}

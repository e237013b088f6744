/**
 * The disk tier: one file per entry in the content-addressed layout (see layout.ts), written
 * atomically (temp file in the same directory, then rename) and verified on every read
 * (see entry-format.ts). Synchronous on purpose: lookups sit on the engine's hot path between
 * reading a file and dispatching it, and a small sync read beats a promise round trip there.
 *
 * Never throws for bad entries or failed writes: a bad entry is `corrupt` (a miss), a failed
 * write is reported to the caller, which counts it and goes on without caching.
 */
import { closeSync, constants, existsSync, fstatSync, futimesSync, openSync, readSync, renameSync, rmSync, writevSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { entryBinding, type EntryAuth, type Seal } from './entry-auth.js';
import { decodeEntryBytes, encodeEntryParts, MAX_HEADER_BYTES, type EntryPayload } from './entry-format.js';
import { describeError, errorCode, isAbsent, makeDirectories } from './fs-errors.js';
import { entryPath, FACTS_SCOPE, tempFileName } from './layout.js';

/** Larger files are not entries we wrote (facts of a 1 MiB source stay far below this). */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/**
 * A hit refreshes the entry's mtime (pruning is least-recently-used) at most this often, so a
 * warm run does not turn every read into a metadata write.
 */
export const TOUCH_INTERVAL_MS = 60 * 60 * 1000;
const ENTRY_MODE = 0o644;
const MS_PER_SECOND = 1000;

export type ReadResult = { status: 'hit'; payload: string } | { status: 'miss' } | { status: 'corrupt'; reason: string };
export type BytesReadResult = { status: 'hit'; bytes: Buffer } | { status: 'miss' } | { status: 'corrupt'; reason: string };
export type WriteResult = { ok: true } | { ok: false; error: string };

export interface DiskStoreOptions {
  dir: string;
  /** Snapshot dirs are read-only: never written, never touched. */
  readOnly?: boolean;
  /** File of a key's entry (default: the facts layout, see layout.ts). */
  pathOf?: (dir: string, key: string) => string;
  /**
   * An intact entry of other versions is a plain miss, not a corrupt one: records a run rewrites
   * whole (judgements), where an upgrade is expected and nothing was damaged. Facts entries count them.
   */
  staleIsMiss?: boolean;
  /**
   * A cache inside the analysed checkout (cache/trust.ts): entries are sealed with this machine's key
   * when written, and only entries whose MAC verifies are read; an entry file that is a link is not
   * opened. Without it (a cache the operator gives, a snapshot) entries are read as they are.
   */
  auth?: EntryAuth;
  /** What the MAC binds besides the key (file) name: the kind of record (default: facts). */
  scope?: string;
}

/** Entries are opened without blocking on a FIFO; in a checkout's cache, never through a link. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;
const CHECKOUT_READ_FLAGS = READ_FLAGS | constants.O_NOFOLLOW;

export class DiskStore {
  readonly dir: string;
  private readonly readOnly: boolean;
  private readonly pathOf: (dir: string, key: string) => string;
  private readonly staleIsMiss: boolean;
  readonly auth: EntryAuth | undefined;
  private readonly scope: string;

  constructor(options: DiskStoreOptions) {
    this.dir = options.dir;
    this.readOnly = options.readOnly ?? false;
    this.pathOf = options.pathOf ?? entryPath;
    this.staleIsMiss = options.staleIsMiss ?? false;
    this.auth = options.auth;
    this.scope = options.scope ?? FACTS_SCOPE;
  }

  private sealOf(key: string): Seal | undefined {
    return this.auth ? { auth: this.auth, binding: entryBinding(this.scope, key) } : undefined;
  }

  /** Whether an entry file exists for `key` (not checked for integrity: `read` does that). */
  has(key: string): boolean {
    return existsSync(this.pathOf(this.dir, key));
  }

  read(key: string): ReadResult {
    const result = this.readBytes(key);
    return result.status === 'hit' ? { status: 'hit', payload: result.bytes.toString('utf8') } : result;
  }

  /** `read` for an entry whose payload is bytes. */
  readBytes(key: string): BytesReadResult {
    let fd: number;
    try {
      fd = openSync(this.pathOf(this.dir, key), this.auth ? CHECKOUT_READ_FLAGS : READ_FLAGS);
    } catch (error) {
      if (isAbsent(error)) return { status: 'miss' };
      return corrupt(errorCode(error) === 'ELOOP' ? 'a link, not an entry' : describeError(error));
    }
    try {
      return this.readOpen(fd, key);
    } catch (error) {
      return corrupt(describeError(error));
    } finally {
      closeSync(fd);
    }
  }

  /** Writes (or rewrites, e.g. over a corrupt entry) one entry atomically. */
  write(key: string, payload: EntryPayload): WriteResult {
    if (this.readOnly) return { ok: false, error: `${this.dir} is a read-only snapshot` };
    const target = this.pathOf(this.dir, key);
    const data = encodeEntryParts(payload, this.sealOf(key));
    try {
      writeAtomic(target, data);
      return { ok: true };
    } catch (error) {
      if (!isAbsent(error)) return { ok: false, error: describeError(error) };
    }
    // The shard directory does not exist yet (or was pruned meanwhile): create it and retry once.
    // Creating it lazily keeps the common path at one write + one rename.
    try {
      makeDirectories(dirname(target));
      writeAtomic(target, data);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  }

  /** Removes an entry (absent is fine); an error is returned, never thrown. */
  remove(key: string): string | undefined {
    if (this.readOnly) return `${this.dir} is a read-only snapshot`;
    try {
      rmSync(this.pathOf(this.dir, key), { force: true });
      return undefined;
    } catch (error) {
      return describeError(error);
    }
  }

  private readOpen(fd: number, key: string): BytesReadResult {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_ENTRY_BYTES) return corrupt('not a cache entry file');
    const data = stat.size > ALIGNED_READ_BYTES ? readAligned(fd, stat.size) : readExactly(fd, Buffer.allocUnsafe(stat.size));
    const decoded = decodeEntryBytes(data, this.sealOf(key));
    if (!decoded.ok) return decoded.stale && this.staleIsMiss ? { status: 'miss' } : corrupt(decoded.reason);
    if (!this.readOnly) touchIfStale(fd, stat.mtimeMs);
    return { status: 'hit', bytes: decoded.body };
  }
}

function corrupt(reason: string): { status: 'corrupt'; reason: string } {
  return { status: 'corrupt', reason };
}

/** Reads the whole file into `data` (its size); a file that shrank meanwhile comes back short, and then fails its length check. */
function readExactly(fd: number, data: Buffer): Buffer {
  let offset = 0;
  while (offset < data.length) {
    const read = readSync(fd, data, offset, data.length - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return data.subarray(0, offset);
}

/** Larger entries are read so that their payload starts at an 8-byte boundary in memory (see readAligned). */
const ALIGNED_READ_BYTES = 64 * 1024;
const ALIGNMENT = 8;

/**
 * The file, placed in a fresh buffer so that the payload after its header line starts at an 8-byte
 * boundary: binary payloads (rule states) are then viewed as typed arrays where they lie, not copied.
 */
function readAligned(fd: number, size: number): Buffer {
  const head = Buffer.allocUnsafe(MAX_HEADER_BYTES);
  const newline = head.subarray(0, readSync(fd, head, 0, MAX_HEADER_BYTES, 0)).indexOf(0x0a);
  const pad = newline < 0 ? 0 : (ALIGNMENT - ((newline + 1) % ALIGNMENT)) % ALIGNMENT;
  return readExactly(fd, Buffer.allocUnsafeSlow(pad + size).subarray(pad));
}

function touchIfStale(fd: number, mtimeMs: number): void {
  const now = Date.now();
  if (now - mtimeMs < TOUCH_INTERVAL_MS) return;
  try {
    const seconds = now / MS_PER_SECOND;
    futimesSync(fd, seconds, seconds);
  } catch {
    // Best effort: an entry we may not touch is still a valid hit; LRU order is only a hint.
  }
}

/** Temp file in the target's own directory (same filesystem), then rename: readers see all or nothing. */
function writeAtomic(target: string, parts: readonly Buffer[]): void {
  const temp = join(dirname(target), tempFileName());
  try {
    const fd = openSync(temp, 'wx', ENTRY_MODE);
    try {
      writeAll(fd, parts);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** Writes every part in order, however many calls it takes. */
function writeAll(fd: number, parts: readonly Buffer[]): void {
  let pending = parts.filter((part) => part.length > 0);
  while (pending.length > 0) {
    let written = writevSync(fd, pending);
    while (pending.length > 0 && written >= pending[0]!.length) written -= pending.shift()!.length;
    if (written > 0) pending[0] = pending[0]!.subarray(written);
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The write already failed; that error is the one worth reporting.
  }
}

/** The store of one folder of per-run records (see RECORD_DIRS in layout.ts): one file per slot; sealed with `auth` in a checkout's cache. */
export function recordStore(cacheDir: string, folder: string, auth?: EntryAuth): DiskStore {
  return new DiskStore({ dir: join(cacheDir, folder), pathOf: (dir, slot) => join(dir, slot), staleIsMiss: true, scope: folder, ...(auth ? { auth } : {}) });
}

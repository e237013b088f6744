/**
 * The stamp index: for each file of an analysed root, the stat stamp (inode, size, mtime, ctime:
 * stampOf in discovery/walk.ts) it had when it was last read, with the facts key its content hashed
 * to. A file whose stamp is unchanged is not read again to know its key, like git's index: a warm
 * run then costs a stat per file instead of a read and a sha256 of every source. Entries are only
 * written for files whose mtime is older than the write by RACY_MS, so a file changed again within
 * the timestamp granularity of its file system is always re-read ("racy git").
 *
 *   <cache dir>/stamps-v1/<sha256 of the root>
 *
 * An optimisation only: an unreadable, corrupt or foreign index is an empty one (every file is read),
 * and a failed write is ignored. Entries use the checksummed, atomically written entry format.
 */
import { recordStore, type DiskStore } from './disk-store.js';
import type { EntryAuth } from './entry-auth.js';
import { isKey, recordSlot, STAMPS_DIR } from './layout.js';
import { parseJson } from '../bounded-json.js';

export { STAMPS_DIR } from './layout.js';
const FORMAT = 1;
/** A file modified less than this before the index was written may change again unseen: not indexed. */
export const RACY_MS = 2000;

interface Entry {
  stamp: string;
  key: string;
  /** mtime of the file when indexed (for the racy check at write time). */
  mtimeMs: number;
}

interface Stored {
  format: number;
  root: string;
  /** path -> [stamp, facts key] */
  files: Record<string, [string, string]>;
}

export class StampIndex {
  private readonly previous: Map<string, Entry>;
  private readonly next = new Map<string, Entry>();

  private constructor(
    private readonly store: DiskStore,
    private readonly slot: string,
    private readonly root: string,
    previous: Map<string, Entry>,
  ) {
    this.previous = previous;
  }

  /** The index of `root` in `cacheDir` (empty when there is none or it cannot be used); `auth` for a cache inside the checkout. */
  static load(cacheDir: string, root: string, auth?: EntryAuth): StampIndex {
    const store = recordStore(cacheDir, STAMPS_DIR, auth);
    const slot = recordSlot(root);
    const read = store.read(slot);
    const previous = new Map<string, Entry>();
    if (read.status === 'hit') {
      const stored = parse(read.payload);
      if (stored && stored.root === root) {
        for (const [path, [stamp, key]] of Object.entries(stored.files)) previous.set(path, { stamp, key, mtimeMs: 0 });
      }
    }
    return new StampIndex(store, slot, root, previous);
  }

  /** The facts key recorded for `path` when its stamp is still `stamp`. */
  keyOf(path: string, stamp: string): string | undefined {
    const entry = this.previous.get(path);
    return entry && entry.stamp === stamp ? entry.key : undefined;
  }

  /** Records what `path` hashed to in this run (`mtimeMs` of the stamp, for the racy check). */
  record(path: string, stamp: string, key: string, mtimeMs: number): void {
    this.next.set(path, { stamp, key, mtimeMs });
  }

  /**
   * Writes this run's entries when they differ from the loaded ones (a warm run with nothing
   * changed writes nothing). Files modified within RACY_MS of now are left out. Best effort.
   */
  save(now = Date.now()): void {
    const files: Stored['files'] = {};
    let changed = false;
    for (const [path, entry] of this.next) {
      if (entry.mtimeMs > now - RACY_MS) {
        changed ||= this.previous.has(path);
        continue;
      }
      files[path] = [entry.stamp, entry.key];
      const before = this.previous.get(path);
      changed ||= !before || before.stamp !== entry.stamp || before.key !== entry.key;
    }
    changed ||= [...this.previous.keys()].some((path) => !(path in files));
    if (!changed) return;
    this.store.write(this.slot, JSON.stringify({ format: FORMAT, root: this.root, files } satisfies Stored));
  }
}

/**
 * A path as discovery gives it: relative, forward slashes, no empty, `.` or `..` part, no NUL (a
 * backslash is an ordinary character of a POSIX name). An index holding anything else was not
 * written by this tool.
 */
export function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The stored index, or undefined when it is corrupt: any entry that is not a plain relative path mapped to a stamp and a facts key. */
function parse(payload: string): Stored | undefined {
  try {
    const value = parseJson(payload) as Partial<Stored> | null;
    if (value?.format !== FORMAT || typeof value.root !== 'string' || typeof value.files !== 'object' || value.files === null) return undefined;
    for (const [path, entry] of Object.entries(value.files)) {
      if (!isPlainRelativePath(path) || !Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string' || !isKey(entry[1])) return undefined;
    }
    return value as Stored;
  } catch {
    return undefined;
  }
}

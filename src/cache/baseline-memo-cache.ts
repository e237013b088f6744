/**
 * Where the last comparison with a baseline is kept (baseline/memo.ts): one entry per analysed root
 * and baseline file, overwritten by each run that compared anew.
 *
 *   <cache dir>/baselines-v1/<slot>      slot = sha256(root, baseline file, part)
 *
 * in two parts: the memo itself, rewritten when a file's findings changed, and the baseline's
 * entries by file, written with the memo of a full comparison only.
 *
 * Checksummed, atomically written entries (a corrupt one is a miss); writes are best effort.
 */
import { recordStore, type DiskStore } from './disk-store.js';
import type { EntryAuth } from './entry-auth.js';
import { BASELINES_DIR, recordSlot } from './layout.js';

export class BaselineMemoCache {
  private readonly store: DiskStore;

  /** `auth`: the cache is inside the checkout (cache/trust.ts), its records are sealed. */
  constructor(cacheDir: string, auth?: EntryAuth) {
    this.store = recordStore(cacheDir, BASELINES_DIR, auth);
  }

  static slot(root: string, baselineFile: string, part: 'memo' | 'entries'): string {
    return recordSlot('baseline-memo', root, baselineFile, part);
  }

  read(slot: string): string | undefined {
    const result = this.store.read(slot);
    return result.status === 'hit' ? result.payload : undefined;
  }

  /** Best effort: the error of a failed write, never thrown. */
  write(slot: string, text: string): string | undefined {
    const written = this.store.write(slot, text);
    return written.ok ? undefined : written.error;
  }
}

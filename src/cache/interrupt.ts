/**
 * Temporary files and staging folders that an interrupted command must not leave behind. Node's
 * default for SIGINT and SIGTERM ends the process at once, without `finally` blocks: a warm-up, a
 * snapshot export or a cache import stopped by Ctrl-C or by a CI job's cancellation would leave a
 * partial archive, a staging folder or temporary entry files. While any clean-up is registered
 * here, those signals run it and then end the process with the usual code (128 + the signal's
 * number).
 */
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { TEMP_PREFIX } from './layout.js';
import { scanCache } from './scan.js';

const pending = new Set<() => void>();
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
let installed = false;

function onSignal(signal: keyof typeof SIGNALS): void {
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // Stopping anyway: what cannot be removed is counted and pruned by `cache stats`/`cache prune`.
    }
  }
  process.exit(SIGNALS[signal]);
}

/** Runs `cleanup` on SIGINT/SIGTERM (then exits) until the returned function is called. */
export function onInterrupt(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    for (const signal of Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>) process.on(signal, onSignal);
  }
  pending.add(cleanup);
  return () => {
    pending.delete(cleanup);
  };
}

/** Removes `path` (a file or a folder) on SIGINT/SIGTERM until the returned function is called. */
export function removeOnInterrupt(path: string): () => void {
  return onInterrupt(() => rmSync(path, { recursive: true, force: true }));
}

/**
 * Removes the temporary entry files of this process (its pool workers' included: the names carry
 * the process id, see tempFileName) from the cache folder `dir`, on SIGINT/SIGTERM.
 */
export function removeOwnTempsOnInterrupt(dir: string): () => void {
  const own = `${TEMP_PREFIX}${process.pid}-`;
  return onInterrupt(() => {
    for (const leftover of scanCache(dir).leftovers) if (basename(leftover.path).startsWith(own)) rmSync(leftover.path, { force: true });
  });
}

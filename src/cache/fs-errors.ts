import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Small helpers around Node's fs error codes. */

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Errors meaning "nothing there": a missing file, or a path component that is not a directory. */
export function isAbsent(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Runs a filesystem read; a missing path gives undefined (another process may have pruned it). */
export function unlessAbsent<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `mkdir -p`, one component at a time; returns the first directory it created (undefined when `dir`
 * existed), as `mkdirSync(dir, { recursive: true })` does. Node's recursive mkdir spins at 100% CPU
 * forever under /proc (it retries the parent on ENOENT); here a component that cannot be created is
 * an error at once.
 */
export function makeDirectories(dir: string): string | undefined {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    try {
      if (statSync(at).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: 'ENOTDIR' });
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  let first: string | undefined;
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      continue;
    }
    first ??= path;
  }
  return first;
}

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

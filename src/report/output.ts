import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writevSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EnvironmentError } from '../errors.js';

/**
 * Writes a report atomically (temporary file + rename), creating parent folders. A target that
 * exists and is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written directly:
 * renaming over it would replace the device, and its folder is often not writable.
 */
export function writeReportFile(path: string, content: string | ReadonlyArray<string | Uint8Array>): string {
  const absolute = resolve(path);
  const parts = (typeof content === 'string' ? [content] : content).map(bytesOf).filter((part) => part.length > 0);
  const text = parts.length > 0 && parts[parts.length - 1]!.at(-1) === NEWLINE ? parts : [...parts, Buffer.from('\n')];
  const temporary = `${absolute}.${process.pid}.tmp`;
  try {
    if (isSpecialFile(absolute)) {
      writeParts(absolute, text, 'w');
      return absolute;
    }
    mkdirSync(dirname(absolute), { recursive: true });
    writeParts(temporary, text, 'w');
    renameSync(temporary, absolute);
  } catch (error) {
    removeQuietly(temporary);
    throw new EnvironmentError(`Cannot write the report to ${absolute}: ${(error as Error).message}`);
  }
  return absolute;
}

/** Writes the parts one after the other, each encoded on its own (no joined copy of a large report). */
const NEWLINE = 0x0a;

/** A part as bytes: text encoded, bytes as they are. */
function bytesOf(part: string | Uint8Array): Buffer {
  return typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
}

function writeParts(path: string, parts: readonly Buffer[], flag: string): void {
  const fd = openSync(path, flag);
  try {
    let pending = [...parts];
    while (pending.length > 0) {
      let written = writevSync(fd, pending.slice(0, WRITEV_MAX));
      while (pending.length > 0 && written >= pending[0]!.length) written -= pending.shift()!.length;
      if (written > 0) pending[0] = pending[0]!.subarray(written);
    }
  } finally {
    closeSync(fd);
  }
}

/** Buffers per writev call (the system's IOV_MAX is 1024). */
const WRITEV_MAX = 512;

function isSpecialFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The write already failed; that error is the one to report.
  }
}

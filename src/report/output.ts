import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EnvironmentError } from '../errors.js';

/**
 * Writes a report atomically (temporary file + rename), creating parent folders. A target that
 * exists and is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written directly:
 * renaming over it would replace the device, and its folder is often not writable.
 */
export function writeReportFile(path: string, content: string): string {
  const absolute = resolve(path);
  const text = content.endsWith('\n') ? content : `${content}\n`;
  const temporary = `${absolute}.${process.pid}.tmp`;
  try {
    if (isSpecialFile(absolute)) {
      writeFileSync(absolute, text);
      return absolute;
    }
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, absolute);
  } catch (error) {
    removeQuietly(temporary);
    throw new EnvironmentError(`Cannot write the report to ${absolute}: ${(error as Error).message}`);
  }
  return absolute;
}

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

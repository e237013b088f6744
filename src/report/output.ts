import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EnvironmentError } from '../errors.js';

/** Writes a report atomically (temporary file + rename), creating parent folders. */
export function writeReportFile(path: string, content: string): string {
  const absolute = resolve(path);
  const temporary = `${absolute}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(temporary, content.endsWith('\n') ? content : `${content}\n`);
    renameSync(temporary, absolute);
  } catch (error) {
    throw new EnvironmentError(`Cannot write the report to ${absolute}: ${(error as Error).message}`);
  }
  return absolute;
}

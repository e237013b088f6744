import { closeSync, lstatSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { makeDirectories } from '../cache/fs-errors.js';
import { uniqueSuffix } from '../cache/layout.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { printable } from '../printable.js';

/**
 * Writes an output file (a report, a baseline) atomically (temporary file + rename), creating parent folders. A target that
 * exists and is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written directly:
 * renaming over it would replace the device, and its folder is often not writable.
 */
export function writeOutputFile(path: string, content: string | ReadonlyArray<string | Uint8Array>, what = 'the report', inside: readonly string[] = []): string {
  const absolute = resolve(path);
  refuseCommittedLinks(absolute, [process.cwd(), ...inside], what);
  const parts = (typeof content === 'string' ? [content] : content).filter((part) => part.length > 0);
  const text = parts.length > 0 && endsWithNewline(parts[parts.length - 1]!) ? parts : [...parts, '\n'];
  // O_EXCL under a name nobody can guess: a link planted at a predictable temporary name (the old
  // `<output>.<pid>.tmp`) would otherwise be followed and its target overwritten.
  const temporary = `${absolute}.tmp-${uniqueSuffix()}`;
  try {
    if (isSpecialFile(absolute)) {
      writeParts(absolute, text, 'w');
      return absolute;
    }
    makeDirectories(dirname(absolute));
    writeParts(temporary, text, 'wx');
    renameSync(temporary, absolute);
  } catch (error) {
    removeQuietly(temporary);
    throw new EnvironmentError(`Cannot write ${what} to ${printable(absolute)}: ${printable((error as Error).message)}`);
  }
  return absolute;
}

/**
 * A workflow names its reports inside the checkout (`-f sarif=reports/x.sarif`), where every folder
 * and file may come from the pull request: a committed link `reports -> /home/runner/...` or
 * `reports/x.sarif -> ../../outside` would have the report written outside it. So no component of
 * the path below the working directory or the analysed directories (`inside`) may be a symbolic link:
 * the write is refused (exit 3) before anything is created. Folders that do not exist yet are
 * created as real folders; the temporary file is created with O_EXCL, which follows no link.
 */
function refuseCommittedLinks(absolute: string, guarded: readonly string[], what: string): void {
  for (const base of new Set(guarded.map((dir) => resolve(dir)))) {
    const below = relative(base, absolute);
    if (below === '' || below === '..' || below.startsWith(`..${sep}`) || isAbsolute(below)) continue;
    let at = base;
    for (const part of below.split(sep)) {
      at = join(at, part);
      let link: boolean;
      try {
        link = lstatSync(at).isSymbolicLink();
      } catch {
        break; // does not exist: created below as a real folder or file
      }
      if (link) {
        throw new EnvironmentError(
          `Cannot write ${what} to ${printable(absolute)}: ${printable(at)} is a symbolic link inside ${printable(base)}, which the checkout may have planted; nothing is written through it. Name a path without links, or one outside the checkout.`,
        );
      }
    }
  }
}

const NEWLINE = 0x0a;

const endsWithNewline = (part: string | Uint8Array): boolean => (typeof part === 'string' ? part.endsWith('\n') : part[part.length - 1] === NEWLINE);

/**
 * Writes the parts one after the other, each as it is (no joined copy of a large report): text is
 * encoded by the write itself, bytes go out as they are.
 */
function writeParts(path: string, parts: ReadonlyArray<string | Uint8Array>, flag: string): void {
  const fd = openSync(path, flag);
  try {
    for (const part of parts) {
      let bytes = typeof part === 'string' ? undefined : part;
      if (bytes === undefined) {
        const text = part as string;
        const written = writeSync(fd, text);
        const length = Buffer.byteLength(text);
        if (written === length) continue;
        // A short write (rare, never on a regular file): the rest goes out as bytes.
        bytes = Buffer.from(text, 'utf8').subarray(written);
      }
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
  } finally {
    closeSync(fd);
  }
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

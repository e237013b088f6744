/**
 * File names that are not valid UTF-8. Node decodes such a name to a string with U+FFFD in place
 * of the bad bytes, and that string names no file: opening it fails with ENOENT. A pull request can
 * create such names, so the walk finds them from the raw bytes and lists their source files as
 * skipped under a name with the bad bytes escaped (`caf\xe9.py`), which a report can show.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { DEFAULT_SKIPPED_DIRS } from './defaults.js';

/** Source files listed under one folder with a bad name, at most: its contents are not analysed anyway. */
export const MAX_LISTED_UNDER_BAD_NAME = 1000;
const MAX_DEPTH = 64;
const SLASH = Buffer.from('/');

/** The name with each byte that is not part of a valid UTF-8 sequence written as `\xNN`. */
export function escapeName(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    const sequence = length > 0 ? bytes.subarray(i, i + length) : undefined;
    if (sequence && sequence.length === length && isUtf8(sequence)) {
      out += Buffer.from(sequence).toString('utf8');
      i += length;
    } else {
      out += `\\x${lead.toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/**
 * The entries of a folder (read again as bytes) whose names are not valid UTF-8, and the decoded
 * names (with U+FFFD) that stand for them in the string listing; none when no name has a U+FFFD.
 */
export function badlyNamedEntries(absDir: string, names: readonly string[]): { bad: Array<Dirent<Buffer>>; decoded: Set<string> } {
  if (!names.some((name) => name.includes('\uFFFD'))) return { bad: [], decoded: new Set() };
  const listing = readdirSync(absDir, { withFileTypes: true, encoding: 'buffer' });
  const bad = listing.filter((entry) => !isUtf8(entry.name));
  const valid = new Set(listing.filter((entry) => isUtf8(entry.name)).map((entry) => entry.name.toString('utf8')));
  return { bad, decoded: new Set(bad.map((entry) => entry.name.toString('utf8')).filter((name) => !valid.has(name))) };
}

/**
 * The files below a folder given by its raw path, each as its path relative to the folder (names
 * escaped) and its raw name, not following links, at most `limit`.
 */
export function filesUnder(rawDir: Buffer, limit = MAX_LISTED_UNDER_BAD_NAME): string[] {
  const out: string[] = [];
  const visit = (dir: Buffer, rel: string, depth: number): void => {
    let entries: Array<Dirent<Buffer>>;
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (out.length >= limit) return;
      const name = escapeName(entry.name);
      const path = rel ? `${rel}/${name}` : name;
      if (entry.isDirectory() && depth < MAX_DEPTH && !DEFAULT_SKIPPED_DIRS.has(name)) visit(Buffer.concat([dir, SLASH, entry.name]), path, depth + 1);
      else if (entry.isFile()) out.push(path);
    }
  };
  visit(rawDir, '', 0);
  return out.sort();
}

import type { SkippedFile } from '../engine/types.js';
import type { DiscoveredFile } from './walk.js';
import { MAX_PARSED_FILE_SIZE } from './defaults.js';
import { readRegularFile } from './read-regular.js';

const BINARY_SNIFF_BYTES = 8000;
const NUL = 0;
const BOM = '\uFEFF';
const decoder = new TextDecoder('utf-8', { fatal: true });
/**
 * A Django/Jinja (`{% … %}`, `{# … #}`) or ERB/EJS (`<% … %>`) tag opening the file: a template
 * named like source (`templates/admin/map.js`). No JavaScript or Python starts like this, so the
 * file could never parse, and skipping it hides nothing a parse would have found.
 */
const TEMPLATE_START = /^\s*(?:\{[%#]|<%)/;

export type ReadOutcome = { ok: true; content: string; bytes: Buffer } | { ok: false; skipped: SkippedFile };

/**
 * Reads one discovered file as UTF-8 text, in one open checked with fstat (read-regular.ts).
 * Anything but a regular file (a FIFO or device swapped in after discovery), files over `maxSize`, binary files (a NUL byte in
 * the first 8000 bytes, like git), invalid UTF-8 and templates come back as skipped with a reason.
 * Synchronous: source files are small, and one read call costs a fraction of the open, stat,
 * read and close round trips of `fs/promises` (callers yield to the event loop between files).
 */
export function readSource(file: DiscoveredFile, maxSize: number): ReadOutcome {
  const parserBound = maxSize > MAX_PARSED_FILE_SIZE;
  const limit = Math.min(maxSize, MAX_PARSED_FILE_SIZE);
  const why = parserBound ? ', the most the parsers are given whatever --max-file-size says' : ' (--max-file-size)';
  if (file.size > limit) return skip(file, 'too-large', `${file.size} bytes is over the limit of ${limit} bytes${why}`);
  const read = readRegularFile(file.absolute, limit);
  if (!read.ok) return skip(file, read.reason, read.reason === 'too-large' ? `${read.detail}${why}` : read.detail);
  const bytes = read.bytes;
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(NUL)) return skip(file, 'binary', 'contains NUL bytes');
  let content: string;
  try {
    content = decoder.decode(bytes);
  } catch {
    return skip(file, 'not-utf8', 'is not valid UTF-8 text; convert it to UTF-8 to analyse it');
  }
  if (content.startsWith(BOM)) content = content.slice(1);
  if (TEMPLATE_START.test(content)) return skip(file, 'template', 'starts with a template tag ({% %}, {# #} or <% %>): a template, not source code');
  return { ok: true, content, bytes };
}

function skip(file: DiscoveredFile, reason: SkippedFile['reason'], detail: string): ReadOutcome {
  return { ok: false, skipped: { path: file.path, reason, detail } };
}

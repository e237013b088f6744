import type { SkippedFile } from '../model/analysis.js';
import type { DiscoveredFile } from './walk.js';
import { MAX_PARSED_FILE_SIZE } from './defaults.js';
import { readRegularFile } from './read-regular.js';

const BINARY_SNIFF_BYTES = 8000;
/**
 * Share of the first 8000 bytes that are control bytes (not tab, line breaks, form feed or ESC) or
 * not UTF-8, above which a file is binary. Text with a few NULs or stray Latin-1 bytes stays far
 * below; random data (an MPEG-TS video named `.ts`, an ELF, an image) is far above.
 */
const BINARY_SHARE = 0.1;
const REPLACEMENT = 0xfffd;
const BOM = '\uFEFF';
/** Not fatal: invalid bytes decode as U+FFFD, as Node reads them. */
const decoder = new TextDecoder('utf-8');

/** Bytes to text: the language's own reading (Python: its coding declaration), else UTF-8 without a BOM. */
export type SourceDecoder = (bytes: Uint8Array) => string;

const utf8Text: SourceDecoder = (bytes) => {
  const text = decoder.decode(bytes);
  return text.startsWith(BOM) ? text.slice(1) : text;
};
/**
 * A Django/Jinja (`{% … %}`, `{# … #}`) or ERB/EJS (`<% … %>`) tag opening the file: a template
 * named like source (`templates/admin/map.js`). No JavaScript or Python starts like this, so the
 * file could never parse, and skipping it hides nothing a parse would have found.
 */
const TEMPLATE_START = /^\s*(?:\{[%#]|<%)/;

export type ReadOutcome = { ok: true; content: string; bytes: Buffer } | { ok: false; skipped: SkippedFile };

/**
 * Reads one discovered file as text (`decode`: UTF-8 unless the language decodes its own), in one
 * open checked with fstat (read-regular.ts).
 * Anything but a regular file (a FIFO or device swapped in after discovery), files over `maxSize`,
 * binary files (see BINARY_SHARE) and templates come back as skipped with a reason. Invalid UTF-8
 * bytes decode as U+FFFD: a file its runtime would run is analysed, not skipped.
 * Synchronous: source files are small, and one read call costs a fraction of the open, stat,
 * read and close round trips of `fs/promises` (callers yield to the event loop between files).
 */
export function readSource(file: DiscoveredFile, maxSize: number, decode: SourceDecoder = utf8Text): ReadOutcome {
  const parserBound = maxSize > MAX_PARSED_FILE_SIZE;
  const limit = Math.min(maxSize, MAX_PARSED_FILE_SIZE);
  const why = parserBound ? ', the most the parsers are given whatever --max-file-size says' : ' (--max-file-size)';
  if (file.size > limit) return skip(file, 'too-large', `${file.size} bytes is over the limit of ${limit} bytes${why}`);
  const read = readRegularFile(file.absolute, limit);
  if (!read.ok) return skip(file, read.reason, read.reason === 'too-large' ? `${read.detail}${why}` : read.detail);
  const bytes = read.bytes;
  const content = decode(bytes);
  const share = nonTextShare(bytes.subarray(0, BINARY_SNIFF_BYTES), content.slice(0, BINARY_SNIFF_BYTES));
  if (share > BINARY_SHARE) return skip(file, 'binary', `${Math.round(share * 100)}% of its first bytes are control bytes or not UTF-8`);
  if (TEMPLATE_START.test(content)) return skip(file, 'template', 'starts with a template tag ({% %}, {# #} or <% %>): a template, not source code');
  return { ok: true, content, bytes };
}

/** The share of `sample` that is control bytes (other than \t \n \v \f \r and ESC) or, in its decoded `text`, invalid UTF-8. */
function nonTextShare(sample: Uint8Array, text: string): number {
  if (sample.length === 0) return 0;
  let odd = 0;
  for (const byte of sample) if ((byte < 0x20 && !(byte >= 9 && byte <= 13) && byte !== 0x1b) || byte === 0x7f) odd++;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === REPLACEMENT) odd++;
  return odd / Math.max(1, Math.min(text.length, sample.length));
}

function skip(file: DiscoveredFile, reason: SkippedFile['reason'], detail: string): ReadOutcome {
  return { ok: false, skipped: { path: file.path, reason, detail } };
}

import { readRegularChunks } from '../discovery/read-regular.js';
import type { DiscoveredFile } from '../discovery/walk.js';
import { HiddenCodeScan, type HiddenHit } from '../languages/shared/hidden-code.js';
import type { HiddenInSkipped, SkippedFile } from '../model/analysis.js';
import { HIDDEN_SEVERITY } from '../rules/parse/skipped-file.js';
import { SEVERITY_WEIGHT } from '../rules/types.js';

/** The most of a skipped file the scan reads: past it, the file is reported as not vouched for. */
export const SCAN_CAP_BYTES = 64 * 1024 * 1024;
const SCAN_CHUNK_BYTES = 1024 * 1024;
const MIB = 1024 * 1024;

const WHAT: Record<HiddenInSkipped['kind'], string> = {
  shell: 'shell execution, as SEC_SHELL reports',
  deserialize: 'unsafe deserialisation, as SEC_DESERIALIZE reports',
  secret: 'a credential, as SEC_SECRET reports',
  'dynamic-code': 'code run from a string, as NASA_8_DYNAMIC_CODE reports',
  'unsafe-coding': 'a coding declaration that decodes text into code',
  unscanned: '',
};

const weight = (kind: HiddenInSkipped['kind']): number => SEVERITY_WEIGHT[HIDDEN_SEVERITY[kind] ?? 'medium'];
const decisive = (hits: readonly HiddenHit[]): boolean => hits.some((hit) => HIDDEN_SEVERITY[hit.kind] === 'critical');

/**
 * A file skipped because it is over the size limit or binary-looking (and named like source: the
 * walk lists no other) still gets a cheap look (languages/shared/hidden-code.ts): its first
 * SCAN_CAP_BYTES, read in chunks (memory stays one chunk), decoded as UTF-8. The worst hit goes into
 * the entry (`hidden`) and its detail, so that SKIPPED_FILE is as severe as what the file would hide
 * and every cache key that covers the skipped files changes with it. Other skipped files (links out
 * of the root, unreadable, not regular, templates...) are never opened.
 */
export function scanSkipped(file: DiscoveredFile, skipped: SkippedFile): SkippedFile {
  if (skipped.reason !== 'too-large' && skipped.reason !== 'binary') return skipped;
  const scan = new HiddenCodeScan(file.language);
  const decoder = new TextDecoder('utf-8');
  const inode = file.stamp === undefined ? undefined : Number(file.stamp.split(':')[0]);
  let stopped = false;
  const read = readRegularChunks(file.absolute, { maxBytes: SCAN_CAP_BYTES, chunkBytes: SCAN_CHUNK_BYTES, ...(Number.isSafeInteger(inode) ? { inode } : {}) }, (chunk) => {
    scan.push(decoder.decode(chunk, { stream: true }), false);
    stopped = decisive(scan.hits);
    return !stopped;
  });
  if (!read.ok) return withHidden(skipped, { kind: 'unscanned', what: 'the file', line: 1 }, `; its text could not be scanned (${read.detail}), so nothing vouches for it`);
  if (!stopped) scan.push(decoder.decode(), true);
  const worst = [...scan.hits].sort((a, b) => weight(b.kind) - weight(a.kind))[0];
  const truncated = !read.complete && !stopped;
  if (worst && (!truncated || weight(worst.kind) >= weight('unscanned'))) {
    const partly = truncated ? ` (only its first ${SCAN_CAP_BYTES / MIB} MiB were scanned)` : '';
    return withHidden(skipped, worst, `; a scan of its text (no parse) found ${worst.what} at line ${worst.line}: ${WHAT[worst.kind]}${partly}`);
  }
  if (truncated) {
    return withHidden(skipped, { kind: 'unscanned', what: `bytes past the first ${SCAN_CAP_BYTES / MIB} MiB`, line: 1 }, `; only its first ${SCAN_CAP_BYTES / MIB} MiB were scanned (no parse) and the rest could hide anything`);
  }
  return { ...skipped, detail: `${skipped.detail}; a scan of its text (no parse) found no shell call, dynamic code, unsafe load or key` };
}

function withHidden(skipped: SkippedFile, hidden: HiddenInSkipped, detail: string): SkippedFile {
  return { ...skipped, detail: `${skipped.detail}${detail}`, hidden: { kind: hidden.kind, what: hidden.what, line: hidden.line } };
}

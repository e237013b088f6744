/**
 * On-disk format of one cache entry:
 *
 *   connascence-facts <schema> <extractorVersion> <sha256 of payload> <payload byte length> <mac>\n
 *   <payload: the FileFacts as JSON, UTF-8>
 *
 * The header makes every entry self-verifying: a truncated write, a flipped bit or an entry of
 * another version is detected on read and treated as a miss instead of feeding wrong facts to rules.
 * `<mac>` is `-` in caches the operator gives (--cache-dir, snapshots), and in a cache inside the
 * analysed checkout the HMAC of the rest of the line under this machine's key (entry-auth.ts): a
 * store that reads with a Seal takes only entries whose MAC verifies. Headers of five fields (before
 * the MAC) still parse, as entries of their older extractor version.
 */
import { createHash } from 'node:crypto';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import type { Seal } from './entry-auth.js';
import { MAC_PATTERN } from './entry-auth.js';
import { EXTRACTOR_VERSION } from './key.js';

const MAGIC = 'connascence-facts';
/** Fields before the MAC (the header's `core`, which the MAC covers). */
const CORE_FIELDS = 5;
const UNSEALED = '-';
/** A valid header is far shorter; looking further would only scan garbage. */
export const MAX_HEADER_BYTES = 256;
const NEWLINE = 0x0a;
const TEXT = 'utf8';
const SHA256_HEX = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

export interface EntryHeader {
  schema: number;
  extractorVersion: string;
  sha256: string;
  length: number;
  /** Bytes taken by the header line, newline included. */
  headerBytes: number;
  /** The line without its MAC field: what the MAC covers. */
  core: string;
  /** The MAC (hex), undefined for an unsealed entry (`-`, or a header of before MACs). */
  mac?: string;
}

export type DecodeResult = { ok: true; header: EntryHeader; payload: string } | { ok: false; reason: string };

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Serialises a payload (already JSON, or bytes) into the entry format of the current versions; sealed with `seal`'s MAC when given. */
export function encodeEntry(payload: EntryPayload, seal?: Seal): Buffer {
  return Buffer.concat(encodeEntryParts(payload, seal));
}

/** A payload: text, bytes, or bytes in parts (written one after the other, never copied together). */
export type EntryPayload = string | Uint8Array | readonly Uint8Array[];

/** encodeEntry as its header and payload parts, to be written one after the other (no copy of a large payload). */
export function encodeEntryParts(payload: EntryPayload, seal?: Seal): Buffer[] {
  const parts = typeof payload === 'string' ? [Buffer.from(payload, TEXT)] : (payload instanceof Uint8Array ? [payload] : payload).map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength));
  const hash = createHash('sha256');
  let length = 0;
  for (const part of parts) {
    hash.update(part);
    length += part.length;
  }
  const core = `${MAGIC} ${FACTS_SCHEMA_VERSION} ${EXTRACTOR_VERSION} ${hash.digest('hex')} ${length}`;
  return [Buffer.from(headerLine(core, seal), TEXT), ...parts];
}

function headerLine(core: string, seal: Seal | undefined): string {
  return `${core} ${seal ? seal.auth.mac(seal.binding, core) : UNSEALED}\n`;
}

/** An intact entry with its MAC replaced by `seal`'s (a snapshot entry imported into a checkout's cache); undefined when it is not an entry. */
export function resealEntry(data: Buffer, seal: Seal): Buffer | undefined {
  const verified = verifyBytes(data);
  if (!verified.ok) return undefined;
  return Buffer.concat([Buffer.from(headerLine(verified.header.core, seal), TEXT), verified.body]);
}

/** Whether the entry of `header` carries a MAC that verifies for `seal`. */
export function isSealed(header: EntryHeader, seal: Seal): boolean {
  return seal.auth.verify(seal.binding, header.core, header.mac);
}

/** Parses the header line only (cheap: enough to tell the version of an entry). */
export function parseHeader(data: Buffer): EntryHeader | undefined {
  const end = data.subarray(0, MAX_HEADER_BYTES).indexOf(NEWLINE);
  if (end < 0) return undefined;
  const fields = data.subarray(0, end).toString('latin1').split(' ');
  if ((fields.length !== CORE_FIELDS && fields.length !== CORE_FIELDS + 1) || fields[0] !== MAGIC) return undefined;
  const [, schema, extractorVersion, sha256, length, mac] = fields as [string, string, string, string, string, string | undefined];
  if (!DECIMAL.test(schema) || !DECIMAL.test(length) || !SHA256_HEX.test(sha256) || extractorVersion === '') return undefined;
  if (mac !== undefined && mac !== UNSEALED && !MAC_PATTERN.test(mac)) return undefined;
  const core = fields.slice(0, CORE_FIELDS).join(' ');
  return { schema: Number(schema), extractorVersion, sha256, length: Number(length), headerBytes: end + 1, core, ...(mac !== undefined && mac !== UNSEALED ? { mac } : {}) };
}

/** A failure is `stale` when the entry is intact but of other schema or extractor versions (written by another release). */
export type BytesResult = { ok: true; header: EntryHeader; body: Buffer } | { ok: false; reason: string; stale?: true };

/** Verifies the header's length and checksum against the payload, whatever the versions. */
export function verifyIntegrity(data: Buffer): DecodeResult {
  return asText(verifyBytes(data));
}

function verifyBytes(data: Buffer): BytesResult {
  const header = parseHeader(data);
  if (!header) return { ok: false, reason: 'missing or malformed header' };
  const body = data.subarray(header.headerBytes);
  if (body.length !== header.length) return { ok: false, reason: `payload is ${body.length} bytes, header says ${header.length}` };
  if (sha256Hex(body) !== header.sha256) return { ok: false, reason: 'payload checksum mismatch' };
  return { ok: true, header, body };
}

function asText(result: BytesResult): DecodeResult {
  return result.ok ? { ok: true, header: result.header, payload: result.body.toString(TEXT) } : result;
}

/**
 * Verifies integrity AND that the entry was written by the current schema and extractor versions,
 * and, with a `seal`, by the holder of its key (a valid MAC for its binding).
 */
export function decodeEntry(data: Buffer, seal?: Seal): DecodeResult {
  return asText(decodeEntryBytes(data, seal));
}

/** What a store reading with a Seal says of an entry whose MAC does not verify. */
export const UNSEALED_REASON = 'not written by this machine (no valid MAC)';

/** decodeEntry for a payload of bytes (not text). */
export function decodeEntryBytes(data: Buffer, seal?: Seal): BytesResult {
  const result = verifyBytes(data);
  if (!result.ok) return result;
  const { schema, extractorVersion } = result.header;
  if (schema !== FACTS_SCHEMA_VERSION || extractorVersion !== EXTRACTOR_VERSION) {
    return { ok: false, stale: true, reason: `entry of version ${schema}/${extractorVersion}, expected ${FACTS_SCHEMA_VERSION}/${EXTRACTOR_VERSION}` };
  }
  if (seal && !isSealed(result.header, seal)) return { ok: false, reason: UNSEALED_REASON };
  return result;
}

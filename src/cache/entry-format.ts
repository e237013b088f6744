/**
 * On-disk format of one cache entry:
 *
 *   connascence-facts <schema> <extractorVersion> <sha256 of payload> <payload byte length>\n
 *   <payload: the FileFacts as JSON, UTF-8>
 *
 * The header makes every entry self-verifying: a truncated write, a flipped bit or an entry of
 * another version is detected on read and treated as a miss instead of feeding wrong facts to rules.
 */
import { createHash } from 'node:crypto';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import { EXTRACTOR_VERSION } from './key.js';

const MAGIC = 'connascence-facts';
const HEADER_FIELDS = 5;
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
}

export type DecodeResult = { ok: true; header: EntryHeader; payload: string } | { ok: false; reason: string };

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Serialises a payload (already JSON, or bytes) into the entry format of the current versions. */
export function encodeEntry(payload: EntryPayload): Buffer {
  return Buffer.concat(encodeEntryParts(payload));
}

/** A payload: text, bytes, or bytes in parts (written one after the other, never copied together). */
export type EntryPayload = string | Uint8Array | readonly Uint8Array[];

/** encodeEntry as its header and payload parts, to be written one after the other (no copy of a large payload). */
export function encodeEntryParts(payload: EntryPayload): Buffer[] {
  const parts = typeof payload === 'string' ? [Buffer.from(payload, TEXT)] : (payload instanceof Uint8Array ? [payload] : payload).map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength));
  const hash = createHash('sha256');
  let length = 0;
  for (const part of parts) {
    hash.update(part);
    length += part.length;
  }
  const header = `${MAGIC} ${FACTS_SCHEMA_VERSION} ${EXTRACTOR_VERSION} ${hash.digest('hex')} ${length}\n`;
  return [Buffer.from(header, TEXT), ...parts];
}

/** Parses the header line only (cheap: enough to tell the version of an entry). */
export function parseHeader(data: Buffer): EntryHeader | undefined {
  const end = data.subarray(0, MAX_HEADER_BYTES).indexOf(NEWLINE);
  if (end < 0) return undefined;
  const fields = data.subarray(0, end).toString('latin1').split(' ');
  if (fields.length !== HEADER_FIELDS || fields[0] !== MAGIC) return undefined;
  const [, schema, extractorVersion, sha256, length] = fields as [string, string, string, string, string];
  if (!DECIMAL.test(schema) || !DECIMAL.test(length) || !SHA256_HEX.test(sha256) || extractorVersion === '') return undefined;
  return { schema: Number(schema), extractorVersion, sha256, length: Number(length), headerBytes: end + 1 };
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

/** Verifies integrity AND that the entry was written by the current schema and extractor versions. */
export function decodeEntry(data: Buffer): DecodeResult {
  return asText(decodeEntryBytes(data));
}

/** decodeEntry for a payload of bytes (not text). */
export function decodeEntryBytes(data: Buffer): BytesResult {
  const result = verifyBytes(data);
  if (!result.ok) return result;
  const { schema, extractorVersion } = result.header;
  if (schema !== FACTS_SCHEMA_VERSION || extractorVersion !== EXTRACTOR_VERSION) {
    return { ok: false, stale: true, reason: `entry of version ${schema}/${extractorVersion}, expected ${FACTS_SCHEMA_VERSION}/${EXTRACTOR_VERSION}` };
  }
  return result;
}

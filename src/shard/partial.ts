/**
 * The partial result of one shard (`analyze --shard K/N --format partial`), documented in
 * docs/partial-format.md: JSON lines, so that it is written and read as a stream.
 *
 *   {"format":"connascence-partial","version":1,...header}      the run: tool, settings, tree, shard, policy
 *   {"file":{"path":...,"key":...,"facts":...}}                  one per analysed file of the shard
 *   {"findings":[...]}                                           the file rules' findings of those files
 *   {"skipped":[...]}                                            the shard's skipped files
 *   {"trailer":{"sha256":"...","lines":N}}                        checksum of every byte before this line
 *   {"trailer":{"hmac-sha256":"...","lines":N}}                   or, with CONNASCENCE_PARTIAL_KEY, its keyed MAC
 *
 * `facts` are what the cross-file rules and the summaries read (imports, functions with their body
 * hashes, the token stream, lines, directives), in the facts cache's encoding; the rest of a file's
 * facts (literals, calls, classes...) only file rules read, and their findings are in `findings`.
 * A partial is complete only when its trailer checksum matches: a half-written file, or one cut
 * short, is refused.
 *
 * Trust: a partial is as trustworthy as the job that wrote it. The plain sha256 only detects
 * corruption: anyone can recompute it. With CONNASCENCE_PARTIAL_KEY set (a CI secret, the same for
 * the shard jobs and the merge), the trailer is an HMAC-SHA256 under that key instead, and a merge
 * with the key refuses a partial whose MAC does not verify, and an unkeyed one (exit 2): an artifact
 * from anywhere else cannot be merged as a shard.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { decodeFacts, encodeFacts } from '../cache/facts-cache.js';
import { ConfigError } from '../errors.js';
import { partialFacts } from '../model/projection.js';
import type { FileFacts } from '../facts/types.js';
import type { ConfigFile } from '../policy/config.js';
import { printable } from '../printable.js';
import { SEVERITIES, type Finding } from '../rules/types.js';
import type { SkippedFile } from '../model/analysis.js';
import { parseJson } from '../bounded-json.js';

export const PARTIAL_FORMAT = 'connascence-partial';
/** Bump on any change a reader of an older version would misread. */
export const PARTIAL_VERSION = 1;
/**
 * A partial larger than this is refused with exit 2 (a shard of 10^4 files writes some 100 MB). Half
 * of V8's longest string (2^29 - 24 UTF-16 units): a partial is decoded as one string, and its UTF-8
 * never has more characters than bytes, so every partial under the cap decodes and parses (a 1 GiB
 * cap let a 600 MB partial end in an internal error, issue 30).
 */
export const MAX_PARTIAL_BYTES = 256 * 1024 * 1024;
/** The secret that seals partials between the shard jobs and the merge (see the module comment). */
export const PARTIAL_KEY_ENV = 'CONNASCENCE_PARTIAL_KEY';
/** A shorter key is a mistake, not a secret. */
export const MIN_PARTIAL_KEY_LENGTH = 16;
const MAC_DOMAIN = 'connascence-partial-mac-v1\0';
const HEX_64 = /^[0-9a-f]{64}$/;

/** The key of CONNASCENCE_PARTIAL_KEY (its UTF-8 bytes), undefined when unset or empty; ConfigError (exit 2) when too short. */
export function partialKey(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const value = env[PARTIAL_KEY_ENV];
  if (value === undefined || value === '') return undefined;
  if (value.length < MIN_PARTIAL_KEY_LENGTH) throw new ConfigError(`${PARTIAL_KEY_ENV} is set but shorter than ${MIN_PARTIAL_KEY_LENGTH} characters: use a random secret, e.g. \`openssl rand -hex 32\`, the same for the shard jobs and the merge.`);
  return Buffer.from(value, 'utf8');
}

function macOf(key: Buffer, parts: Iterable<string | Buffer>): string {
  const mac = createHmac('sha256', key).update(MAC_DOMAIN);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}

/** What a merge must know of the run besides the files: every shard of one run writes the same. */
export interface PartialHeader {
  format: typeof PARTIAL_FORMAT;
  version: number;
  /** The tool and facts versions. */
  tool: string;
  /** settingsKey of the run (tool, policy, size limit): partials of other settings judge differently. */
  settings: string;
  /** Digest of the discovered tree (every path and size, the skipped files): every shard walks the same tree. */
  tree: string;
  shard: { index: number; count: number };
  /** The analysed root (absolute) on the machine that ran the shard. */
  root: string;
  /** The settings to judge with, as the shard had them: the config file read, the preset and the flags. */
  policy: { config: ConfigFile; configPath?: string; preset?: string; include: string[]; exclude: string[]; includeTests: boolean; maxFileSize: number };
}

export interface PartialFile {
  path: string;
  /** The facts cache key, when the shard had a cache. */
  key?: string;
  facts: FileFacts;
}

export interface Partial {
  header: PartialHeader;
  files: PartialFile[];
  findings: Finding[];
  skipped: SkippedFile[];
}

/** The partial as its lines (each ends with `\n`), the trailer last: keyed (HMAC-SHA256) with `key`, else a plain sha256. */
/**
 * Why the encoded partial `lines` could not be merged, or undefined: over `limit` bytes (merge
 * refuses a partial over MAX_PARTIAL_BYTES), so the shard says so instead of writing a file that
 * only the merge would refuse.
 */
export function oversizedPartial(lines: readonly string[], limit = MAX_PARTIAL_BYTES): string | undefined {
  let bytes = 0;
  for (const line of lines) bytes += Buffer.byteLength(line, 'utf8');
  return bytes > limit ? `the partial would be ${bytes} bytes, over the ${limit} bytes a merge reads: split the run into more shards (--shard K/N with a larger N)` : undefined;
}

export function encodePartial(partial: Partial, key?: Buffer): string[] {
  const lines = [
    `${JSON.stringify(partial.header)}\n`,
    ...partial.files.map((file) => `{"file":{"path":${JSON.stringify(file.path)},${file.key !== undefined ? `"key":${JSON.stringify(file.key)},` : ''}"facts":${encodeFacts(partialFacts(file.facts))}}}\n`),
    `${JSON.stringify({ findings: partial.findings })}\n`,
    `${JSON.stringify({ skipped: partial.skipped })}\n`,
  ];
  if (key) {
    lines.push(`${JSON.stringify({ trailer: { 'hmac-sha256': macOf(key, lines), lines: lines.length } })}\n`);
    return lines;
  }
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line);
  lines.push(`${JSON.stringify({ trailer: { sha256: hash.digest('hex'), lines: lines.length } })}\n`);
  return lines;
}

interface Trailer {
  sha256?: unknown;
  'hmac-sha256'?: unknown;
}

/** The trailer of `bytes` and where its line starts, or why there is none. */
function trailerOf(bytes: Buffer): { trailer: Trailer; start: number } | string {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a) return 'it does not end with its trailer line (written only in part?)';
  const start = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  let line: { trailer?: Trailer };
  try {
    line = parseJson(bytes.subarray(start).toString('utf8')) as typeof line;
  } catch {
    return 'its last line is not a trailer (written only in part?)';
  }
  const trailer = line?.trailer;
  if (typeof trailer !== 'object' || trailer === null || (typeof trailer.sha256 !== 'string' && typeof trailer['hmac-sha256'] !== 'string')) return 'its last line is not a trailer (written only in part?)';
  return { trailer, start };
}

/**
 * Why `bytes` may not be merged under the key `key` (CONNASCENCE_PARTIAL_KEY), or undefined when it
 * may: with a key, only a partial whose MAC verifies under it; without, only an unkeyed one (a keyed
 * partial cannot be checked). Call on a complete partial (incompleteReason undefined).
 */
export function unauthenticReason(bytes: Buffer, key: Buffer | undefined): string | undefined {
  const found = trailerOf(bytes);
  if (typeof found === 'string') return found;
  const mac = found.trailer['hmac-sha256'];
  if (!key) return typeof mac === 'string' ? `it is sealed with a key (an HMAC trailer): set ${PARTIAL_KEY_ENV} to the key its shard job had` : undefined;
  if (typeof mac !== 'string') return `it is not sealed with ${PARTIAL_KEY_ENV}, which is set (an unkeyed partial: not written by a shard job that had the key)`;
  const expected = macOf(key, [bytes.subarray(0, found.start)]);
  const verifies = HEX_64.test(mac) && timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(mac, 'hex'));
  return verifies ? undefined : `its MAC does not verify with ${PARTIAL_KEY_ENV} (written with another key, or altered)`;
}

/** Why `bytes` is not a complete partial (no trailer, a checksum that does not match), or undefined when it is. */
/**
 * Why `bytes` is not a complete partial (no trailer, a checksum that does not match), or undefined
 * when it is. A keyed trailer (HMAC) says the file was written whole; its MAC is checked by
 * unauthenticReason, with the key.
 */
export function incompleteReason(bytes: Buffer): string | undefined {
  const found = trailerOf(bytes);
  if (typeof found === 'string') return found;
  const { trailer, start } = found;
  if (typeof trailer.sha256 !== 'string') return undefined;
  const actual = createHash('sha256').update(bytes.subarray(0, start)).digest('hex');
  return actual === trailer.sha256 ? undefined : 'its checksum does not match its content (damaged, or written only in part)';
}

/**
 * A complete partial, checked field by field; a ConfigError (exit 2) names what is wrong and where.
 * `complete`: the caller has just found incompleteReason undefined (a watch), so the checksum is not
 * computed again.
 */
export function decodePartial(bytes: Buffer, shown: string, options: { complete?: boolean; key?: Buffer | undefined } = {}): Partial {
  const fail = (why: string): never => {
    throw new ConfigError(`The partial ${printable(shown)} cannot be merged: ${why}.`);
  };
  const incomplete = options.complete ? undefined : incompleteReason(bytes);
  if (incomplete) fail(incomplete);
  const unauthentic = unauthenticReason(bytes, options.key);
  if (unauthentic) fail(unauthentic);
  const text = bytes.toString('utf8');
  const lines = text.slice(0, -1).split('\n');
  lines.pop(); // the trailer
  const parse = (line: string, at: number): Record<string, unknown> => {
    try {
      const value = parseJson(line) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // below
    }
    return fail(`line ${at + 1} is not a JSON object`);
  };
  const header = parse(lines[0] ?? '', 0);
  if (header.format !== PARTIAL_FORMAT) fail('it is not a connascence partial (its first line has no "format": "connascence-partial")');
  if (header.version !== PARTIAL_VERSION) fail(`it is of version ${printable(String(header.version))}, and this connascence reads version ${PARTIAL_VERSION}`);
  const shard = header.shard as PartialHeader['shard'] | undefined;
  if (!shard || !Number.isInteger(shard.index) || !Number.isInteger(shard.count) || shard.index < 1 || shard.index > shard.count) fail('its header has no valid "shard"');
  for (const key of ['tool', 'settings', 'tree', 'root'] as const) if (typeof header[key] !== 'string') fail(`its header has no "${key}"`);
  const policy = header.policy as PartialHeader['policy'] | undefined;
  if (!policy || typeof policy.config !== 'object' || policy.config === null || !Array.isArray(policy.include) || !Array.isArray(policy.exclude) || typeof policy.maxFileSize !== 'number') fail('its header has no valid "policy"');
  const files: PartialFile[] = [];
  let findings: Finding[] | undefined;
  let skipped: SkippedFile[] | undefined;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.startsWith('{"file":')) {
      // The facts are the last field, in the facts cache's encoding: decoded (and checked) from their own text.
      const at = raw.indexOf('"facts":');
      const head = at < 0 ? undefined : parseHead(`${raw.slice(8, at)}"facts":null}`);
      const facts = head && raw.endsWith('}}') ? decodeFacts(raw.slice(at + 8, -2)) : undefined;
      if (!head || !facts || facts.path !== head.path) fail(`line ${i + 1} holds no valid facts`);
      files.push({ path: head!.path, ...(head!.key !== undefined ? { key: head!.key } : {}), facts: facts! });
      continue;
    }
    const line = parse(raw, i);
    if ('findings' in line) {
      if (!Array.isArray(line.findings) || !line.findings.every(isFinding)) fail(`line ${i + 1} holds an invalid finding`);
      findings = line.findings as Finding[];
    } else if ('skipped' in line) {
      if (!Array.isArray(line.skipped) || !line.skipped.every(isSkipped)) fail(`line ${i + 1} holds an invalid skipped file`);
      skipped = line.skipped as SkippedFile[];
    } else fail(`line ${i + 1} is not a file, findings or skipped line`);
  }
  if (!findings || !skipped) fail('it has no findings or no skipped line');
  return { header: header as unknown as PartialHeader, files, findings: findings!, skipped: skipped! };
}

function parseHead(text: string): { path: string; key?: string } | undefined {
  try {
    const value = parseJson(text) as { path?: unknown; key?: unknown };
    if (typeof value.path !== 'string' || (value.key !== undefined && typeof value.key !== 'string')) return undefined;
    return { path: value.path, ...(typeof value.key === 'string' ? { key: value.key } : {}) };
  } catch {
    return undefined;
  }
}

function isFinding(value: unknown): boolean {
  const f = value as Finding | null;
  return (
    typeof f === 'object' && f !== null && typeof f.ruleId === 'string' && (SEVERITIES as readonly string[]).includes(f.severity) && typeof f.file === 'string' && Number.isInteger(f.line) && Number.isInteger(f.column) && typeof f.message === 'string' && typeof f.fingerprint === 'string' && (f.related === undefined || (Array.isArray(f.related) && f.related.every((r) => typeof r?.file === 'string' && Number.isInteger(r.line))))
  );
}

const HIDDEN_KINDS: ReadonlySet<string> = new Set(['shell', 'dynamic-code', 'deserialize', 'secret', 'unsafe-coding', 'unscanned']);

/** A skipped file: path, reason and detail, and what a scan of it found, if anything (engine/scan-skipped.ts). */
function isSkipped(value: unknown): boolean {
  const s = value as SkippedFile;
  if (typeof s?.path !== 'string' || typeof s.reason !== 'string' || typeof s.detail !== 'string') return false;
  const hidden = s.hidden as SkippedFile['hidden'] | undefined;
  return hidden === undefined || (typeof hidden === 'object' && hidden !== null && HIDDEN_KINDS.has(hidden.kind) && typeof hidden.what === 'string' && Number.isInteger(hidden.line));
}

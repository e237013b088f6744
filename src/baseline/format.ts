/**
 * The baseline file (`connascence-baseline.json`, README "Adopting on an existing codebase"): the
 * findings a team accepted, so that the gate fails on new ones only. One entry per finding (never a
 * count per file, so a fixed violation replaced by another is seen), sorted, one per line (two
 * branches that add findings to different files merge without a conflict), without line numbers,
 * paths relative to the baseline file's folder. Since version 2 a `files` list holds, one line per
 * file with entries, the sha256 of the file's content when the baseline was written: the evidence
 * that a file found elsewhere with the same content is the same file moved (match.ts). Version 1
 * files (no `files`) are still read.
 *
 * The file is input a pull request controls like the config: read once through a checked
 * descriptor, within a size limit, and validated field by field; anything else is an exit-2 error
 * naming the JSON path of the bad value.
 */
import { readRegularFile } from '../discovery/read-regular.js';
import { ConfigError } from '../errors.js';
import { printable } from '../printable.js';
import { parseJson } from '../bounded-json.js';

export const BASELINE_FILE = 'connascence-baseline.json';
export const BASELINE_FORMAT = 'connascence-baseline';
/** Bump on any change a reader of an older version would misread. */
export const BASELINE_VERSION = 2;
/** Versions this one reads. */
const READABLE_VERSIONS = new Set([1, 2]);
/** A longer message is cut: the entry names the finding, it does not archive it. */
export const MAX_ENTRY_MESSAGE = 200;
/** About 300,000 entries: enough for any codebase, and JSON.parse of it stays within a few hundred MB. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;
const MAX_FIELD = 4096;

export interface BaselineEntry {
  rule: string;
  /** Relative to the baseline file's folder, forward slashes. */
  path: string;
  fingerprint: string;
  message: string;
}

/** A file with entries and its content's sha256 (lower-case hex) when the baseline was written. */
export interface BaselineFile {
  /** Relative to the baseline file's folder, forward slashes. */
  path: string;
  sha256: string;
}

export interface Baseline {
  entries: BaselineEntry[];
  /** By path; empty for a version 1 file. */
  files?: BaselineFile[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/** An entry's message as stored: one line, at most MAX_ENTRY_MESSAGE characters. */
export function entryMessage(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_ENTRY_MESSAGE ? `${line.slice(0, MAX_ENTRY_MESSAGE - 1)}…` : line;
}

const ORDER = (a: BaselineEntry, b: BaselineEntry): number => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint) || compare(a.message, b.message);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The file's text: keys in a fixed order, entries sorted, one per line. */
export function serializeBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries].sort(ORDER).map((e) => `    ${JSON.stringify({ rule: e.rule, path: e.path, fingerprint: e.fingerprint, message: e.message })}`);
  const body = entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n  ]`;
  // Only the files that have entries, each once.
  const withEntries = new Set(baseline.entries.map((e) => e.path));
  const files = new Map<string, string>();
  for (const file of baseline.files ?? []) if (withEntries.has(file.path)) files.set(file.path, file.sha256);
  const fileLines = [...files].sort(([a], [b]) => compare(a, b)).map(([path, sha256]) => `    ${JSON.stringify({ path, sha256 })}`);
  const filesBody = fileLines.length === 0 ? '[]' : `[\n${fileLines.join(',\n')}\n  ]`;
  return `{\n  "format": "${BASELINE_FORMAT}",\n  "version": ${BASELINE_VERSION},\n  "files": ${filesBody},\n  "entries": ${body}\n}\n`;
}

/** Reads and validates a baseline file; a ConfigError (exit 2) names what is wrong and where. */
export function readBaseline(path: string): Baseline {
  return parseBaseline(decodeBaseline(readBaselineBytes(path), printable(path)), printable(path));
}

function readBaselineBytes(path: string): Buffer {
  const read = readRegularFile(path, MAX_BASELINE_BYTES);
  if (!read.ok) throw new ConfigError(`Cannot read the baseline ${printable(path)}: ${printable(read.detail)}.${read.code === 'ENOENT' ? ' Create it with `connascence baseline create`.' : ''}`);
  return read.bytes;
}

function decodeBaseline(bytes: Buffer, shown: string): unknown {
  try {
    return parseJson(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`The baseline ${shown} is not valid JSON: ${printable((error as Error).message)}.`);
  }
}

/** Validates a decoded baseline. */
export function parseBaseline(value: unknown, shown: string): Baseline {
  const fail = (at: string, why: string): never => {
    throw new ConfigError(`Invalid baseline ${shown}: ${at} ${why}.`);
  };
  if (!isRecord(value)) return fail('/', 'must be an object');
  if (value.format !== BASELINE_FORMAT) fail('/format', `must be "${BASELINE_FORMAT}"`);
  if (typeof value.version !== 'number' || !READABLE_VERSIONS.has(value.version)) {
    fail('/version', typeof value.version === 'number' && value.version > BASELINE_VERSION ? `is ${value.version}, newer than this version of connascence reads (${BASELINE_VERSION}); upgrade connascence` : `must be ${BASELINE_VERSION}`);
  }
  for (const key of Object.keys(value)) if (!['format', 'version', 'entries', ...((value.version as number) >= 2 ? ['files'] : [])].includes(key)) fail(`/${printable(key)}`, 'is not a baseline key');
  const files = value.files === undefined ? [] : parseFiles(value.files, fail);
  if (!Array.isArray(value.entries)) return fail('/entries', 'must be an array');
  const list = value.entries as unknown[];
  const entries: BaselineEntry[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (!isRecord(entry)) return fail(`/entries/${i}`, 'must be an object');
    const { rule, path, fingerprint, message } = entry;
    if (!isField(rule, false)) fail(`/entries/${i}/rule`, `must be a string of 1 to ${MAX_FIELD} characters`);
    if (!isField(path, false)) fail(`/entries/${i}/path`, `must be a string of 1 to ${MAX_FIELD} characters`);
    if (!isField(fingerprint, false)) fail(`/entries/${i}/fingerprint`, `must be a string of 1 to ${MAX_FIELD} characters`);
    if (!isField(message, true)) fail(`/entries/${i}/message`, `must be a string of 0 to ${MAX_FIELD} characters`);
    // Four known keys: anything else is a key this version does not know.
    for (const key in entry) {
      if (key !== 'rule' && key !== 'path' && key !== 'fingerprint' && key !== 'message') fail(`/entries/${i}/${printable(key)}`, 'is not an entry key');
    }
    const text = path as string;
    if (!isRelative(text)) fail(`/entries/${i}/path`, 'must be a relative path with forward slashes');
    entries[i] = { rule: rule as string, path: text, fingerprint: fingerprint as string, message: message as string };
  }
  return { entries, files };
}

function parseFiles(value: unknown, fail: (at: string, why: string) => never): BaselineFile[] {
  if (!Array.isArray(value)) return fail('/files', 'must be an array');
  const files: BaselineFile[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const file = value[i] as unknown;
    if (!isRecord(file)) return fail(`/files/${i}`, 'must be an object');
    for (const key in file) if (key !== 'path' && key !== 'sha256') fail(`/files/${i}/${printable(key)}`, 'is not a file key');
    if (!isField(file.path, false) || !isRelative(file.path as string)) fail(`/files/${i}/path`, 'must be a relative path with forward slashes');
    if (typeof file.sha256 !== 'string' || !SHA256.test(file.sha256)) fail(`/files/${i}/sha256`, 'must be 64 lower-case hex digits');
    files[i] = { path: file.path as string, sha256: file.sha256 as string };
  }
  return files;
}

function isRelative(text: string): boolean {
  return !(text.charCodeAt(0) === 47 || text.includes('\\') || /^[A-Za-z]:|[\u0000-\u001f]/.test(text));
}

function isField(value: unknown, empty: boolean): boolean {
  return typeof value === 'string' && value.length <= MAX_FIELD && (empty || value.length > 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

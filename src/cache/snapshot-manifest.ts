/** The manifest of a snapshot archive: versions, counts, and the sha256 of every file in it. */
import { snapshotRefusal } from './archive-paths.js';
import { parseJson } from '../bounded-json.js';

export const SNAPSHOT_FORMAT = 'connascence-cache-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;
/** A manifest lists one 64-digit hash per entry: this bounds archives of ~1M entries. */
export const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  /** FACTS_SCHEMA_VERSION of the exporting build. */
  schema: number;
  extractorVersion: string;
  /** ISO time of the export. */
  created: string;
  entries: number;
  /** Bytes of the entry files. */
  bytes: number;
  /** Relative path (forward slashes) -> sha256 hex of the file. */
  files: Record<string, string>;
}

/** Parses and validates a manifest; throws a ConfigError naming what is wrong. */
export function parseManifest(archive: string, data: Buffer): SnapshotManifest {
  let value: unknown;
  try {
    value = parseJson(data.toString('utf8'));
  } catch (error) {
    throw snapshotRefusal(archive, `manifest.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const problem = manifestProblem(value);
  if (problem) throw snapshotRefusal(archive, `manifest.json is invalid: ${problem}`);
  return value as SnapshotManifest;
}

function manifestProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'not a JSON object';
  const manifest = value;
  if (manifest.format !== SNAPSHOT_FORMAT) return `format is ${JSON.stringify(manifest.format)}, expected "${SNAPSHOT_FORMAT}"`;
  if (manifest.formatVersion !== SNAPSHOT_FORMAT_VERSION) return `formatVersion ${JSON.stringify(manifest.formatVersion)} is not supported (expected ${SNAPSHOT_FORMAT_VERSION})`;
  if (!Number.isInteger(manifest.schema) || typeof manifest.extractorVersion !== 'string') return 'schema or extractorVersion missing';
  return filesProblem(manifest);
}

function filesProblem(manifest: Record<string, unknown>): string | undefined {
  const files = manifest.files;
  if (!isPlainObject(files)) return '"files" is not an object';
  const bad = Object.entries(files).find(([, hash]) => typeof hash !== 'string' || !SHA256_HEX.test(hash));
  if (bad) return `the hash of ${JSON.stringify(bad[0])} is not a sha256 hex digest`;
  const count = Object.keys(files).length;
  if (manifest.entries !== count) return `"entries" is ${JSON.stringify(manifest.entries)} but "files" lists ${count}`;
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

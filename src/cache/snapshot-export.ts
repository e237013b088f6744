/**
 * Writes a portable snapshot of a cache: a tar archive (gzip-compressed when the file name ends
 * in .gz/.tgz) holding the current-version entries under their relative layout paths, and
 * `manifest.json` last (it needs every file's hash, and putting it last lets us stream the
 * entries in one pass). Only verified entries are exported; corrupt ones are left behind.
 */
import { createWriteStream, lstatSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { ConfigError, EnvironmentError } from '../errors.js';
import { removeOnInterrupt } from './interrupt.js';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import { decodeEntry, sha256Hex } from './entry-format.js';
import { describeError, makeDirectories } from './fs-errors.js';
import { EXTRACTOR_VERSION } from './key.js';
import { FACTS_SCOPE, uniqueSuffix } from './layout.js';
import { entryBinding, type EntryAuth } from './entry-auth.js';
import { MANIFEST_NAME } from './archive-paths.js';
import { scanCache } from './scan.js';
import { MAX_ENTRY_BYTES } from './disk-store.js';
import { readRegularFile } from '../discovery/read-regular.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type SnapshotManifest } from './snapshot-manifest.js';

const FILE_MODE = 0o644;
const GZIP_NAME = /\.(tgz|gz)$/i;

export interface SnapshotExport {
  /** Absolute path of the archive written. */
  path: string;
  entries: number;
  /** Size of the archive file. */
  bytes: number;
  /** Bytes of the entry files inside it (the manifest's `bytes`). */
  entryBytes: number;
}

/** `auth`: the cache lies inside the checkout (cache/trust.ts); only the entries this machine sealed are exported. */
export async function exportSnapshot(cacheDir: string, file: string, auth?: EntryAuth): Promise<SnapshotExport> {
  if (!isDirectory(cacheDir)) throw new ConfigError(`Cannot export a snapshot: cache directory ${cacheDir} does not exist (run \`connascence warmup-cache\` first).`);
  const target = resolve(file);
  refuseSpecialTarget(target);
  const temp = `${target}.tmp-${uniqueSuffix()}`;
  const forget = removeOnInterrupt(temp);
  try {
    makeDirectories(dirname(target));
    const manifest = await writeArchive(cacheDir, temp, GZIP_NAME.test(target), auth);
    // Atomic like cache entries: an interrupted export never leaves a truncated archive behind.
    renameSync(temp, target);
    return { path: target, entries: manifest.entries, bytes: statSync(target).size, entryBytes: manifest.bytes };
  } catch (error) {
    removeQuietly(temp);
    if (error instanceof ConfigError) throw error;
    throw new EnvironmentError(`Cannot write the snapshot ${target}: ${describeError(error)}`);
  } finally {
    forget();
  }
}

/**
 * A snapshot goes to a regular file or a new name only: a link there could send it anywhere the
 * link points (the rename would replace the link, but a reader of the link expects its target),
 * and a device or pipe cannot be renamed over.
 */
function refuseSpecialTarget(target: string): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return; // nothing there yet
  }
  if (stat.isFile()) return;
  const what = stat.isSymbolicLink() ? 'a symbolic link' : stat.isDirectory() ? 'a directory' : 'not a regular file';
  throw new ConfigError(`Cannot write the snapshot to ${target}: it is ${what}. Give the path of a regular file.`);
}

async function writeArchive(cacheDir: string, temp: string, gzip: boolean, auth: EntryAuth | undefined): Promise<SnapshotManifest> {
  const pack = tarStream.pack();
  const output = createWriteStream(temp, { flags: 'wx', mode: FILE_MODE });
  const written = gzip ? pipeline(pack, createGzip(), output) : pipeline(pack, output);
  const packed = (async (): Promise<SnapshotManifest> => {
    const manifest = await packEntries(cacheDir, pack, auth);
    await addFile({ pack, name: MANIFEST_NAME, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), mtime: new Date(manifest.created) });
    pack.finalize();
    return manifest;
  })();
  try {
    // A write that fails (a full disk) ends the pipeline first: packing must not wait on it.
    const [manifest] = await Promise.all([packed, written]);
    return manifest;
  } catch (error) {
    packed.catch(() => undefined);
    pack.destroy(error instanceof Error ? error : new Error(String(error)));
    await written.catch(() => undefined);
    throw error;
  }
}

async function packEntries(cacheDir: string, pack: tarStream.Pack, auth: EntryAuth | undefined): Promise<SnapshotManifest> {
  const created = new Date();
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    schema: FACTS_SCHEMA_VERSION,
    extractorVersion: EXTRACTOR_VERSION,
    created: created.toISOString(),
    entries: 0,
    bytes: 0,
    files: {},
  };
  for (const entry of scanCache(cacheDir).entries) {
    if (entry.folderSchema !== FACTS_SCHEMA_VERSION) continue;
    // An entry pruned by another process between the scan and the read is just left out.
    // Read once through a checked descriptor: a FIFO or device swapped in after the scan is left out.
    const read = readRegularFile(entry.path, MAX_ENTRY_BYTES, { noFollow: true });
    const data = read.ok ? read.bytes : undefined;
    // From a checkout's cache, an entry this machine did not seal is never laundered into a snapshot (which is trusted).
    if (!data || !decodeEntry(data, auth && { auth, binding: entryBinding(FACTS_SCOPE, basename(entry.path)) }).ok) continue;
    // Every entry gets the export time, so an archive says nothing about when files were used.
    await addFile({ pack, name: entry.relative, data, mtime: created });
    manifest.files[entry.relative] = sha256Hex(data);
    manifest.entries++;
    manifest.bytes += data.length;
  }
  return manifest;
}

function addFile(input: { pack: tarStream.Pack; name: string; data: Buffer; mtime: Date }): Promise<void> {
  return new Promise((resolveEntry, reject) => {
    const sink = input.pack.entry({ name: input.name, type: 'file', mode: FILE_MODE, mtime: input.mtime, size: input.data.length }, input.data, (error) => (error ? reject(error) : resolveEntry()));
    // When the output fails the pack destroys its open entry, which then emits its error here.
    sink.on('error', reject);
  });
}


function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The export already failed; that error is the one worth reporting.
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

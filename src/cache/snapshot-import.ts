/**
 * Imports a snapshot archive into a cache directory, refusing anything suspicious BEFORE writing
 * a single entry into place:
 *
 * 1. stream the archive; classify every header (archive-paths.ts refuses absolute paths, `..`,
 *    links, devices, paths outside the layout); stage each file under an opaque name
 *    (`<staging>/<n>`, never the archive's path) in a staging dir inside the cache dir;
 * 2. check the manifest and that archive files and manifest hashes match exactly, both ways;
 * 3. only then rename the staged files into place (same filesystem: each rename is atomic).
 *
 * The staging dir is removed whatever happens, and directories the import created are removed
 * again when it fails: a refused archive leaves the disk as it was.
 */
import { createReadStream, mkdtempSync, openSync, readSync, closeSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { ConfigError, EnvironmentError } from '../errors.js';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import { classifyArchiveEntry, snapshotRefusal } from './archive-paths.js';
import { MAX_ENTRY_BYTES } from './disk-store.js';
import { decodeEntry, resealEntry, sha256Hex, verifyIntegrity } from './entry-format.js';
import { entryBinding, type EntryAuth, type Seal } from './entry-auth.js';
import { describeError, isAbsent, makeDirectories } from './fs-errors.js';
import { onInterrupt } from './interrupt.js';
import { markIgnored } from './trust.js';
import { readRegularFile } from '../discovery/read-regular.js';
import { EXTRACTOR_VERSION } from './key.js';
import { FACTS_SCOPE, STAGING_PREFIX } from './layout.js';
import { MAX_MANIFEST_BYTES, parseManifest } from './snapshot-manifest.js';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** One archive member as yielded by tar-stream's extract iterator (its type is not exported). */
type TarEntry = tarStream.Extract extends AsyncIterable<infer E> ? E : never;

export interface SnapshotImport {
  /** Entries moved into the cache. */
  imported: number;
  /** Entries the cache already held intact (same key = same content). */
  skippedExisting: number;
  /** Intact entries of another schema or extractor version: this build could never hit them. */
  skippedOtherVersion: number;
}

interface StagedFile {
  relative: string;
  staged: string;
  sha256: string;
  current: boolean;
}

interface Staged {
  manifest?: Buffer;
  files: Map<string, StagedFile>;
  /** Bytes staged so far, and the most an import may stage (stagingLimit). */
  bytes: number;
  limit: number;
  auth?: EntryAuth;
}

/** An import stages at most this many bytes unless `--max-import-size` says otherwise. */
export const DEFAULT_MAX_IMPORT_BYTES = 4 * 1024 ** 3;
/**
 * And at most this multiple of the archive's size: cache entries compress about 5-10x with gzip,
 * so a larger ratio is a decompression bomb, not a snapshot.
 */
export const MAX_EXPANSION = 64;
/** Small archives may expand to this much whatever their size. */
const MIN_STAGING_BYTES = 16 * 1024 * 1024;

export interface ImportOptions {
  /** The absolute cap on the bytes staged (`--max-import-size`); default DEFAULT_MAX_IMPORT_BYTES. */
  maxBytes?: number;
  /**
   * The cache lies inside the analysed checkout (cache/trust.ts): each imported entry is sealed with
   * this machine's key (the operator vouches for the archive by importing it), and a local entry
   * counts as present only when it is sealed.
   */
  auth?: EntryAuth;
}

function stagingLimit(archive: string, maxBytes: number): number {
  return Math.min(maxBytes, Math.max(statSync(archive).size * MAX_EXPANSION, MIN_STAGING_BYTES));
}

export async function importSnapshot(file: string, cacheDir: string, options: ImportOptions = {}): Promise<SnapshotImport> {
  const archive = resolve(file);
  checkArchiveFile(archive);
  const target = resolve(cacheDir);
  const firstCreated = createDir(target);
  // The handler is in place before the staging folder exists: a signal between the two would
  // otherwise end the process with the folder left behind.
  let staging = '';
  const forget = onInterrupt(() => {
    if (staging !== '') rmSync(staging, { recursive: true, force: true });
  });
  try {
    staging = createStaging(target);
  } catch (error) {
    forget();
    throw error;
  }
  let succeeded = false;
  try {
    const staged = await stageArchive(archive, staging, stagingLimit(archive, options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES), options.auth);
    checkAgainstManifest(archive, staged);
    const result = install(staged, target);
    // A cache folder this import created is marked as the tool's own (cache/trust.ts), once it is whole.
    if (firstCreated) markIgnored(target);
    succeeded = true;
    return result;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    forget();
    if (!succeeded && firstCreated) removeCreatedDirs(target, firstCreated);
  }
}

/** Installs a snapshot into a directory meant to be read-only later (e.g. baked into an image). */
export function installSnapshotDir(file: string, targetDir: string): Promise<SnapshotImport> {
  return importSnapshot(file, targetDir);
}

function checkArchiveFile(archive: string): void {
  let isFile = false;
  try {
    isFile = statSync(archive).isFile();
  } catch (error) {
    if (!isAbsent(error)) throw new EnvironmentError(`Cannot read the snapshot ${archive}: ${describeError(error)}`);
  }
  if (!isFile) throw new ConfigError(`Snapshot archive ${archive} does not exist or is not a file.`);
}

/** Returns the first directory mkdir created (undefined when the cache dir already existed). */
function createDir(dir: string): string | undefined {
  try {
    return makeDirectories(dir);
  } catch (error) {
    throw new EnvironmentError(`Cannot create the cache directory ${dir}: ${describeError(error)}`);
  }
}

function createStaging(dir: string): string {
  try {
    return mkdtempSync(join(dir, `${STAGING_PREFIX}${process.pid}-`));
  } catch (error) {
    throw new EnvironmentError(`Cannot write into the cache directory ${dir}: ${describeError(error)}`);
  }
}

/** Removes the (then empty) directories a failed import created, deepest first. */
function removeCreatedDirs(dir: string, firstCreated: string): void {
  const created = [dir];
  for (let current = dir; current !== firstCreated && current.startsWith(firstCreated + sep); ) {
    current = dirname(current);
    created.push(current);
  }
  for (const path of created) {
    try {
      rmdirSync(path);
    } catch {
      return; // not empty (someone else wrote meanwhile) or gone: leave it and its parents
    }
  }
}

async function stageArchive(archive: string, staging: string, limit: number, auth: EntryAuth | undefined): Promise<Staged> {
  const extract = tarStream.extract();
  const streams: Readable[] = [createReadStream(archive)];
  if (isGzip(archive)) streams.push(createGunzip());
  // Errors of the source or gunzip destroy `extract`, which rejects the loop below.
  pipeline([...streams, extract], () => undefined);
  const staged: Staged = { files: new Map(), bytes: 0, limit, ...(auth ? { auth } : {}) };
  try {
    for await (const entry of extract) await stageEntry({ archive, staging, staged, entry });
  } catch (error) {
    extract.destroy();
    if (error instanceof ConfigError || error instanceof EnvironmentError) throw error;
    throw snapshotRefusal(archive, `it is not a readable tar archive (${describeError(error)})`);
  }
  return staged;
}

interface StageInput {
  archive: string;
  staging: string;
  staged: Staged;
  entry: TarEntry;
}

async function stageEntry({ archive, staging, staged, entry }: StageInput): Promise<void> {
  const item = classifyArchiveEntry(archive, entry.header);
  if (item.kind === 'directory') {
    entry.resume();
    return;
  }
  const limit = item.kind === 'manifest' ? MAX_MANIFEST_BYTES : MAX_ENTRY_BYTES;
  if ((entry.header.size ?? 0) > limit) throw snapshotRefusal(archive, `file ${JSON.stringify(entry.header.name)} is larger than ${limit} bytes`);
  staged.bytes += entry.header.size ?? 0;
  if (staged.bytes > staged.limit) {
    throw snapshotRefusal(archive, `it expands to more than ${staged.limit} bytes (at most ${MAX_EXPANSION} times the archive's size, and --max-import-size)`);
  }
  const data = await readAll(entry);
  if (item.kind === 'manifest') {
    if (staged.manifest) throw snapshotRefusal(archive, 'it contains manifest.json twice');
    staged.manifest = data;
    return;
  }
  stageFile({ archive, staging, staged, item, data });
}

interface StageFileInput {
  archive: string;
  staging: string;
  staged: Staged;
  item: { relative: string; schema: number };
  data: Buffer;
}

/** Stages one entry under an opaque name, after checking it is an intact entry of its folder's schema. */
function stageFile({ archive, staging, staged, item, data }: StageFileInput): void {
  const shown = JSON.stringify(item.relative);
  if (staged.files.has(item.relative)) throw snapshotRefusal(archive, `it contains ${shown} twice`);
  const verified = verifyIntegrity(data);
  if (!verified.ok) throw snapshotRefusal(archive, `file ${shown} is not a valid cache entry (${verified.reason})`);
  const { schema, extractorVersion } = verified.header;
  if (schema !== item.schema) throw snapshotRefusal(archive, `file ${shown} is not a valid cache entry (schema ${schema} in folder facts-v${item.schema})`);
  const stagedPath = join(staging, String(staged.files.size));
  const current = schema === FACTS_SCHEMA_VERSION && extractorVersion === EXTRACTOR_VERSION;
  // The manifest names the archive's bytes; what is installed in a checkout's cache is sealed.
  writeStaged(stagedPath, staged.auth && current ? resealEntry(data, sealOf(staged.auth, item.relative))! : data);
  staged.files.set(item.relative, { relative: item.relative, staged: stagedPath, sha256: sha256Hex(data), current });
}

function checkAgainstManifest(archive: string, staged: Staged): void {
  if (!staged.manifest) throw snapshotRefusal(archive, 'it has no manifest.json');
  const manifest = parseManifest(archive, staged.manifest);
  for (const file of staged.files.values()) {
    const expected = manifest.files[file.relative];
    if (expected === undefined) throw snapshotRefusal(archive, `file ${JSON.stringify(file.relative)} is not listed in manifest.json`);
    if (expected !== file.sha256) throw snapshotRefusal(archive, `file ${JSON.stringify(file.relative)} has sha256 ${file.sha256}, manifest.json says ${expected}`);
  }
  const missing = Object.keys(manifest.files).find((name) => !staged.files.has(name));
  if (missing !== undefined) throw snapshotRefusal(archive, `manifest.json lists ${JSON.stringify(missing)}, which the archive does not contain`);
}

function install(staged: Staged, cacheDir: string): SnapshotImport {
  const result: SnapshotImport = { imported: 0, skippedExisting: 0, skippedOtherVersion: 0 };
  for (const file of staged.files.values()) {
    const seal = staged.auth && sealOf(staged.auth, file.relative);
    if (!file.current) {
      result.skippedOtherVersion++;
      continue;
    }
    const destination = join(cacheDir, ...file.relative.split('/'));
    // Defence in depth: classification already guarantees this.
    if (relative(cacheDir, destination).startsWith('..')) throw new ConfigError(`Refusing snapshot entry ${file.relative}: it resolves outside ${cacheDir}.`);
    if (isIntactEntry(destination, seal)) {
      result.skippedExisting++;
      continue;
    }
    moveIntoPlace(file.staged, destination);
    result.imported++;
  }
  return result;
}

/** A corrupt local entry is replaced by the verified one from the archive. */
function isIntactEntry(path: string, seal: Seal | undefined): boolean {
  try {
    const read = readRegularFile(path, MAX_ENTRY_BYTES, { noFollow: true });
    return read.ok && decodeEntry(read.bytes, seal).ok;
  } catch {
    return false;
  }
}

function moveIntoPlace(staged: string, destination: string): void {
  try {
    makeDirectories(dirname(destination));
    renameSync(staged, destination);
  } catch (error) {
    throw new EnvironmentError(`Cannot write ${destination}: ${describeError(error)}`);
  }
}

function writeStaged(path: string, data: Buffer): void {
  try {
    writeFileSync(path, data, { flag: 'wx' });
  } catch (error) {
    throw new EnvironmentError(`Cannot stage a snapshot entry in ${path}: ${describeError(error)}`);
  }
}

async function readAll(entry: TarEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function isGzip(archive: string): boolean {
  const fd = openSync(archive, 'r');
  try {
    const head = Buffer.alloc(GZIP_MAGIC.length);
    readSync(fd, head, 0, head.length, 0);
    return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    closeSync(fd);
  }
}

/** The seal of an archive entry (`facts-v<N>/<shard>/<key>`) in a checkout's cache. */
function sealOf(auth: EntryAuth, relativePath: string): Seal {
  return { auth, binding: entryBinding(FACTS_SCOPE, basename(relativePath)) };
}

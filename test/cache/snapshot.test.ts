import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { encodeEntry } from '../../src/cache/entry-format.js';
import { MAX_ENTRY_BYTES } from '../../src/cache/disk-store.js';
import { FactsCache } from '../../src/cache/facts-cache.js';
import { entryRelativePath } from '../../src/cache/layout.js';
import { exportSnapshot, importSnapshot, installSnapshotDir } from '../../src/cache/snapshot.js';
import { ConfigError, EnvironmentError } from '../../src/errors.js';
import { FACTS_SCHEMA_VERSION } from '../../src/facts/types.js';
import { listTree, sampleFacts, tempDir } from './helpers.js';

function filledCache(count: number): { dir: string; entries: ReturnType<typeof sampleFacts>[] } {
  const dir = join(tempDir(), 'cache');
  const cache = FactsCache.open({ dir });
  const entries = Array.from({ length: count }, (_, i) => sampleFacts(`src/s${i}.ts`, i + 1));
  for (const e of entries) cache.set(e.key, e.facts);
  return { dir, entries };
}

async function readArchive(file: string, gzip = false): Promise<Map<string, { header: tarStream.Header; data: Buffer }>> {
  const extract = tarStream.extract();
  const done = gzip ? pipeline(createReadStream(file), createGunzip(), extract) : pipeline(createReadStream(file), extract);
  const members = new Map<string, { header: tarStream.Header; data: Buffer }>();
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(Buffer.from(chunk as Uint8Array));
    members.set(entry.header.name, { header: entry.header, data: Buffer.concat(chunks) });
  }
  await done;
  return members;
}

describe('snapshot export/import', () => {
  it('exports only relative paths with a manifest, and imports them back', async () => {
    const { dir, entries } = filledCache(3);
    const file = join(tempDir(), 'out', 'snapshot.tar');
    const exported = await exportSnapshot(dir, file);
    expect(exported).toMatchObject({ path: file, entries: 3 });
    expect(exported.bytes).toBe(readFileSync(file).length);

    const members = await readArchive(file);
    const names = [...members.keys()];
    expect(names.every((name) => !name.startsWith('/') && !name.split('/').includes('..'))).toBe(true);
    expect(names.sort()).toEqual(['manifest.json', ...entries.map((e) => entryRelativePath(e.key))].sort());
    const manifest = JSON.parse(members.get('manifest.json')!.data.toString());
    expect(manifest).toMatchObject({ format: 'connascence-cache-snapshot', formatVersion: 1, schema: FACTS_SCHEMA_VERSION, entries: 3 });
    for (const [name, member] of members) {
      if (name !== 'manifest.json') expect(manifest.files[name]).toBe(createHash('sha256').update(member.data).digest('hex'));
    }
    expect(manifest.bytes).toBe(exported.entryBytes);

    const target = join(tempDir(), 'imported');
    expect(await importSnapshot(file, target)).toEqual({ imported: 3, skippedExisting: 0, skippedOtherVersion: 0 });
    const cache = FactsCache.open({ dir: target });
    for (const e of entries) expect(cache.get(e.key)).toEqual(e.facts);
    expect(await importSnapshot(file, target)).toEqual({ imported: 0, skippedExisting: 3, skippedOtherVersion: 0 });
    // No staging or temp leftovers; the folder the import created is marked for git to ignore.
    expect(listTree(target).filter((p) => p.startsWith('.'))).toEqual(['.gitignore']);
  });

  it('writes and reads gzip-compressed archives, and installs into a snapshot dir', async () => {
    const { dir, entries } = filledCache(2);
    const file = join(tempDir(), 'snapshot.tar.gz');
    await exportSnapshot(dir, file);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const baked = join(tempDir(), 'opt', 'cache-snapshot');
    expect(await installSnapshotDir(file, baked)).toMatchObject({ imported: 2 });
    const cache = FactsCache.open({ dir: join(tempDir(), 'empty'), snapshotDirs: [baked] });
    expect(cache.get(entries[1]!.key)).toEqual(entries[1]!.facts);
    expect(cache.counters().snapshotHits).toBe(1);
  });

  it('leaves corrupt entries out of the export, and replaces a corrupt local entry on import', async () => {
    const { dir, entries } = filledCache(2);
    const bad = join(dir, entryRelativePath(entries[0]!.key));
    writeFileSync(bad, 'garbage');
    const file = join(tempDir(), 'snapshot.tar');
    expect((await exportSnapshot(dir, file)).entries).toBe(1);
    const full = filledCache(2);
    await exportSnapshot(full.dir, file);
    expect(await importSnapshot(file, dir)).toMatchObject({ imported: 1, skippedExisting: 1 });
    expect(FactsCache.open({ dir }).get(entries[0]!.key)).toEqual(entries[0]!.facts);
  });

  it('reports an unwritable archive path as an EnvironmentError and leaves no temp file', async () => {
    const { dir } = filledCache(1);
    const parent = tempDir();
    writeFileSync(join(parent, 'plain-file'), '');
    await expect(exportSnapshot(dir, join(parent, 'plain-file', 'x.tar'))).rejects.toThrow(EnvironmentError);
    expect(listTree(parent)).toEqual(['plain-file']);
  });

  it('refuses a missing archive or cache dir with a ConfigError', async () => {
    await expect(importSnapshot(join(tempDir(), 'nope.tar'), tempDir())).rejects.toThrow(ConfigError);
    await expect(exportSnapshot(join(tempDir(), 'no-cache'), join(tempDir(), 'x.tar'))).rejects.toThrow(ConfigError);
  });
});

interface Member {
  header: tarStream.Header | (Partial<tarStream.Header> & { name: string });
  data?: Buffer;
}

interface CraftOptions {
  /** Manifest files map; default: every file member with its real hash. */
  files?: Record<string, string>;
  /** Raw manifest text instead of a generated one; null = no manifest at all. */
  manifest?: string | null;
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

async function craft(members: Member[], options: CraftOptions = {}): Promise<string> {
  const file = join(tempDir(), 'crafted.tar');
  const pack = tarStream.pack();
  const written = pipeline(pack, createWriteStream(file));
  const files: Record<string, string> = {};
  for (const member of members) {
    if ((member.header.type ?? 'file') === 'file' && member.data) files[member.header.name] = sha(member.data);
    pack.entry(member.header, member.data ?? Buffer.alloc(0));
  }
  const manifestFiles = options.files ?? files;
  const manifest = options.manifest !== undefined ? options.manifest : JSON.stringify({ format: 'connascence-cache-snapshot', formatVersion: 1, schema: 1, extractorVersion: '1', created: new Date().toISOString(), entries: Object.keys(manifestFiles).length, bytes: 0, files: manifestFiles });
  if (manifest !== null) pack.entry({ name: 'manifest.json' }, manifest);
  pack.finalize();
  await written;
  return file;
}

const good = sampleFacts('src/good.ts');
const goodEntry = { header: { name: entryRelativePath(good.key) }, data: encodeEntry(JSON.stringify(good.facts)) };
const other = sampleFacts('src/other.ts', 2);
const otherPath = entryRelativePath(other.key);
const otherData = encodeEntry(JSON.stringify(other.facts));

const malicious: Array<[string, () => Promise<string>, RegExp]> = [
  ['a ../ path', () => craft([goodEntry, { header: { name: '../evil' }, data: otherData }]), /"\.\.\/evil" has a '\.\.' segment/],
  ['an absolute path', () => craft([goodEntry, { header: { name: '/abs/evil' }, data: otherData }]), /"\/abs\/evil" has an absolute path/],
  ['a .. inside the layout', () => craft([goodEntry, { header: { name: 'facts-v1/../../x' }, data: otherData }]), /"facts-v1\/\.\.\/\.\.\/x" has a '\.\.' segment/],
  ['a symlink', () => craft([goodEntry, { header: { name: otherPath, type: 'symlink', linkname: '/etc/passwd' } }]), /is a symbolic link \(to "\/etc\/passwd"\)/],
  ['a hard link', () => craft([goodEntry, { header: { name: otherPath, type: 'link', linkname: goodEntry.header.name } }]), /is a hard link/],
  ['a character device', () => craft([goodEntry, { header: { name: otherPath, type: 'character-device' } }]), /is a character-device/],
  ['a directory outside the layout', () => craft([{ header: { name: 'etc/', type: 'directory' } }, goodEntry]), /directory "etc\/" is outside the cache layout/],
  ['a file outside the layout', () => craft([goodEntry, { header: { name: 'notes.txt' }, data: Buffer.from('hi') }]), /"notes\.txt" is outside the cache layout/],
  ['a file in the wrong shard', () => craft([goodEntry, { header: { name: `facts-v1/zz/${other.key}` }, data: otherData }]), /outside the cache layout/],
  ['a file missing from the manifest', () => craft([goodEntry, { header: { name: otherPath }, data: otherData }], { files: { [goodEntry.header.name]: sha(goodEntry.data) } }), /is not listed in manifest\.json/],
  ['a file with a wrong hash', () => craft([goodEntry, { header: { name: otherPath }, data: otherData }], { files: { [goodEntry.header.name]: sha(goodEntry.data), [otherPath]: '0'.repeat(64) } }), /manifest\.json says 0{64}/],
  ['a manifest listing an absent file', () => craft([goodEntry], { files: { [goodEntry.header.name]: sha(goodEntry.data), [otherPath]: sha(otherData) } }), /which the archive does not contain/],
  ['a missing manifest', () => craft([goodEntry], { manifest: null }), /has no manifest\.json/],
  ['an invalid manifest', () => craft([goodEntry], { manifest: '{"format":"zip"' }), /manifest\.json is not valid JSON/],
  ['a manifest of another format', () => craft([goodEntry], { manifest: JSON.stringify({ format: 'other', formatVersion: 1, files: {} }) }), /format is "other"/],
  ['an entry that fails its own checksum', () => craft([goodEntry, { header: { name: otherPath }, data: Buffer.concat([otherData, Buffer.from('x')]) }]), /is not a valid cache entry/],
  ['a duplicated entry', () => craft([goodEntry, goodEntry]), /contains ".*" twice/],
  [
    'a file that is not a tar archive',
    async () => {
      const file = join(tempDir(), 'garbage.tar');
      writeFileSync(file, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 251)));
      return file;
    },
    /not a readable tar archive/,
  ],
];

describe('snapshot import refuses malicious or broken archives', () => {
  for (const [name, build, message] of malicious) {
    it(`refuses ${name}, writing nothing`, async () => {
      const archive = await build();
      const root = tempDir();
      const existing = join(root, 'existing-cache');
      FactsCache.open({ dir: existing }).set(other.key, other.facts);
      const before = listTree(root);
      const error = await importSnapshot(archive, existing).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^Refusing snapshot .*Nothing was imported\.$/);
      expect(listTree(root)).toEqual(before);

      const fresh = join(root, 'new', 'cache');
      await expect(importSnapshot(archive, fresh)).rejects.toThrow(ConfigError);
      expect(existsSync(join(root, 'new'))).toBe(false);
      expect(existsSync(join(root, 'evil')) || existsSync('/abs/evil')).toBe(false);
    });
  }
});

describe('snapshot import staging cap', () => {
  it('refuses an archive that expands past --max-import-size, leaving no staging folder', async () => {
    const archive = await craft([goodEntry, { header: { name: otherPath }, data: otherData }]);
    const dir = join(tempDir(), 'cache');
    const error = await importSnapshot(archive, dir, { maxBytes: goodEntry.data.length + 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/it expands to more than \d+ bytes/);
    expect(existsSync(dir)).toBe(false);
    expect(await importSnapshot(archive, dir, { maxBytes: 1024 * 1024 })).toMatchObject({ imported: 2 });
  });

  it('refuses to export a snapshot onto a symbolic link or a device', async () => {
    const cache = tempDir();
    FactsCache.open({ dir: cache }).set(good.key, good.facts);
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(dir, 'snap.tar'));
    await expect(exportSnapshot(cache, join(dir, 'snap.tar'))).rejects.toThrow(/it is a symbolic link/);
    await expect(exportSnapshot(cache, '/dev/null')).rejects.toThrow(/it is not a regular file/);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(listTree(dir).sort()).toEqual(['snap.tar', 'victim.txt']);
  });
});

describe('snapshot export reads entries through a checked descriptor', () => {
  it('leaves out an entry name that links to a file over the entry size limit, without reading it', async () => {
    const cache = tempDir();
    FactsCache.open({ dir: cache }).set(good.key, good.facts);
    const huge = join(tempDir(), 'huge');
    writeFileSync(huge, '');
    // Sparse, 3 GiB: reading it whole would fail outright (over Node's 2 GiB buffer limit).
    truncateSync(huge, 3 * 1024 ** 3);
    expect(3 * 1024 ** 3).toBeGreaterThan(MAX_ENTRY_BYTES);
    const planted = join(cache, entryRelativePath(other.key));
    mkdirSync(dirname(planted), { recursive: true });
    symlinkSync(huge, planted);
    const exported = await exportSnapshot(cache, join(tempDir(), 'snap.tar'));
    expect(exported.entries).toBe(1);
  });
});

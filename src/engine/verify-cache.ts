/**
 * `connascence cache verify`: parses again the source of a sample of the facts entries and compares
 * what it extracts with what the entry holds, byte for byte. An entry that differs was written by
 * something else than this tool's front-ends for that content (a poisoned cache) or shows facts that
 * depend on more than the file (a determinism bug). Entries whose source is not under the root, or
 * has changed since (its content no longer has the entry's key), cannot be checked and are counted.
 */
import { basename } from 'node:path';
import { DiskStore } from '../cache/disk-store.js';
import type { EntryAuth } from '../cache/entry-auth.js';
import { decodeFacts, encodeFacts } from '../cache/facts-cache.js';
import { factsKey } from '../cache/key.js';
import { sampleOf } from '../cache/maintenance.js';
import { scanCache } from '../cache/scan.js';
import { MAX_PARSED_FILE_SIZE } from '../discovery/defaults.js';
import { readSource } from '../discovery/read.js';
import { discover } from '../discovery/walk.js';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import { extractFacts, sourceDecoder } from '../languages/index.js';

export interface CacheVerification {
  dir: string;
  root: string;
  /** Entries of this schema in the cache, and how many of them were looked at. */
  entries: number;
  sampled: number;
  /** Entries whose facts are what the source gives today. */
  matching: number;
  /** Entries whose facts differ from the source's: poisoned or not deterministic. */
  differing: Array<{ key: string; path: string }>;
  /** Entries that do not decode as facts. */
  corrupt: number;
  /** Entries whose source is not under the root, or no longer has their key. */
  unverifiable: number;
}

/** `auth`: the cache lies inside the checkout; an entry this machine did not seal counts as corrupt (it is never read by a run). */
export async function verifyCache(dir: string, root: string, sample?: number, auth?: EntryAuth): Promise<CacheVerification> {
  const all = scanCache(dir).entries.filter((entry) => entry.folderSchema === FACTS_SCHEMA_VERSION);
  const picked = sampleOf(all, sample);
  const sources = new Map(discover(root).files.map((file) => [file.path, file]));
  const store = new DiskStore({ dir, readOnly: true, ...(auth ? { auth } : {}) });
  const result: CacheVerification = { dir, root, entries: all.length, sampled: picked.length, matching: 0, differing: [], corrupt: 0, unverifiable: 0 };
  for (const entry of picked) {
    const key = basename(entry.path);
    const read = store.read(key);
    const facts = read.status === 'hit' ? decodeFacts(read.payload) : undefined;
    if (!facts) {
      result.corrupt++;
      continue;
    }
    const file = sources.get(facts.path);
    const source = file ? readSource(file, MAX_PARSED_FILE_SIZE, sourceDecoder(file.language)) : undefined;
    if (!file || !source?.ok || factsKey({ content: source.content, path: file.path, language: file.language }) !== key) {
      result.unverifiable++;
      continue;
    }
    const fresh = await extractFacts({ path: file.path, language: file.language, content: source.content });
    if (encodeFacts(fresh) === encodeFacts(facts)) result.matching++;
    else result.differing.push({ key, path: file.path });
  }
  return result;
}

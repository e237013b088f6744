/**
 * Which shard of `--shard K/N` analyses which file: a deterministic partition of the discovered
 * files that every shard computes alike from the walk alone (no file is read).
 *
 * 1. Each file goes to the shard its path hashes to (FNV-1a, mod N): adding or removing a file moves
 *    no other file, so most shards keep their files (and their warm caches) from run to run.
 * 2. Then the shards are balanced by size (bytes: a fair proxy of parse cost): while the largest
 *    shard is over the mean by more than 10%, its file that best fits the gap to the smallest
 *    shard moves there (ties by path). Only the files needed to balance move.
 */
import { fnv1a } from '../languages/shared/text.js';

export interface Sharded {
  path: string;
  size: number;
}

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** The largest shard may exceed the mean by this share before files move. */
const TOLERANCE = 0.1;

/** `K/N` (1 <= K <= N <= 256). */
export function parseShard(text: string): ShardSpec | undefined {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && count <= 256 && index <= count ? { index, count } : undefined;
}

/** The shard (0-based) a path hashes to, before any balancing. */
export function hashShard(path: string, count: number): number {
  return fnv1a(path) % count;
}

/** The shard (0-based) of every file, in the order given. */
export function partition(files: readonly Sharded[], count: number): number[] {
  const shardOf = files.map((file) => hashShard(file.path, count));
  if (count === 1 || files.length === 0) return shardOf;
  const loads = new Array<number>(count).fill(0);
  files.forEach((file, i) => (loads[shardOf[i]!] += weight(file)));
  const mean = loads.reduce((a, b) => a + b, 0) / count;
  const members = Array.from({ length: count }, () => [] as number[]);
  shardOf.forEach((shard, i) => members[shard]!.push(i));
  for (let moves = 0; moves < files.length; moves++) {
    let heavy = 0;
    let light = 0;
    loads.forEach((load, shard) => {
      if (load > loads[heavy]!) heavy = shard;
      if (load < loads[light]!) light = shard;
    });
    if (loads[heavy]! <= mean * (1 + TOLERANCE)) break;
    const gap = (loads[heavy]! - loads[light]!) / 2;
    // The file whose weight is closest to half the gap, never one that would overshoot it.
    let best = -1;
    for (const i of members[heavy]!) {
      const w = weight(files[i]!);
      if (w > gap * 2 - 1) continue;
      if (best < 0 || Math.abs(w - gap) < Math.abs(weight(files[best]!) - gap) || (Math.abs(w - gap) === Math.abs(weight(files[best]!) - gap) && files[i]!.path < files[best]!.path)) best = i;
    }
    if (best < 0) break;
    members[heavy] = members[heavy]!.filter((i) => i !== best);
    members[light]!.push(best);
    shardOf[best] = light;
    loads[heavy] -= weight(files[best]!);
    loads[light] += weight(files[best]!);
  }
  return shardOf;
}

/** A file's expected cost: its size, plus a constant per file (opening, hashing, the rules). */
function weight(file: Sharded): number {
  return file.size + 512;
}

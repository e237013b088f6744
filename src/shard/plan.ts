/**
 * How many shards a tree is worth (`connascence ci matrix --shards auto`), and the GitHub Actions
 * strategy matrix of N shards.
 *
 * The estimate is of a cold run (no cache) on one GitHub-hosted runner (2 cores), from the file
 * count and the bytes to parse, half of the cost each, from `npm run bench` on its corpus (458 files,
 * 3.7 MB: about 2.7 s cold on 2 cores; docs/architecture.md "Shards"). Shards are added while each
 * would still run for more than TARGET_SECONDS, up to MAX_SHARDS: below that, a shard's start-up (a
 * runner, a checkout, a container) costs more than it saves.
 */
export const MAX_SHARDS = 32;
/** A shard worth starting analyses for at least this long. */
const TARGET_SECONDS = 60;
const SECONDS_PER_FILE = 1 / 350;
const SECONDS_PER_BYTE = 1 / 2_400_000;

export function estimatedSeconds(files: ReadonlyArray<{ size: number }>): number {
  return files.length * SECONDS_PER_FILE + files.reduce((sum, file) => sum + file.size, 0) * SECONDS_PER_BYTE;
}

export function autoShards(files: ReadonlyArray<{ size: number }>): number {
  return Math.max(1, Math.min(MAX_SHARDS, Math.floor(estimatedSeconds(files) / TARGET_SECONDS)));
}

/** The `strategy.matrix` of N shards: `{"shard":["1/N",...,"N/N"]}` for `--shard ${{ matrix.shard }}`. */
export function shardMatrix(count: number): { shard: string[] } {
  return { shard: Array.from({ length: count }, (_, i) => `${i + 1}/${count}`) };
}

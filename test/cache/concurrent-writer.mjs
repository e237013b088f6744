// Child process for concurrency.test.ts: fills one cache dir at the same time as its siblings.
// Usage: node concurrent-writer.mjs <cacheDir> <workerIndex> <sharedKeys> <ownKeys> <startAtMs>
// Imports the COMPILED module (npm run build), as a second `connascence` process would.
import { FactsCache } from '../../dist/cache/facts-cache.js';
import { factsKey } from '../../dist/cache/key.js';
import { emptyFacts } from '../../dist/facts/types.js';

const [dir, worker, sharedCount, ownCount, startAt] = process.argv.slice(2);

function item(name) {
  const content = `// ${name}\n${'const x = 1;\n'.repeat(50)}`;
  const source = { path: `src/${name}.ts`, language: 'typescript', content };
  const facts = emptyFacts(source, 51);
  facts.tokens = { hashes: Array.from({ length: 2000 }, (_, i) => i), lines: Array.from({ length: 2000 }, (_, i) => i) };
  return { key: factsKey(source), facts };
}

const shared = Array.from({ length: Number(sharedCount) }, (_, i) => item(`shared-${i}`));
const own = Array.from({ length: Number(ownCount) }, (_, i) => item(`own-${worker}-${i}`));
// Interleave so every process writes shared keys while the others write and read them.
const work = shared.flatMap((s, i) => (own[i] ? [s, own[i]] : [s])).concat(own.slice(shared.length));

while (Date.now() < Number(startAt)) {
  // Spin until the common start time: maximises overlap between processes.
}

const writer = FactsCache.open({ dir });
// memoryBytes: 1 keeps nothing in memory, so every get really reads the disk.
const reader = FactsCache.open({ dir, memoryBytes: 1 });
let mismatches = 0;
for (const [i, { key, facts }] of work.entries()) {
  writer.set(key, facts);
  const back = reader.get(key);
  if (!back || back.path !== facts.path || back.tokens.hashes.length !== facts.tokens.hashes.length) mismatches++;
  // Also read a shared key some sibling may be writing right now.
  const other = shared[(i * 7) % shared.length];
  const seen = reader.get(other.key);
  if (seen && seen.path !== other.facts.path) mismatches++;
}
process.stdout.write(JSON.stringify({ writer: writer.counters(), reader: reader.counters(), mismatches }));

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileFacts, SourceFile } from '../facts/types.js';
import { processSource } from './extract-file.js';
import type { BatchRequest, BatchResponse } from './worker.js';

/** Bytes of source per task: big enough to amortise messaging, small enough to balance the load. */
const BATCH_BYTES = 64 * 1024;
const MAX_BATCH_FILES = 32;
/** Below this many bytes of source per worker, starting a worker costs more than it saves. */
const MIN_BYTES_PER_WORKER = 384 * 1024;
/** A larger young generation: parsing allocates many short-lived AST objects. */
const YOUNG_GENERATION_MB = 64;

const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

export interface PoolOptions {
  /** Requested workers; default one per available core. */
  workers?: number;
  /** Called with each file's facts as soon as its batch completes. */
  onFacts: (path: string, facts: FileFacts) => void;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

function batchesOf(sources: readonly SourceFile[]): SourceFile[][] {
  const batches: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let bytes = 0;
  for (const source of sources) {
    current.push(source);
    bytes += source.content.length;
    if (bytes >= BATCH_BYTES || current.length >= MAX_BATCH_FILES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Extracts facts with a pool of worker threads (the "detector pool"): started once per call,
 * fed batches from a shared queue, results streamed back per batch. Uses the main thread
 * for small inputs, for `workers: 1`, and when running from TypeScript sources (unit tests),
 * where there is no compiled worker file.
 */
export async function extractAll(sources: readonly SourceFile[], options: PoolOptions): Promise<number> {
  const totalBytes = sources.reduce((sum, s) => sum + s.content.length, 0);
  const wanted = Math.min(options.workers ?? defaultWorkerCount(), Math.ceil(totalBytes / MIN_BYTES_PER_WORKER));
  if (wanted <= 1 || !existsSync(WORKER_FILE)) {
    for (const source of sources) {
      const { path, facts } = await processSource(source);
      options.onFacts(path, facts);
    }
    return 1;
  }
  const queue = batchesOf(sources);
  const workers = Array.from({ length: wanted }, () => new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  try {
    await Promise.all(workers.map((worker) => drain(worker, queue, options)));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return workers.length;
}

/** Batches in flight per worker: the next one waits in the worker's queue while the main thread handles results. */
const IN_FLIGHT = 2;

/**
 * One worker takes batches from the shared queue until it is empty. The next batch is sent
 * before the results of the last one are handled (cache writes, file rules), so a worker never
 * waits for the main thread.
 */
function drain(worker: Worker, queue: SourceFile[][], options: PoolOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let nextId = 0;
    let inFlight = 0;
    const sendNext = (): void => {
      const sources = queue.shift();
      if (!sources) {
        if (inFlight === 0) resolve();
        return;
      }
      inFlight++;
      worker.postMessage({ id: nextId++, sources } satisfies BatchRequest);
    };
    worker.on('message', (response: BatchResponse) => {
      inFlight--;
      if ('error' in response) return reject(new Error(`analysis worker failed: ${response.error}`));
      sendNext();
      for (const outcome of response.outcomes) options.onFacts(outcome.path, outcome.facts);
      if (inFlight === 0 && queue.length === 0) resolve();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
    });
    for (let i = 0; i < IN_FLIGHT; i++) sendNext();
  });
}

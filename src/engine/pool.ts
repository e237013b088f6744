import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiscoveredFile } from '../discovery/walk.js';
import { processFile, type FileOutcome } from './extract-file.js';
import type { BatchRequest, BatchResponse } from './worker.js';

/** Files per task: big enough to amortise messaging, small enough to balance the load. */
const BATCH_SIZE = 16;
/** Below this many files per worker, starting a worker costs more than it saves. */
const MIN_FILES_PER_WORKER = 24;
const YOUNG_GENERATION_MB = 64;

const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

export interface PoolOptions {
  /** Requested workers; default one per available core. */
  workers?: number;
  maxFileSize: number;
  /** Called with each file's outcome as soon as its batch completes. */
  onOutcome: (outcome: FileOutcome) => void;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * Parses `files` with a pool of worker threads (the "detector pool"): started once per call,
 * fed batches from a shared queue, results streamed back per batch. Falls back to the main
 * thread for small inputs, for `workers: 1`, and when running from TypeScript sources (tests),
 * where there is no compiled worker file.
 */
export async function extractAll(files: readonly DiscoveredFile[], options: PoolOptions): Promise<void> {
  const wanted = Math.min(options.workers ?? defaultWorkerCount(), Math.ceil(files.length / MIN_FILES_PER_WORKER));
  if (wanted <= 1 || !existsSync(WORKER_FILE)) {
    for (const file of files) options.onOutcome(await processFile(file, options.maxFileSize));
    return;
  }
  const batches: DiscoveredFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(files.slice(i, i + BATCH_SIZE));
  // A larger young generation: parsing allocates many short-lived AST objects.
  const workers = Array.from({ length: wanted }, () => new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  try {
    await Promise.all(workers.map((worker) => drain(worker, batches, options)));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** One worker takes batches from the shared queue until it is empty. */
function drain(worker: Worker, queue: DiscoveredFile[][], options: PoolOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let nextId = 0;
    const sendNext = (): void => {
      const files = queue.shift();
      if (!files) return resolve();
      worker.postMessage({ id: nextId++, files, maxFileSize: options.maxFileSize } satisfies BatchRequest);
    };
    worker.on('message', (response: BatchResponse) => {
      if ('error' in response) return reject(new Error(`analysis worker failed: ${response.error}`));
      for (const outcome of response.outcomes) options.onOutcome(outcome);
      sendNext();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`analysis worker exited with code ${code}`));
    });
    sendNext();
  });
}

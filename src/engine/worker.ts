/**
 * Detector pool worker: started once, receives batches of files, parses and extracts them and
 * posts one message per batch. Never exits on bad input; an unexpected error is posted back.
 */
import { parentPort } from 'node:worker_threads';
import type { DiscoveredFile } from '../discovery/walk.js';
import { processFile, type FileOutcome } from './extract-file.js';

export interface BatchRequest {
  id: number;
  files: DiscoveredFile[];
  maxFileSize: number;
}

export type BatchResponse = { id: number; outcomes: FileOutcome[] } | { id: number; error: string };

parentPort?.on('message', async (request: BatchRequest) => {
  try {
    const outcomes: FileOutcome[] = [];
    for (const file of request.files) outcomes.push(await processFile(file, request.maxFileSize));
    parentPort!.postMessage({ id: request.id, outcomes } satisfies BatchResponse);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies BatchResponse);
  }
});

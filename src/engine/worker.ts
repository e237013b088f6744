/**
 * Detector pool worker: started once, receives batches of decoded sources, extracts their facts
 * and posts one message per batch. An unexpected error is posted back, never swallowed.
 */
import { parentPort } from 'node:worker_threads';
import type { FileFacts, SourceFile } from '../facts/types.js';
import { processSource } from './extract-file.js';

export interface BatchRequest {
  id: number;
  sources: SourceFile[];
}

export type BatchResponse = { id: number; outcomes: Array<{ path: string; facts: FileFacts }> } | { id: number; error: string };

parentPort?.on('message', async (request: BatchRequest) => {
  try {
    const outcomes = [];
    for (const source of request.sources) outcomes.push(await processSource(source));
    parentPort!.postMessage({ id: request.id, outcomes } satisfies BatchResponse);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies BatchResponse);
  }
});

import { readSource } from '../discovery/read.js';
import type { DiscoveredFile } from '../discovery/walk.js';
import type { FileFacts } from '../facts/types.js';
import { extractFacts } from '../languages/index.js';
import type { SkippedFile } from './types.js';

/** The outcome for one file: its facts, or why it was skipped. */
export type FileOutcome = { path: string; facts: FileFacts } | { path: string; skipped: SkippedFile };

/** Read + decode + extract one file. Never throws for bad input. */
export async function processFile(file: DiscoveredFile, maxFileSize: number): Promise<FileOutcome> {
  const read = await readSource(file, maxFileSize);
  if (!read.ok) return { path: file.path, skipped: read.skipped };
  const facts = await extractFacts({ path: file.path, language: file.language, content: read.content });
  return { path: file.path, facts };
}

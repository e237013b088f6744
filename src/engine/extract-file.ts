import type { FileFacts, SourceFile } from '../facts/types.js';
import { extractFacts } from '../languages/index.js';

/** Extract one decoded file. Front-ends never throw for bad source; this only adds the path to the outcome. */
export async function processSource(source: SourceFile): Promise<{ path: string; facts: FileFacts }> {
  return { path: source.path, facts: await extractFacts(source) };
}

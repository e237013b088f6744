import type { FileFacts, SourceFile } from '../facts/types.js';
import { javascriptFrontEnd } from './javascript/index.js';
import { pythonFrontEnd } from './python/index.js';

export { languageOf } from '../discovery/language.js';

/** Extract facts from one decoded source file. Never throws for bad source code. */
export async function extractFacts(file: SourceFile): Promise<FileFacts> {
  return file.language === 'python' ? pythonFrontEnd.extract(file) : javascriptFrontEnd.extract(file);
}

import type { FileFacts, FrontEnd, SourceFile } from '../facts/types.js';

import { decodePythonSource } from './python/source.js';

export { languageOf } from '../discovery/language.js';

/**
 * How a language's runtime turns a file's bytes into text, when it is not plain UTF-8: Python
 * follows its PEP 263 coding declaration (python/source.ts). Undefined: UTF-8, the BOM dropped.
 */
export function sourceDecoder(language: SourceFile['language']): ((bytes: Uint8Array) => string) | undefined {
  return language === 'python' ? decodePythonSource : undefined;
}

// Front-ends load on first use: oxc's native binding and the tree-sitter wasm cost 100-200 ms, which a
// run served entirely from the cache (or a command that parses nothing) should not pay.
let javascript: Promise<FrontEnd> | undefined;
let python: Promise<FrontEnd> | undefined;

function frontEndFor(language: SourceFile['language']): Promise<FrontEnd> {
  if (language === 'python') return (python ??= import('./python/index.js').then((m) => m.pythonFrontEnd));
  return (javascript ??= import('./javascript/index.js').then((m) => m.javascriptFrontEnd));
}

/** Extract facts from one decoded source file. Never throws for bad source code. */
export async function extractFacts(file: SourceFile): Promise<FileFacts> {
  return (await frontEndFor(file.language)).extract(file);
}

/**
 * Lazily initialised, shared tree-sitter parser for Python. The grammar is the wasm file shipped
 * in the installed `tree-sitter-python` npm package (never downloaded).
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

async function createParser(): Promise<Parser> {
  await Parser.init();
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The shared parser; initialised once. A failed initialisation is retried on the next call. */
export function pythonParser(): Promise<Parser> {
  if (!ready) {
    ready = createParser().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
  }
  return ready;
}

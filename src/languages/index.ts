import type { FileFacts, Language, SourceFile } from '../facts/types.js';
import { javascriptFrontEnd } from './javascript/index.js';
import { pythonFrontEnd } from './python/index.js';

const EXTENSIONS: Record<string, Language> = {
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.py': 'python',
  '.pyi': 'python',
};

export function languageOf(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  if (path.endsWith('.d.ts') || path.endsWith('.d.mts') || path.endsWith('.d.cts')) return undefined;
  return EXTENSIONS[path.slice(dot).toLowerCase()];
}

/** Extract facts from one decoded source file. Never throws for bad source code. */
export async function extractFacts(file: SourceFile): Promise<FileFacts> {
  return file.language === 'python' ? pythonFrontEnd.extract(file) : javascriptFrontEnd.extract(file);
}

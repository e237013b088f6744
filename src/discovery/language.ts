import type { Language } from '../facts/types.js';

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

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** Language of a file from its name; undefined for anything we do not analyse (including `.d.ts`). */
export function languageOf(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || DECLARATION_FILE.test(path)) return undefined;
  return EXTENSIONS[path.slice(dot).toLowerCase()];
}

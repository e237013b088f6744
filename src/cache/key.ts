/**
 * Cache keys for FileFacts. A key names everything the extracted facts depend on — and nothing
 * else: never the policy or a threshold, so changing a threshold keeps every entry valid.
 *
 * Facts depend on the path only through the extension, which selects the parser mode (`.tsx` vs
 * `.ts` vs `.d.ts`); whether a path is a test is a setting of the judgement (policy/file-kinds.ts).
 * The full path is deliberately NOT part of the key: two identical files at two paths share one
 * entry, and on a hit the engine re-sets `facts.path` to the current path.
 */
import { createHash } from 'node:crypto';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';

/**
 * Version of the language front-ends' output. Bump whenever a front-end changes what it extracts
 * for the same input (a fixed metric, a new literal context...) without a schema change: every
 * cached entry then misses and is recomputed. Must not contain spaces (it is a header field).
 */
export const EXTRACTOR_VERSION = '22';

export interface FactsKeyInput {
  content: string;
  path: string;
  language: string;
}

/** Compound extension that selects the parser mode, lower-cased: `.tsx`, `.d.ts`, `.d.mts`, `.py`. */
export function parserExtension(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const match = /(\.d)?\.[^.]+$/.exec(base);
  return match ? match[0] : '';
}

/** Hex sha256 over the versions, the language, the parser extension and the content. */
export function factsKey(input: FactsKeyInput): string {
  const hash = createHash('sha256');
  // NUL separators: no field before the content can contain NUL, so distinct inputs never collide
  // by concatenation.
  const fields = [
    'connascence-facts-key',
    String(FACTS_SCHEMA_VERSION),
    EXTRACTOR_VERSION,
    input.language,
    parserExtension(input.path),
  ];
  hash.update(fields.join('\0') + '\0');
  hash.update(input.content, 'utf8');
  return hash.digest('hex');
}

/**
 * Generated-code markers. A file whose first lines say it was generated (`@generated`, `DO NOT
 * EDIT`, `auto-generated`, Go's `Code generated ... DO NOT EDIT.`) is judged by the safety rules
 * only, by default (policy/file-kinds.ts): nobody maintains it by hand, so maintainability findings
 * in it are noise, while a secret or an `eval` in it is as dangerous as anywhere.
 */
import { emptyFacts, type FileFacts, type SourceFile } from '../../facts/types.js';

/** How far the marker may stand: the header of the file, not a string deep inside it. */
const HEADER_LINES = 10;
const HEADER_CHARS = 2048;

const MARKER = /@generated\b|\bdo not edit\b|\bauto-?generated\b|\bautomatically generated\b|\bcode generated\b.*\bdo not edit\b/gi;
/** A marker between two of one of these is quoted (`@generated` in a comment about markers), not a claim. */
const QUOTES = new Set(['`', "'", '"']);

/** Whether one of the first lines of `content` carries a generated-code marker, not quoted. */
export function hasGeneratedMarker(content: string): boolean {
  let end = 0;
  for (let line = 0; line < HEADER_LINES && end < content.length; line++) {
    const next = content.indexOf('\n', end);
    end = next < 0 ? content.length : next + 1;
  }
  for (const match of content.slice(0, Math.min(end, HEADER_CHARS)).matchAll(MARKER)) {
    const before = content[match.index - 1] ?? '';
    if (!QUOTES.has(before) || content[match.index + match[0].length] !== before) return true;
  }
  return false;
}

/** The facts a front-end starts from: nothing extracted yet, the marker read. */
export function startFacts(file: SourceFile, lines: number): FileFacts {
  const facts = emptyFacts(file, lines);
  facts.generated = hasGeneratedMarker(file.content);
  return facts;
}

/**
 * JSON from outside this process (reports given to `compare`, partials, baselines, caches, the
 * config) is capped in size where it is read; this caps its depth. The nesting is measured by one
 * linear pass, without recursion, before `JSON.parse` sees the text: a document nested deeper than
 * MAX_JSON_DEPTH is refused with a SyntaxError (every caller already turns a parse error into a
 * clear message or a cache miss), so no validator, walker or schema check downstream can run out
 * of stack on `[[[[...` (issue 30). No format of the tool nests anywhere near this deep.
 */
export const MAX_JSON_DEPTH = 128;

export class JsonDepthError extends SyntaxError {
  constructor(readonly limit: number) {
    super(`JSON nested deeper than ${limit} levels`);
    this.name = 'JsonDepthError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The deepest nesting of arrays and objects in `text` (strings skipped); stops counting past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/** `JSON.parse` for text from outside: a SyntaxError (JsonDepthError) past MAX_JSON_DEPTH levels. */
export function parseJson(text: string, limit = MAX_JSON_DEPTH): unknown {
  if (jsonDepth(text, limit) > limit) throw new JsonDepthError(limit);
  return JSON.parse(text) as unknown;
}

import { parseSync, rawTransferSupported, type ParserOptions } from 'oxc-parser';
import type { Position, Span } from '../../facts/types.js';
import type { TextRange } from '../shared/code-lines.js';
import { LineIndex } from '../shared/text.js';
import type { Node } from './ast.js';

export interface ParsedSource {
  program: Node;
  /** Top-level statements. */
  body: Node[];
  index: LineIndex;
  isTypeScript: boolean;
  /** The comments, as the parser found them (UTF-16 offsets). */
  comments: TextRange[];
  /** UTF-16 offset -> 1-based line/column. */
  pos(offset: number): Position;
  /** UTF-16 offset -> 1-based line (same as `pos(offset).line`, fast for increasing offsets). */
  line(offset: number): number;
  /** Start position of a node. */
  start(node: Node): Position;
  /** Span of a node. */
  span(node: Node): Span;
}

export type ParseOutcome = { ok: true; parsed: ParsedSource } | { ok: false; error: Position & { message: string } };

/**
 * How oxc hands the AST over. `raw` (Node 22+ on 64-bit little-endian): as a buffer that JS code
 * turns into objects, 3-5x faster than `standard`, JSON, which Node 20 takes. Both give the same
 * ESTree objects (tested). CONNASCENCE_JS_TRANSFER=standard forces the JSON path.
 */
export function transferMode(): 'raw' | 'standard' {
  return process.env.CONNASCENCE_JS_TRANSFER !== 'standard' && rawTransferSupported() ? 'raw' : 'standard';
}

let raw: boolean | undefined;

function parserOptions(path: string, isTypeScript: boolean): ParserOptions & { experimentalRawTransfer?: boolean } {
  raw ??= transferMode() === 'raw';
  const lower = path.toLowerCase();
  const lang = isTypeScript ? (/\.d\.[cm]?ts$/.test(lower) ? 'dts' : lower.endsWith('.tsx') ? 'tsx' : 'ts') : 'jsx';
  // `unambiguous`: a file without import/export is a sloppy-mode script (`with`, legacy octals parse).
  return { lang, sourceType: 'unambiguous', preserveParens: true, experimentalRawTransfer: raw };
}

/**
 * Nesting the parser is given at most. The parsers recurse once per level of brackets or nested
 * `?:`, natively and (raw transfer) in JS: around 5,000-10,000 levels overflow the native stack and
 * kill the whole process (swc did the same), which no `catch` can turn into a finding. Real code
 * stays far below; a file above is reported as a parse error and not parsed.
 */
export const MAX_NESTING = 1000;

const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const QUESTION = 63;
const COLON = 58;
const DOT = 46;

/**
 * Offset where the nesting of brackets and `?:` first exceeds `limit`, or -1. A raw scan of the
 * text: brackets inside strings and comments count too, which can only overestimate the depth.
 * `?.` and `??` are not conditionals; a `:` closes a pending `?` (so `x?: T` nests nothing).
 */
export function tooDeepAt(content: string, limit = MAX_NESTING): number {
  let brackets = 0;
  let conditionals = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === OPEN_PAREN || code === OPEN_BRACKET || code === OPEN_BRACE) brackets++;
    else if (code === CLOSE_PAREN || code === CLOSE_BRACKET || code === CLOSE_BRACE) brackets = Math.max(0, brackets - 1);
    else if (code === QUESTION) {
      const next = content.charCodeAt(i + 1);
      if (next === QUESTION || next === DOT) i++;
      else conditionals++;
    } else if (code === COLON && conditionals > 0) conditionals--;
    else continue;
    if (brackets + conditionals > limit) return i;
  }
  return -1;
}

/** Parse with oxc. Offsets are UTF-16 code units of `content`; a hashbang line is part of the program. */
export function parseSource(content: string, path: string, isTypeScript: boolean): ParseOutcome {
  const index = new LineIndex(content);
  const deep = tooDeepAt(content);
  if (deep >= 0) {
    const at = index.position(deep);
    return { ok: false, error: { message: `nested more than ${MAX_NESTING} levels deep (brackets and ?:): not parsed`, line: at.line, column: at.column } };
  }
  let program: Node;
  let comments: TextRange[];
  try {
    const result = parseSync(path, content, parserOptions(path, isTypeScript));
    const error = result.errors.find((e) => e.severity === 'Error');
    if (error) {
      // An error at the end of the file (`unexpected end`) points past a final newline: keep it on the last line.
      const end = content.endsWith('\n') ? content.length - 1 : content.length;
      const at = index.position(Math.max(0, Math.min(error.labels[0]?.start ?? 0, end)));
      return { ok: false, error: { message: error.message, line: at.line, column: at.column } };
    }
    program = result.program as unknown as Node;
    comments = result.comments;
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error), line: 1, column: 1 } };
  }
  const pos = (offset: number): Position => index.position(offset);
  const span = (node: Node): Span => {
    const start = index.position(node.start);
    const end = index.position(node.end);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
  const start = (node: Node): Position => index.position(node.start);
  const body = Array.isArray(program.body) ? (program.body as Node[]) : [];
  const line = (offset: number): number => index.lineOf(offset);
  return { ok: true, parsed: { program, body, index, isTypeScript, comments, pos, line, start, span } };
}

import { parseSync, rawTransferSupported, type ParserOptions } from 'oxc-parser';
import type { Position, Span } from '../../facts/types.js';
import type { TextRange } from '../shared/code-lines.js';
import { LineIndex } from '../shared/text.js';

/** The file ends with an ECMAScript line terminator. */
const ENDS_WITH_BREAK = /[\n\r\u2028\u2029]$/;
import type { Node } from './ast.js';
import { nestingExceeds } from './nesting.js';

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
 * Nesting the parser is given at most, as estimated by `nestingExceeds`. oxc recurses once per level
 * natively and (raw transfer) in JS: on the main thread's 8 MB stack a few thousand levels of
 * brackets, and fewer of type arguments, overflow it and kill the whole process, which no `catch` can
 * turn into a finding. Real code stays far below; a file above is reported as a parse error and not
 * parsed.
 */
export const MAX_NESTING = 1000;

/** Offset where the nesting of `content` first exceeds `limit`, or -1. */
export function tooDeepAt(content: string, isTypeScript: boolean, path = isTypeScript ? 'a.ts' : 'a.js', limit = MAX_NESTING): number {
  const lower = path.toLowerCase();
  const jsx = !isTypeScript || lower.endsWith('.tsx');
  return nestingExceeds(content, limit, { jsx, typescript: isTypeScript });
}

/** Parse with oxc. Offsets are UTF-16 code units of `content`; a hashbang line is part of the program. */
export function parseSource(content: string, path: string, isTypeScript: boolean): ParseOutcome {
  const index = new LineIndex(content, 'ecmascript');
  const deep = tooDeepAt(content, isTypeScript, path);
  if (deep >= 0) {
    const at = index.position(deep);
    return { ok: false, error: { message: `nested more than ${MAX_NESTING} levels deep: not parsed, so that the parser cannot overflow its stack`, line: at.line, column: at.column } };
  }
  let program: Node;
  let comments: TextRange[];
  try {
    const result = parseSync(path, content, parserOptions(path, isTypeScript));
    const error = result.errors.find((e) => e.severity === 'Error');
    if (error) {
      // An error at the end of the file (`unexpected end`) points past a final newline: keep it on the last line.
      const end = ENDS_WITH_BREAK.test(content) ? content.length - 1 : content.length;
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

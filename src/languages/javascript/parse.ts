import { parseSync } from '@swc/core';
import type { Position, Span } from '../../facts/types.js';
import { LineIndex } from '../shared/text.js';
import type { Node } from './ast.js';

export interface ParsedSource {
  program: Node;
  /** Top-level statements, without the `;` sentinel added in front of the source. */
  body: Node[];
  index: LineIndex;
  isTypeScript: boolean;
  /** swc byte position -> 1-based line/column in the original text. */
  pos(bytePos: number): Position;
  /** swc byte position -> 1-based line (same as `pos(bytePos).line`, fast for increasing positions). */
  line(bytePos: number): number;
  /** Start position of a node in the original text. */
  start(node: Node): Position;
  /** Span of a node in the original text. */
  span(node: Node): Span;
}

export type ParseOutcome = { ok: true; parsed: ParsedSource } | { ok: false; error: Position & { message: string } };

/** Replace a leading `#!` line with spaces of the same UTF-8 byte length (byte offsets stay valid). */
function blankHashbang(content: string): string {
  if (!content.startsWith('#!')) return content;
  const end = content.indexOf('\n');
  const line = end < 0 ? content : content.slice(0, end);
  return ' '.repeat(Buffer.byteLength(line, 'utf8')) + content.slice(line.length);
}

type SwcOptions = NonNullable<Parameters<typeof parseSync>[1]>;

/**
 * `isModule: 'unknown'` (accepted by the native binding, missing from the typings) lets swc
 * parse sloppy-mode scripts (`with`, legacy octals) as well as modules.
 */
function parserOptions(path: string, isTypeScript: boolean): SwcOptions {
  const common = { decorators: true, isModule: 'unknown', target: 'esnext' };
  const lower = path.toLowerCase();
  if (isTypeScript) return { syntax: 'typescript', tsx: lower.endsWith('.tsx'), dts: /\.d\.[cm]?ts$/.test(lower), ...common } as SwcOptions;
  return { syntax: 'ecmascript', jsx: true, ...common } as SwcOptions;
}

/**
 * Parse with swc. A `;` is put in front of the text: the resulting EmptyStatement's span start is
 * the base position, which makes positions right even when swc keeps one growing source map across
 * calls. swc positions are UTF-8 byte offsets; LineIndex converts them to UTF-16 columns.
 */
export function parseSource(content: string, path: string, isTypeScript: boolean): ParseOutcome {
  const index = new LineIndex(content);
  let program: Node;
  try {
    program = parseSync(`;${blankHashbang(content)}`, parserOptions(path, isTypeScript)) as unknown as Node;
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
  const all = Array.isArray(program.body) ? (program.body as Node[]) : [];
  const base = all[0]?.span?.start ?? 1;
  const pos = (bytePos: number): Position => index.positionOfByte(Math.max(0, bytePos - base - 1));
  const span = (node: Node): Span => {
    const start = pos(node.span?.start ?? base + 1);
    const end = pos(node.span?.end ?? base + 1);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
  const start = (node: Node): Position => pos(node.span?.start ?? base + 1);
  const line = lineLookup(content, index, base);
  return { ok: true, parsed: { program, body: all.slice(1), index, isTypeScript, pos, line, start, span } };
}

/**
 * Byte position -> line, equal to `index.positionOfByte(...).line`, with a cursor on the last
 * line found: positions mostly come in increasing order, so most look-ups step 0 or 1 line.
 */
function lineLookup(content: string, index: LineIndex, base: number): (bytePos: number) => number {
  const starts: number[] = [0];
  for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
  const last = starts.length - 1;
  let cursor = 0;
  return (bytePos: number): number => {
    const offset = index.charOffset(Math.max(0, bytePos - base - 1));
    let lo = cursor;
    if (starts[lo]! <= offset) {
      // Forward: a few linear steps, then a binary search.
      let steps = 0;
      while (lo < last && starts[lo + 1]! <= offset && steps < 8) {
        lo++;
        steps++;
      }
      if (lo < last && starts[lo + 1]! <= offset) {
        let hi = last;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= offset) lo = mid;
          else hi = mid - 1;
        }
      }
    } else {
      lo = 0;
      let hi = cursor - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
    }
    cursor = lo;
    return lo + 1;
  };
}

/**
 * swc throws a rendered diagnostic: "  x Message\n   ,----\n 3 | code\n   :    ^^^". The message is
 * the first line; line and column come from the last numbered source line before the caret line.
 * Columns are counted in characters of the rendered line (tabs may make them approximate).
 */
export function describeError(error: unknown): Position & { message: string } {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n');
  const first = lines.find((l) => l.trim().length > 0) ?? 'Syntax error';
  const message = first.trim().replace(/^x\s+/, '') || 'Syntax error';
  let line = 1;
  let bar = -1;
  for (const row of lines) {
    const numbered = /^\s*(\d+) \|/.exec(row);
    if (numbered) {
      line = Number(numbered[1]);
      bar = row.indexOf('|');
      continue;
    }
    const caret = row.indexOf('^');
    if (bar >= 0 && caret > bar && /^\s*:/.test(row)) {
      const column = caret - bar - 1 - (line === 1 ? 1 : 0);
      return { message, line, column: Math.max(1, column) };
    }
  }
  return { message, line, column: 1 };
}

/**
 * A plain JavaScript copy of a tree-sitter tree. Extraction runs many passes over the tree;
 * copying it once keeps those passes out of the wasm boundary and lets the wasm tree be deleted
 * immediately. Offsets are UTF-16 code units: web-tree-sitter parses a JS string as UTF-16, so
 * `startIndex`/`endIndex` index straight into the string (verified by the non-ASCII tests).
 */
import type { Node, TreeCursor } from 'web-tree-sitter';
import type { LineIndex } from '../shared/text.js';
import type { Position, Span } from '../../facts/types.js';

export interface PyNode {
  type: string;
  named: boolean;
  /** Field name in the parent (`body`, `condition`, ...). */
  field?: string;
  /** UTF-16 offsets into the source. */
  start: number;
  end: number;
  missing: boolean;
  children: PyNode[];
  parent?: PyNode;
}

/** The decoded source with its line index: everything needed to turn nodes into text and positions. */
export interface Source {
  text: string;
  lines: LineIndex;
}

function fromCursor(cursor: TreeCursor, parent: PyNode | undefined, withMissing: boolean): PyNode {
  const node: PyNode = {
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    field: cursor.currentFieldName ?? undefined,
    start: cursor.startIndex,
    end: cursor.endIndex,
    missing: withMissing && cursor.nodeIsMissing,
    children: [],
    parent,
  };
  parent?.children.push(node);
  return node;
}

/**
 * Copies the tree iteratively (no recursion, so deeply nested expressions cannot overflow the stack).
 * `missing` flags are only read when the tree has errors (each cursor read crosses into wasm).
 */
export function copyTree(root: Node): PyNode {
  const withMissing = root.hasError;
  const cursor = root.walk();
  try {
    const top = fromCursor(cursor, undefined, withMissing);
    let current = top;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        current = fromCursor(cursor, current, withMissing);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || current.parent === undefined) return top;
        current = current.parent;
      }
      current = fromCursor(cursor, current.parent, withMissing);
    }
  } finally {
    cursor.delete();
  }
}

export function textOf(src: Source, node: PyNode): string {
  return src.text.slice(node.start, node.end);
}

export function positionOf(src: Source, node: PyNode): Position {
  return src.lines.position(node.start);
}

/** Span of a node; the end column is exclusive (the column after the last character). */
export function spanOf(src: Source, node: PyNode): Span {
  const start = src.lines.position(node.start);
  const end = src.lines.position(node.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function fieldChild(node: PyNode, field: string): PyNode | undefined {
  return node.children.find((c) => c.field === field);
}

export function fieldChildren(node: PyNode, field: string): PyNode[] {
  return node.children.filter((c) => c.field === field);
}

export function namedChildren(node: PyNode): PyNode[] {
  return node.children.filter((c) => c.named && c.type !== 'comment');
}

/**
 * Pre-order walk over every descendant of `root` (not `root` itself). The visitor returns
 * `false` to skip a node's children. Iterative, so it is safe on very deep trees.
 */
export function walk(root: PyNode, visit: (node: PyNode) => boolean | void): void {
  const stack: PyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** Every node of the tree grouped by type, each group in source (pre-)order. Built once per file. */
export type NodeIndex = ReadonlyMap<string, readonly PyNode[]>;

export function indexNodes(root: PyNode): NodeIndex {
  const index = new Map<string, PyNode[]>();
  walk(root, (node) => {
    const group = index.get(node.type);
    if (group) group.push(node);
    else index.set(node.type, [node]);
  });
  return index;
}

/** Nodes of the given types in source order. */
export function nodesOf(index: NodeIndex, ...types: string[]): PyNode[] {
  const found = types.flatMap((type) => index.get(type) ?? []);
  return types.length > 1 ? found.sort((a, b) => a.start - b.start || b.end - a.end) : found;
}

export const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * Walks one scope: like `walk`, but nested function/class definitions (and decorated ones) are
 * visited themselves and never entered. Lambdas and comprehensions are entered.
 */
export function walkScope(root: PyNode, visit: (node: PyNode) => boolean | void): void {
  walk(root, (node) => {
    const result = visit(node);
    return result !== false && !DEFINITIONS.has(node.type);
  });
}

/** Nearest enclosing function or class definition node. */
export function ownerOf(node: PyNode): PyNode | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') return p;
  }
  return undefined;
}

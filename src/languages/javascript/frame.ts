import type { Position } from '../../facts/types.js';
import type { Node } from './ast.js';
import type { BodyHasher } from './bodyhash.js';
import type { FunctionNaming } from './functions.js';

/** Metrics accumulated while walking one function body (nested functions excluded). */
export interface FunctionDraft {
  naming: FunctionNaming;
  exported: boolean;
  /** The function is a test-suite block (test-callbacks.ts). */
  testCallback: boolean;
  complexity: number;
  maxDepth: number;
  statements: number;
  assertions: number;
  unboundedLoops: Position[];
  globalWrites: Array<Position & { name: string; lazy?: boolean }>;
}

/**
 * A code path being walked: a function (with a draft), or a sink that swallows metrics
 * (module top level, class field initialisers, static blocks — ESLint gives them their own
 * code paths, so they must not count towards the enclosing function).
 */
export interface Frame {
  node: Node;
  draft?: FunctionDraft;
  depth: number;
  /**
   * Names declared in this code path; left undefined for functions with a body until a write to
   * a module-level mutable name needs them (most functions never do), see `localsOf`.
   */
  locals?: ReadonlySet<string>;
  /** The function's body node, and the hash of its structure, fed while the walk is inside it. */
  body?: Node;
  hasher?: BodyHasher;
}

export function newDraft(naming: FunctionNaming, exported: boolean, testCallback = false): FunctionDraft {
  return {
    naming,
    exported,
    testCallback,
    complexity: 1,
    maxDepth: 0,
    statements: 0,
    assertions: 0,
    unboundedLoops: [],
    globalWrites: [],
  };
}

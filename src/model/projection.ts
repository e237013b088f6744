/**
 * What the cross-file rules read of a file's facts: the projections a project rule gets on a pool
 * worker or keeps in its incremental state, and what a shard's partial carries to the merge
 * (docs/architecture.md "Shards").
 */
import type { FileFacts } from '../facts/types.js';

/** What a rule reads of one file: its path, its language and the `reads` fields. */
export type Projection = Partial<FileFacts> & Pick<FileFacts, 'path' | 'language'>;

/** A copy of the facts with only `path`, `language` and the `reads` fields (also what goes to a pool worker). */
export function project(facts: FileFacts, reads: ReadonlyArray<keyof FileFacts>): Projection {
  const out: Projection = { path: facts.path, language: facts.language };
  for (const field of reads) (out as Record<string, unknown>)[field] = facts[field];
  return out;
}

/**
 * What a partial keeps of a file's facts: all that the project rules (imports, functions with their
 * body hashes, the token stream) and the summaries and scores (lines, code lines, functions,
 * directives, parse error) read; the rest only file rules read, and their findings travel instead.
 */
export function partialFacts(facts: FileFacts): FileFacts {
  return { ...facts, classes: [], literals: [], moduleState: [], calls: [], secrets: [] };
}

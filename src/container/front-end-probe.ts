import type { FileFacts, SourceFile } from '../facts/types.js';

export interface ProbeResult {
  /** One line per broken front-end; empty when both load and parse. */
  problems: string[];
}

const JS_PROBE: SourceFile = { path: 'probe.ts', language: 'typescript', content: 'export function probe(a: number): number { return a; }\n' };
const PY_PROBE: SourceFile = { path: 'probe.py', language: 'python', content: 'def probe(a):\n    return a\n' };

/**
 * Parses one tiny function in each language with the real front-ends, both at once: TypeScript with
 * oxc on a pool worker thread (the path that analyses take; bin/run.js has it load oxc early), Python
 * with tree-sitter on this thread. Each broken front-end is one problem line, named by its language.
 */
export async function probeFrontEnds(): Promise<ProbeResult> {
  const outcomes = await Promise.allSettled([extractOnPool(JS_PROBE), extractHere(PY_PROBE)]);
  const problems: string[] = [];
  outcomes.forEach((outcome, i) => {
    const language = (i === 0 ? JS_PROBE : PY_PROBE).language;
    if (outcome.status === 'rejected') problems.push(`${language}: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`);
    else if (outcome.value.parseError || outcome.value.functions.length !== 1) problems.push(`${language}: ${outcome.value.parseError?.message ?? 'no function found'}`);
  });
  return { problems };
}

async function extractHere(source: SourceFile): Promise<FileFacts> {
  const { extractFacts } = await import('../languages/index.js');
  return extractFacts(source);
}

/** On a pool worker, when there are compiled workers (not when running from the TypeScript sources). */
async function extractOnPool(source: SourceFile): Promise<FileFacts> {
  const { extractOnWorker, workersAvailable } = await import('../engine/pool.js');
  if (!workersAvailable()) return extractHere(source);
  const [facts] = await extractOnWorker([source]);
  if (!facts) throw new Error('the parser worker returned no facts');
  return facts;
}

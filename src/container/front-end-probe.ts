
export interface ProbeResult {
  /** One line per broken front-end; empty when both load and parse. */
  problems: string[];
}

/** Parses one tiny function in each language with the real front-ends. */
export async function probeFrontEnds(): Promise<ProbeResult> {
  try {
    const { extractFacts } = await import('../languages/index.js');
    const pending = extractFacts({ path: 'probe.py', language: 'python', content: 'def probe(a):\n    return a\n' });
    const js = await extractFacts({ path: 'probe.ts', language: 'typescript', content: 'export function probe(a: number): number { return a; }\n' });
    const py = await pending;
    return { problems: [js, py].filter((f) => f.parseError || f.functions.length !== 1).map((f) => `${f.language}: ${f.parseError?.message ?? 'no function found'}`) };
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : String(error)] };
  }
}


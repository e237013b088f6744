/** Types of node-runtime.js, for the tests that import it. */
export function resolveBenchNode(choice: string | undefined, corpusDir: string): { path: string; note: string };

/**
 * The Python front-end: tree-sitter (wasm) parse, then FileFacts extraction. Never throws:
 * syntax errors and internal failures become `parseError`.
 */
import { type FileFacts, type FrontEnd, type SourceFile } from '../../facts/types.js';
import { startFacts } from '../shared/generated.js';
import { LineIndex } from '../shared/text.js';
import { collectCalls } from './calls.js';
import { collectSecrets } from './credentials.js';
import { collectDefinitions, pythonCodeLines } from './definitions.js';
import { syntaxError } from './errors.js';
import { collectImports, collectModuleState } from './imports.js';
import { collectLiterals } from './literals.js';
import { pythonParser } from './parser.js';
import { scanTokens } from './tokens.js';
import { copyTree, indexNodes, nodesOf, type PyNode, type Source } from './tree.js';
import { encodingProblem, pythonText } from './source.js';
import { capDirectives, directiveIn } from '../shared/directives.js';
import type { DirectiveFact } from '../../facts/types.js';

function failed(file: SourceFile, src: Source, parseError: FileFacts['parseError']): FileFacts {
  return { ...startFacts(file, src.lines.lineCount), parseError };
}

function factsOf(file: SourceFile, src: Source, root: PyNode): FileFacts {
  const facts = startFacts(file, src.lines.lineCount);
  const { tokens, codeLines } = scanTokens(src, root);
  const index = indexNodes(root);
  const { functions, classes } = collectDefinitions({ src, codeLines: pythonCodeLines(src, index) }, root, index);
  return {
    ...facts,
    codeLines,
    functions,
    classes,
    literals: collectLiterals(src, index),
    imports: collectImports(src, index),
    moduleState: collectModuleState(src, index),
    calls: collectCalls(src, index),
    secrets: collectSecrets(src, index),
    tokens,
    directives: directivesOf(src, root, index),
  };
}

/** The suppression comments; the first comment block is what comes before the first statement. */
function directivesOf(src: Source, root: PyNode, index: ReturnType<typeof indexNodes>): DirectiveFact[] {
  const firstCode = root.children.find((child) => child.named && child.type !== 'comment')?.start ?? src.text.length;
  const out: DirectiveFact[] = [];
  for (const comment of nodesOf(index, 'comment')) {
    const text = src.text.slice(comment.start + 1, comment.end);
    if (!text.includes('connascence-')) continue;
    const at = src.lines.position(comment.start);
    const fact = directiveIn(text, { line: at.line, column: at.column, endLine: at.line }, comment.start < firstCode);
    if (fact) out.push(fact);
  }
  return capDirectives(out);
}

/**
 * What tree-sitter may spend on a file before it gives up. Its error recovery is quadratic on some
 * garbage (a 250 KB line of TypeScript took 20 s): deterministic first, by the progress checks it
 * makes (real code makes under 20 per KB; the worst garbage seen, thousands), then by wall-clock
 * time, for the recovery that makes few checks but slow ones (normal code parses at ~0.2 ms per KB).
 */
const MAX_CHECKS_PER_KB = 400;
const MIN_CHECKS = 20_000;
const MAX_MS = 1_000;
const MAX_MS_PER_KB = 2;

class ParseBudgetExceeded extends Error {}

/** Parses and copies the tree, deleting the wasm tree right away. */
async function parse(content: string): Promise<{ root: PyNode; hasError: boolean } | undefined> {
  const parser = await pythonParser();
  const kb = content.length / 1024;
  const maxChecks = MIN_CHECKS + MAX_CHECKS_PER_KB * kb;
  const deadline = performance.now() + MAX_MS + MAX_MS_PER_KB * kb;
  let checks = 0;
  let cancelled = false;
  // Returning true cancels the parse (the typings say void).
  const progressCallback = ((): boolean => {
    cancelled ||= ++checks > maxChecks || performance.now() > deadline;
    return cancelled;
  }) as unknown as () => void;
  const tree = parser.parse(content, null, { progressCallback });
  if (!tree) {
    // A cancelled parse would be resumed by the next call.
    parser.reset();
    if (cancelled) throw new ParseBudgetExceeded('the parser gave up: recovering from the syntax errors in this file costs too much');
    return undefined;
  }
  try {
    return { root: copyTree(tree.rootNode), hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

/**
 * Facts of one file, read as CPython reads it (source.ts): lone CRs end lines, a BOM is set aside,
 * and a coding declaration the tool does not follow is recorded whatever else happens.
 */
async function extract(file: SourceFile): Promise<FileFacts> {
  const { text, bom } = pythonText(file.content);
  const encoding = encodingProblem(text, bom);
  const facts = await extractText({ ...file, content: text });
  return encoding ? { ...facts, encoding } : facts;
}

async function extractText(file: SourceFile): Promise<FileFacts> {
  const src: Source = { text: file.content, lines: new LineIndex(file.content, 'python') };
  try {
    const parsed = await parse(file.content);
    if (!parsed) return failed(file, src, { line: 1, column: 1, message: 'Python parser returned no tree' });
    if (parsed.hasError) return failed(file, src, syntaxError(src, parsed.root));
    return factsOf(file, src, parsed.root);
  } catch (error) {
    if (error instanceof ParseBudgetExceeded) return failed(file, src, { line: 1, column: 1, message: error.message });
    const reason = error instanceof Error ? error.message : String(error);
    return failed(file, src, { line: 1, column: 1, message: `Python front-end failed: ${reason}` });
  }
}

export const pythonFrontEnd: FrontEnd = {
  languages: ['python'],
  extract,
};

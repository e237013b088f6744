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
import { copyTree, indexNodes, type PyNode, type Source } from './tree.js';

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
  };
}

/** Parses and copies the tree, deleting the wasm tree right away. */
async function parse(content: string): Promise<{ root: PyNode; hasError: boolean } | undefined> {
  const parser = await pythonParser();
  const tree = parser.parse(content);
  if (!tree) return undefined;
  try {
    return { root: copyTree(tree.rootNode), hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

async function extract(file: SourceFile): Promise<FileFacts> {
  const src: Source = { text: file.content, lines: new LineIndex(file.content) };
  try {
    const parsed = await parse(file.content);
    if (!parsed) return failed(file, src, { line: 1, column: 1, message: 'Python parser returned no tree' });
    if (parsed.hasError) return failed(file, src, syntaxError(src, parsed.root));
    return factsOf(file, src, parsed.root);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(file, src, { line: 1, column: 1, message: `Python front-end failed: ${reason}` });
  }
}

export const pythonFrontEnd: FrontEnd = {
  languages: ['python'],
  extract,
};

import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { pythonParser } from '../../src/languages/python/parser.js';
import { copyTree, indexNodes } from '../../src/languages/python/tree.js';
import { LineIndex } from '../../src/languages/shared/text.js';
import { scanTokens } from '../../src/languages/python/tokens.js';
import { collectDefinitions } from '../../src/languages/python/definitions.js';
import { collectLiterals } from '../../src/languages/python/literals.js';
import { collectImports, collectModuleState } from '../../src/languages/python/imports.js';
import { collectCalls } from '../../src/languages/python/calls.js';
import { collectSecrets } from '../../src/languages/python/credentials.js';
it('prof', async () => {
  const content = readFileSync('/usr/lib/python3.11/_pydecimal.py', 'utf8');
  const parser = await pythonParser();
  for (let round = 0; round < 12; round++) {
    const t: Record<string, number> = {};
    let now = performance.now();
    const lap = (k: string) => { const n = performance.now(); t[k] = Math.round(n - now); now = n; };
    const tree = parser.parse(content)!; lap('parse');
    const root = copyTree(tree.rootNode); lap('copy'); tree.delete();
    const src = { text: content, lines: new LineIndex(content) };
    scanTokens(src, root); lap('tokens');
    const index = indexNodes(root); lap('index');
    collectDefinitions({ src, fileIsTest: false }, index); lap('defs');
    collectLiterals(src, index); lap('literals');
    collectImports(src, index); collectModuleState(src, index); lap('imports');
    collectCalls(src, index); lap('calls');
    collectSecrets(src, index); lap('secrets');
    if (round >= 9) console.log(JSON.stringify(t));
  }
});

import { Parser, Language } from 'web-tree-sitter';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
await Parser.init();
const lang = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
const p = new Parser(); p.setLanguage(lang);
const src = process.argv[2];
const t = p.parse(src);
function dump(c, ind='') { const f = c.currentFieldName; console.log(ind + (f? f+': ':'') + c.nodeType + (c.nodeIsNamed?'':'(anon)') + ' ' + JSON.stringify(c.nodeText.slice(0,30))); if (c.gotoFirstChild()) { do dump(c, ind+'  '); while (c.gotoNextSibling()); c.gotoParent(); } }
dump(t.rootNode.walk());

import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { test } from 'vitest';
import { extractJavaScript } from '../../src/languages/javascript/index.js';
test('bulk', () => {
  const files = execSync("find node_modules -type f \\( -name '*.js' -o -name '*.ts' -o -name '*.mjs' -o -name '*.tsx' \\) -size -400k | head -3000").toString().trim().split('\n');
  let errors = 0, internal = 0, fns = 0, bytes = 0;
  const t0 = Date.now();
  for (const file of files) {
    const content = readFileSync(file, 'utf8');
    bytes += content.length;
    const f = extractJavaScript({ path: file, language: /\.[mc]?tsx?$/.test(file) ? 'typescript' : 'javascript', content });
    if (f.parseError) { errors++; if (f.parseError.message.startsWith('internal')) { internal++; console.log(file, f.parseError.message); } }
    fns += f.functions.length;
  }
  console.log({ files: files.length, errors, internal, fns, mb: bytes / 1e6, ms: Date.now() - t0 });
}, 600000);

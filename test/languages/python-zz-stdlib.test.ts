import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { pythonFrontEnd } from '../../src/languages/python/index.js';
it('stdlib', async () => {
  const files = readFileSync('/tmp/stdlib-files.txt', 'utf8').trim().split('\n');
  const radon = JSON.parse(execFileSync('radon', ['cc', '-j', '--show-closures', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  let compared = 0, mismatches = 0, missing = 0, parseErrors = 0, ms = 0;
  for (const file of files) {
    const content = readFileSync(file, 'utf8');
    const t = performance.now();
    const facts = await pythonFrontEnd.extract({ path: file, language: 'python', content });
    ms += performance.now() - t;
    if (facts.parseError) { parseErrors++; console.log('PARSE', file, facts.parseError.message); continue; }
    const ours = new Map(facts.functions.map((f) => [`${f.line}:${f.name.split('.').pop()}`, f.complexity]));
    const seen = new Set<string>();
    const visit = (b: any) => {
      if (b.type !== 'class') {
        const key = `${b.lineno}:${b.name.split('.').pop()}`;
        if (!seen.has(key)) { seen.add(key); compared++;
          const c = ours.get(key);
          if (c === undefined) { missing++; if (missing < 10) console.log('MISSING', file, key); }
          else if (c !== b.complexity) { mismatches++; if (mismatches < 30) console.log('MISMATCH', file, key, 'ours', c, 'radon', b.complexity); }
        }
      }
      for (const i of [...(b.closures ?? []), ...(b.methods ?? [])]) visit(i);
    };
    if (Array.isArray(radon[file])) radon[file].forEach(visit); else console.log('RADON ERR', file);
  }
  console.log({ files: files.length, compared, mismatches, missing, parseErrors, ms: Math.round(ms) });
}, 600_000);

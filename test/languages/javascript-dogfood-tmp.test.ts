import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'vitest';
import { extractJavaScript } from '../../src/languages/javascript/index.js';
test('dogfood', () => {
  const dir = 'src/languages/javascript/';
  for (const file of readdirSync(dir)) {
    const f = extractJavaScript({ path: dir + file, language: 'typescript', content: readFileSync(dir + file, 'utf8') });
    if (f.parseError) console.log(file, f.parseError);
    for (const fn of f.functions) {
      if (fn.lengthLines > 60 || fn.complexity > 10 || fn.maxDepth > 4 || fn.positionalParams > 3) console.log(file, fn.name, fn.line, fn.lengthLines, fn.complexity, fn.maxDepth, fn.positionalParams);
    }
    console.log(file, f.lines, f.codeLines, f.functions.length, f.tokens.hashes.length, f.literals.filter(l => l.kind === 'number' && l.context === 'other' && !['0','1','-1','2'].includes(l.value)).map(l => l.value + '@' + l.line).join(' '));
  }
});

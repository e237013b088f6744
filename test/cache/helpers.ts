import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach } from 'vitest';
import { factsKey } from '../../src/cache/key.js';
import { emptyFacts, packTokens, type FileFacts } from '../../src/facts/types.js';

const created: string[] = [];

/** A fresh temp dir, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'connascence-cache-test-'));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Realistic facts for a file with `functions` functions; `content` makes the key. */
export function sampleFacts(path: string, functions = 3): { key: string; facts: FileFacts } {
  const content = `// ${path}\n${'function f() {}\n'.repeat(functions)}`;
  const facts = emptyFacts({ path, language: 'typescript', content }, functions + 1);
  for (let i = 0; i < functions; i++) {
    facts.functions.push({
      name: `f${i}`, line: i + 2, column: 1, endLine: i + 2, endColumn: 16, positionalParams: 0, totalParams: 0, lengthLines: 1, codeLines: 1,
      complexity: 1, maxDepth: 0, assertions: 0, statements: 0, recursionLines: [], callees: [], unboundedLoops: [], globalWrites: [],
      exported: false, anyInSignature: [], unannotatedParams: [], isTest: false,
    });
  }
  facts.literals.push({ kind: 'string', value: 'héllo ✓', raw: "'héllo ✓'", context: 'other', line: 1, column: 1 });
  // Token hashes use all 32 bits (values over 2^31 must survive the base64 encoding).
  facts.tokens = packTokens([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 123456789], [1, 1, 2, 2, 3, 70000]);
  return { key: factsKey({ path, language: 'typescript', content }), facts };
}

/** Every file under dir, relative, sorted (to prove nothing was written). */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(current, name);
      out.push(relative(dir, path) + (statSync(path).isDirectory() ? '/' : ''));
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

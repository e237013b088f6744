/**
 * oxc-parser hands the AST over in one of two ways (src/languages/javascript/parse.ts): raw transfer
 * on Node 22+ (what the image and the benchmark run) and JSON on Node 20 (what this machine's Node
 * and many CI runners run). Both must give the same facts: each mode runs in a Node 22 child process
 * over real fixtures and sources, and the facts are compared whole.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBenchNode } from '../../bench/node-runtime.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

const JS_TS = /\.(js|jsx|ts|tsx|mjs|cjs|mts|cts)$/;

function sourcesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourcesUnder(path, out);
    else if (JS_TS.test(name)) out.push(path);
  }
  return out;
}

/** Facts of every file, extracted by the built front-end in a child Node with the given transfer mode. */
function factsIn(node: string, mode: 'raw' | 'standard', files: string[]): { mode: string; facts: unknown[] } {
  const script = `
    import { readFileSync } from 'node:fs';
    const { extractJavaScript } = await import(${JSON.stringify(join(PROJECT_ROOT, 'dist/languages/javascript/index.js'))});
    const { transferMode } = await import(${JSON.stringify(join(PROJECT_ROOT, 'dist/languages/javascript/parse.js'))});
    const files = JSON.parse(process.argv[1]);
    const facts = files.map((path) => {
      const f = extractJavaScript({ path, content: readFileSync(path, 'utf8'), language: /\\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript' });
      return { ...f, tokens: { hashes: Array.from(f.tokens.hashes), lines: Array.from(f.tokens.lines) } };
    });
    process.stdout.write(JSON.stringify({ mode: transferMode(), facts }));
  `;
  const env = { ...process.env, CONNASCENCE_JS_TRANSFER: mode === 'standard' ? 'standard' : '' };
  const out = execFileSync(node, ['--input-type=module', '-e', script, JSON.stringify(files)], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as { mode: string; facts: unknown[] };
}

describe('JS/TS front-end: raw and standard AST transfer', () => {
  it('give the same facts for the fixtures and our own sources', () => {
    const node = resolveBenchNode('22', join(PROJECT_ROOT, 'bench', '.corpus')).path;
    const files = [...sourcesUnder(join(PROJECT_ROOT, 'warmup-fixtures')), ...sourcesUnder(join(PROJECT_ROOT, 'test', 'fixtures')), ...sourcesUnder(join(PROJECT_ROOT, 'src', 'languages'))];
    expect(files.length).toBeGreaterThan(50);
    const raw = factsIn(node, 'raw', files);
    const standard = factsIn(node, 'standard', files);
    expect(raw.mode).toBe('raw');
    expect(standard.mode).toBe('standard');
    expect(raw.facts).toEqual(standard.facts);
  }, 120_000);
});

/**
 * Oracle: the Python front-end's cyclomatic complexity must equal `radon cc` (radon 5.1.0) for
 * every function, method and closure radon reports on the fixtures, matched by line and name.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonFrontEnd } from '../../src/languages/python/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/oracle/python/', import.meta.url));

interface RadonBlock {
  type: 'function' | 'method' | 'class';
  name: string;
  lineno: number;
  complexity: number;
  closures?: RadonBlock[];
  methods?: RadonBlock[];
}

function radonAvailable(): boolean {
  try {
    execFileSync('radon', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const available = radonAvailable();
const required = Boolean(process.env.CI || process.env.CONNASCENCE_REQUIRE_RADON);
if (!available && !required) {
  console.warn('[radon oracle] SKIPPED: `radon` is not on PATH (install it, e.g. `apt-get install radon`, to run the Python complexity oracle).');
}

/** Every function/method radon reports, closures and methods of inner classes included. */
function radonFunctions(file: string): Map<string, RadonBlock> {
  const output = execFileSync('radon', ['cc', '-j', '--show-closures', file], { encoding: 'utf8' });
  const blocks = Object.values(JSON.parse(output) as Record<string, RadonBlock[]>)[0] ?? [];
  const found = new Map<string, RadonBlock>();
  const visit = (block: RadonBlock): void => {
    if (block.type !== 'class') found.set(`${block.lineno}:${block.name.split('.').pop()}`, block);
    for (const inner of [...(block.closures ?? []), ...(block.methods ?? [])]) visit(inner);
  };
  blocks.forEach(visit);
  return found;
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).sort();

describe.skipIf(!available && !required)('radon cc oracle (Python complexity)', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixtures)('%s: complexity equals radon for every function radon reports', async (name) => {
    const path = join(FIXTURES, name);
    const facts = await pythonFrontEnd.extract({ path: name, language: 'python', content: readFileSync(path, 'utf8') });
    expect(facts.parseError).toBeUndefined();
    const ours = new Map(facts.functions.map((f) => [`${f.line}:${f.name.split('.').pop()}`, f.complexity]));
    const expected = radonFunctions(path);
    expect(expected.size).toBeGreaterThan(0);
    const actual = new Map([...expected.keys()].map((key) => [key, ours.get(key)]));
    const wanted = new Map([...expected].map(([key, block]) => [key, block.complexity]));
    expect(actual).toEqual(wanted);
  });
});

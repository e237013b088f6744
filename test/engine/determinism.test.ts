import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCopies, makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { seededRandom } from '../helpers/random.js';

/**
 * Issue 14, item 3: a file's facts do not depend on what the process parsed before it. Each order
 * runs in a fresh Node process (module-level state starts empty there), extracting the files one by
 * one in that order with the compiled front-ends, and prints every file's facts.
 */

const SEED = 20261207;

/** Functions long enough to be body-hashed, with the node types whose fields differ between JS and TS (object properties, patterns, methods). */
const body = (name: string): string => `function ${name}(input, { a, b } = {}, [c] = [], ...rest) {
  const table = { key: input, [a]: b, method() { return c; }, get size() { return rest.length; } };
  let total = 0;
  for (const item of rest) total += item;
  if (table.key === undefined) return total;
  class Holder { static x = 1; read() { return table; } }
  return new Holder().read().size + total;
}
`;

function mixedTree(): Record<string, string> {
  return {
    'a/first.js': body('first') + 'module.exports = { first };\n',
    'a/second.mjs': body('second') + 'export { second };\n',
    'b/typed.ts': body('typed').replace('(input,', '(input: number,') + 'export { typed };\n',
    'b/view.tsx': body('view') + 'export const View = () => <div title="x">{view(1)}</div>;\n',
    'b/plain.ts': body('plain') + 'export { plain };\n',
    'c/tool.py': `def tool(value, *rest, **options):\n    table = {"key": value, "size": len(rest)}\n    total = 0\n    for item in rest:\n        total += item\n    if table["key"] is None:\n        return total\n    return total + table["size"]\n`,
    'c/other.py': `class Other:\n    def read(self, value):\n        table = {"key": value}\n        total = 0\n        for item in value:\n            total += item\n        if table["key"] is None:\n            return total\n        return total\n`,
  };
}

const LANGUAGES: Record<string, string> = { js: 'javascript', mjs: 'javascript', ts: 'typescript', tsx: 'typescript', py: 'python' };

/** Facts of `paths` under `root`, extracted in that order in a fresh process; keyed by path, sorted. */
function factsInOrder(root: string, paths: readonly string[]): Record<string, string> {
  const script = `
    import { readFileSync } from 'node:fs';
    import { join } from 'node:path';
    import { extractFacts } from ${JSON.stringify(join(PROJECT_ROOT, 'dist/languages/index.js'))};
    const [root, ...paths] = process.argv.slice(1);
    const languages = ${JSON.stringify(LANGUAGES)};
    const out = {};
    for (const path of paths) {
      const language = languages[path.slice(path.lastIndexOf('.') + 1)];
      out[path] = JSON.stringify(await extractFacts({ path, language, content: readFileSync(join(root, path), 'utf8') }));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, root, ...paths], { encoding: 'utf8' })) as Record<string, string>;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function shuffled<T>(items: readonly T[], next: (n: number) => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

interface Report {
  findings: Array<{ ruleId: string; file: string; line: number; message: string; fingerprint: string }>;
}

const findingsOf = (stdout: string): string[] =>
  (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.fingerprint} ${f.message}`).sort();

describe('deterministic facts', () => {
  it('gives every file the same facts whatever order the process parsed the files in', () => {
    const files = mixedTree();
    const root = makeTree(files);
    const paths = Object.keys(files).sort();
    const next = seededRandom(SEED);
    // JS before TS and TS before JS both occur: sorted (a/ before b/) and reversed, then random orders.
    const orders = [paths, [...paths].reverse(), ...Array.from({ length: 4 }, () => shuffled(paths, next))];
    const reference = factsInOrder(root, paths);
    expect(Object.values(reference).some((facts) => facts.includes('"bodyHash"'))).toBe(true);
    for (const order of orders.slice(1)) expect(factsInOrder(root, order), `order ${order.join(', ')}`).toEqual(reference);
  });

  it('gives the same findings and fingerprints with 1 or 2 workers, cold, warm, and after a cache filled from a subset', () => {
    // Enough files for the pool (it parses small runs on the main thread): the warm-up fixtures, copied.
    const files: Record<string, string> = { ...mixedTree(), ...fixtureCopies(6) };
    const root = makeTree(files);
    const run = (args: string[]): string[] => {
      const result = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', ...args]);
      expect(result.code, result.stderr).toBe(0);
      return findingsOf(result.stdout);
    };
    const reference = run(['--no-cache', '--workers', '1']);
    expect(reference.some((line) => line.startsWith('CON_ALGORITHM'))).toBe(true);
    expect(run(['--no-cache', '--workers', '2'])).toEqual(reference);
    const cache = makeTree({});
    // The cache is first filled by a run over the Python and TypeScript files only, on 2 workers...
    run(['--cache-dir', cache, '--workers', '2', '--include', '**/*.py', '--include', '**/*.ts', '--include', '**/*.tsx']);
    // ...then the whole tree: TS facts from the cache, JS facts parsed now, and warm again.
    expect(run(['--cache-dir', cache, '--workers', '2'])).toEqual(reference);
    expect(run(['--cache-dir', cache, '--workers', '1'])).toEqual(reference);
  });
});

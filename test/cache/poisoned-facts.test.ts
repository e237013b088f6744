import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStore } from '../../src/cache/disk-store.js';
import { decodeFacts, encodeFacts } from '../../src/cache/facts-cache.js';
import { RECORD_DIRS, versionDirName } from '../../src/cache/layout.js';
import { isFileFactsShape } from '../../src/facts/validate.js';
import { languageOf } from '../../src/discovery/language.js';
import { extractFacts } from '../../src/languages/index.js';
import { makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';

/** Issue 14, item 2: facts read from a cache an attacker can write are checked field by field. */

type Payload = Record<string, unknown> & { functions: Array<Record<string, unknown>>; literals: Array<Record<string, unknown>> };

/** Wrong-typed payloads, each written as a well-formed entry (valid header and checksum). */
const poisons: Record<string, (payload: Payload) => unknown> = {
  'functions holds null': (p) => ({ ...p, functions: [null] }),
  'functions is an object': (p) => ({ ...p, functions: { length: 1 } }),
  'a function name is a number': (p) => ({ ...p, functions: p.functions.map((f) => ({ ...f, name: 7 })) }),
  'a line is a string': (p) => ({ ...p, functions: p.functions.map((f) => ({ ...f, line: '3' })) }),
  'a complexity is negative': (p) => ({ ...p, functions: p.functions.map((f) => ({ ...f, complexity: -1 })) }),
  'a complexity is fractional': (p) => ({ ...p, functions: p.functions.map((f) => ({ ...f, complexity: 2.5 })) }),
  'recursionLines holds objects': (p) => ({ ...p, functions: p.functions.map((f) => ({ ...f, recursionLines: [{}] })) }),
  'a callee index is out of range': (p) => ({ ...p, functions: p.functions.map((f) => ({ ...f, callees: [99999] })) }),
  'a literal value is null': (p) => ({ ...p, literals: p.literals.map((l) => ({ ...l, value: null })) }),
  'a literal context is unknown': (p) => ({ ...p, literals: p.literals.map((l) => ({ ...l, context: 'constructor' })) }),
  'imports is a string': (p) => ({ ...p, imports: 'os' }),
  'calls hold an unknown kind': (p) => ({ ...p, calls: [{ line: 1, column: 1, kind: 'toString', callee: 'x' }] }),
  'secrets is missing': ({ secrets: _secrets, ...rest }) => rest,
  'an unknown key': (p) => ({ ...p, __proto__x: 1, ['__proto__']: { polluted: true } }),
  'parseError is a string': (p) => ({ ...p, parseError: 'boom' }),
  'lines is Infinity-like': (p) => ({ ...p, lines: 1e400 }),
  'the payload is an array': () => [],
};

const SOURCE = `export function pick(items: number[], limit: number, mode: string): number {
  let total = 0;
  for (const item of items) {
    if (item > 250 && mode === 'strict') total += item * 3;
    else if (item > 100) total += item;
  }
  return total > limit ? limit : total;
}
export function again(items: number[]): number { return pick(items, 500, 'loose'); }
`;

const sampleDirs = [join(PROJECT_ROOT, 'test/fixtures/rules'), join(PROJECT_ROOT, 'warmup-fixtures')];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (languageOf(name)) out.push(path);
  }
  return out;
}

describe('facts validation', () => {
  it('accepts the facts the front-ends extract from every fixture', async () => {
    let checked = 0;
    for (const path of sampleDirs.flatMap(sourceFiles)) {
      const facts = await extractFacts({ path: relative(PROJECT_ROOT, path), language: languageOf(path)!, content: readFileSync(path, 'utf8') });
      const decoded = JSON.parse(encodeFacts(facts)) as unknown;
      expect(isFileFactsShape(decoded), path).toBe(true);
      expect(decodeFacts(encodeFacts(facts)), path).toBeDefined();
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  for (const [name, poison] of Object.entries(poisons)) {
    it(`rejects an entry whose ${name}`, async () => {
      const facts = await extractFacts({ path: 'a.ts', language: 'typescript', content: SOURCE });
      const payload = JSON.parse(encodeFacts(facts)) as Payload;
      expect(decodeFacts(JSON.stringify(payload))).toBeDefined();
      const poisoned = poison(payload);
      // JSON.stringify turns 1e400 into null, so write it out by hand.
      const text = name === 'lines is Infinity-like' ? JSON.stringify(poisoned).replace('"lines":null', '"lines":1e400') : JSON.stringify(poisoned);
      expect(decodeFacts(text)).toBeUndefined();
    });
  }

  it('a planted wrong-typed entry is a counted corrupt miss: the run parses the file and reports what a clean run reports', () => {
    const root = makeTree({ 'src/pick.ts': SOURCE, 'src/tool.py': 'def tool(a, b, c, d, e, f):\n    return eval(a)\n' });
    const cache = makeTree({});
    const analyze = () => runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--cache-dir', cache, '--workers', '1']);
    const clean = analyze();
    expect(clean.code, clean.stderr).toBe(0);
    const findings = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ ruleId: string; fingerprint: string }> }).findings.map((f) => `${f.ruleId} ${f.fingerprint}`);
    const entriesDir = join(cache, versionDirName());
    const keys = readdirSync(entriesDir).flatMap((shard) => readdirSync(join(entriesDir, shard)));
    expect(keys).toHaveLength(2);
    const store = new DiskStore({ dir: cache });
    for (const [name, poison] of Object.entries(poisons)) {
      let changed = 0;
      for (const key of keys) {
        const read = store.read(key);
        if (read.status !== 'hit') throw new Error(`entry ${key}: ${read.status}`);
        const payload = JSON.parse(read.payload) as Payload;
        const poisoned = JSON.stringify(poison(payload));
        if (poisoned !== read.payload) changed++;
        store.write(key, poisoned);
      }
      // Without the per-run records, the run reads every file's facts from the poisoned entries.
      for (const dir of RECORD_DIRS) rmSync(join(cache, dir), { recursive: true, force: true });
      const run = analyze();
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      expect(findings(run.stdout), name).toEqual(findings(clean.stdout));
      expect((JSON.parse(run.stdout) as { metrics: { cache: { corrupt: number } } }).metrics.cache.corrupt, name).toBe(changed);
      expect(changed, name).toBeGreaterThan(0);
    }
  });
});

describe('cache verify', () => {
  it('finds an entry whose well-formed facts are not what its source gives (a planted entry that hides a finding), exit 1', () => {
    const root = makeTree({ 'src/pick.ts': SOURCE, 'src/tool.py': 'import os\n\ndef tool(cmd):\n    return os.system(cmd)\n' });
    const cache = makeTree({});
    expect(runCli(['warmup-cache', '-d', root, '--cache-dir', cache]).code).toBe(0);
    const clean = runCli(['cache', 'verify', '-d', root, '--cache-dir', cache, '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ entries: 2, sampled: 2, matching: 2, differing: [], corrupt: 0, unverifiable: 0 });
    // The attack: the Python file's entry loses its shell call, so SEC_SHELL would never fire.
    const store = new DiskStore({ dir: cache });
    const entriesDir = join(cache, versionDirName());
    for (const key of readdirSync(entriesDir).flatMap((shard) => readdirSync(join(entriesDir, shard)))) {
      const read = store.read(key);
      if (read.status !== 'hit') throw new Error(read.status);
      const payload = JSON.parse(read.payload) as Payload & { path: string; calls: unknown[] };
      if (payload.path === 'src/tool.py') store.write(key, JSON.stringify({ ...payload, calls: [] }));
    }
    const poisoned = runCli(['cache', 'verify', '-d', root, '--cache-dir', cache]);
    expect(poisoned.code).toBe(1);
    expect(poisoned.stdout).toContain('1 match, 1 differ');
    expect(poisoned.stdout).toMatch(/differs: src\/tool\.py \(entry [0-9a-f]{64}\)/);
    // A changed source cannot be checked: counted apart, not called poisoned.
    writeFileSync(join(root, 'src/tool.py'), 'def tool():\n    return 1\n');
    expect(JSON.parse(runCli(['cache', 'verify', '-d', root, '--cache-dir', cache, '--json']).stdout)).toMatchObject({ matching: 1, differing: [], unverifiable: 1 });
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCopies, makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';

/** A corpus big enough for the worker pool: the warmup fixtures, copied into many packages. */
const poolCorpus = (copies: number): string => makeTree(fixtureCopies(copies));

interface Report {
  findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string; fingerprint: string }>;
  summary: { files: number };
  metrics: { workers: number };
}

const analyze = (root: string, workers: number): Report =>
  JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--no-cache', '--workers', String(workers)]).stdout) as Report;

describe('detector pool', () => {
  it('parses in worker threads and reports exactly what the main thread reports', () => {
    const root = poolCorpus(40);
    const pooled = analyze(root, 2);
    const single = analyze(root, 1);
    expect(pooled.metrics.workers).toBe(2);
    expect(single.metrics.workers).toBe(1);
    expect(pooled.summary.files).toBe(single.summary.files);
    expect(pooled.findings.length).toBeGreaterThan(40 * 40);
    expect(pooled.findings).toEqual(single.findings);
  });

  it('parses a run of under 2 MiB on the main thread by default, and starts the workers asked for', () => {
    const root = poolCorpus(2);
    const run = (flags: string[]): Report => JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--no-cache', ...flags]).stdout) as Report;
    const sized = run([]);
    const asked = run(['--workers', '2']);
    expect(sized.metrics.workers).toBe(1);
    expect(asked.metrics.workers).toBe(2);
    expect(asked.findings).toEqual(sized.findings);
  });
});

describe('project rules on the pool keep their state for incremental runs', () => {
  it('updates the last judgement after an edit exactly as a full run judges, the states coming from the workers', () => {
    const root = poolCorpus(30);
    const run = (...flags: string[]): Report & { metrics: { cache?: { judgements?: string } } } =>
      JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--workers', '2', ...flags]).stdout) as Report & { metrics: { cache?: { judgements?: string } } };
    const cold = run();
    expect(cold.metrics.workers).toBe(2);
    expect(cold.findings.some((f) => f.ruleId === 'DUPLICATION')).toBe(true);
    const states = join(root, '.connascence/cache/states-v1');
    expect(readdirSync(states)).toHaveLength(1);
    // A copy of a file's code into another file: new clones (DUPLICATION) and bodies (CON_ALGORITHM).
    const files = readdirSync(join(root, 'copy3'), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.ts')).sort();
    const target = join(root, 'copy3', files[0]!);
    writeFileSync(target, `${readFileSync(target, 'utf8')}\n${readFileSync(join(root, 'copy3', files[1]!), 'utf8')}\nexport const touched = 1;\n`);
    const updated = run();
    expect(updated.metrics.cache?.judgements).toBe('incremental');
    const full = run('--no-cache');
    expect(updated.findings).toEqual(full.findings);
    expect(updated.summary).toEqual(full.summary);
  });
});

describe('pool workers write the facts cache entries of what they parse', () => {
  it('hands back each entry with its write outcome, readable by the cache as the same facts', () => {
    const root = poolCorpus(30);
    const cacheDir = join(root, 'entries');
    const script = join(root, 'entries.mjs');
    writeFileSync(
      script,
      [
        `import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';`,
        `import { join } from 'node:path';`,
        `const dist = ${JSON.stringify(join(PROJECT_ROOT, 'dist'))};`,
        `const { ExtractionQueue } = await import(join(dist, 'engine/pool.js'));`,
        `const { FactsCache, decodeFacts } = await import(join(dist, 'cache/facts-cache.js'));`,
        `const { factsKey } = await import(join(dist, 'cache/key.js'));`,
        `const { entryPath } = await import(join(dist, 'cache/layout.js'));`,
        `const sources = [];`,
        `const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\\.ts$/.test(n)) sources.push({ path: p, language: 'typescript', content: readFileSync(p, 'utf8') }); } };`,
        `walk(${JSON.stringify(root)});`,
        `const keys = new Map(sources.map((s) => [s.path, factsKey(s)]));`,
        `let entries = 0, written = 0, sameFacts = 0, onDisk = 0, hits = 0;`,
        `const cache = FactsCache.open({ dir: ${JSON.stringify(cacheDir)} });`,
        `const queue = new ExtractionQueue({ workers: 2, entryDir: cache.dir, onFacts(path, facts, entry) {`,
        `  if (!entry) return;`,
        `  entries++;`,
        `  if (entry.written?.ok) written++;`,
        `  if (JSON.stringify(decodeFacts(entry.payload)) === JSON.stringify(facts)) sameFacts++;`,
        `  if (existsSync(entryPath(cache.dir, keys.get(path)))) onDisk++;`,
        `} });`,
        `for (const s of sources) queue.add(s, keys.get(s.path));`,
        `const workers = await queue.finish();`,
        `const later = FactsCache.open({ dir: ${JSON.stringify(cacheDir)} });`,
        `for (const s of sources) if (later.get(keys.get(s.path))) hits++;`,
        `console.log(JSON.stringify({ workers, files: sources.length, entries, written, sameFacts, onDisk, hits }));`,
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.stdout) as Record<string, number>;
    expect(outcome.workers).toBe(2);
    expect(outcome.files).toBeGreaterThan(20);
    expect(outcome).toEqual({ workers: outcome.workers, files: outcome.files, entries: outcome.files, written: outcome.files, sameFacts: outcome.files, onDisk: outcome.files, hits: outcome.files });
  });

  it('a pooled cold run fills the cache (the next run hits every file); an unwritable cache dir loses no finding', () => {
    const root = poolCorpus(30);
    const run = (...flags: string[]): Report & { metrics: { cache?: { hits: number; misses: number } } } =>
      JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--workers', '2', ...flags], { env: cacheEnv }).stdout) as Report & { metrics: { cache?: { hits: number; misses: number } } };
    let cacheEnv: NodeJS.ProcessEnv = {};
    const cacheDir = join(root, '.cold-cache');
    const cold = run('--cache-dir', cacheDir);
    expect(cold.metrics.workers).toBe(2);
    expect(cold.metrics.cache?.hits).toBe(0);
    // Warm: judgements are replayed from the run above, every file a hit on the entries the workers wrote.
    const warm = run('--cache-dir', cacheDir);
    expect(warm.metrics.cache?.hits).toBe(cold.summary.files);
    expect(warm.findings).toEqual(cold.findings);
    writeFileSync(join(root, 'plain-file'), 'not a directory');
    // Named by the environment: an unwritable --cache-dir fails fast instead (exit 3).
    cacheEnv = { CONNASCENCE_CACHE_DIR: join(root, 'plain-file', 'cache') };
    const unwritable = run();
    expect(unwritable.metrics.workers).toBe(2);
    expect(unwritable.findings).toEqual(cold.findings);
  });
});

describe('detector pool in one long-lived process', () => {
  it('reuses its workers across runs (no worker is torn down and restarted) and lets the process exit when idle', () => {
    const root = poolCorpus(30);
    const script = join(root, 'twice.mjs');
    // Two extractions in one process, like a watch mode or an embedding tool: restarting worker
    // threads that loaded swc's native binding (the JS parser before oxc) crashed the process (SIGSEGV) before the pool was kept.
    writeFileSync(
      script,
      [
        `import { readFileSync, readdirSync, statSync } from 'node:fs';`,
        `import { join } from 'node:path';`,
        `const { extractAll } = await import(${JSON.stringify(join(PROJECT_ROOT, 'dist/engine/pool.js'))});`,
        `const files = [];`,
        `const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\\.ts$/.test(n)) files.push({ path: p, language: 'typescript', content: readFileSync(p, 'utf8') }); } };`,
        `walk(${JSON.stringify(root)});`,
        `for (let run = 1; run <= 3; run++) {`,
        `  let facts = 0;`,
        `  const workers = await extractAll(files, { workers: 2, onFacts: () => { facts++; } });`,
        `  console.log(JSON.stringify({ run, workers, facts, files: files.length }));`,
        `}`,
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 120_000 });
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const runs = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { run: number; workers: number; facts: number; files: number });
    expect(runs.map((r) => r.run)).toEqual([1, 2, 3]);
    for (const run of runs) {
      expect(run.workers).toBe(2);
      expect(run.facts).toBe(run.files);
    }
  });
});

describe('one-off extraction on a pool worker (the validate-environment parser probe)', () => {
  it('queues behind a warm-up batch, returns its own facts, and lets the process exit', () => {
    const root = makeTree({});
    const script = join(root, 'probe.mjs');
    writeFileSync(
      script,
      [
        `import { isMainThread } from 'node:worker_threads';`,
        `const pool = await import(${JSON.stringify(join(PROJECT_ROOT, 'dist/engine/pool.js'))});`,
        `pool.prestartWorker();`,
        `const facts = await pool.extractOnWorker([`,
        `  { path: 'a.ts', language: 'typescript', content: 'export function a(x: number) { return x; }\\nexport function b() {}\\n' },`,
        `  { path: 'c.py', language: 'python', content: 'def c(y):\\n    return y\\n' },`,
        `]);`,
        `console.log(JSON.stringify({ main: isMainThread, facts: facts.map((f) => ({ path: f.path, functions: f.functions.map((fn) => fn.name) })) }));`,
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The warm-up batch's facts (warm-up.ts) went to nobody: the probe got exactly its own two files.
    expect(JSON.parse(result.stdout)).toEqual({ main: true, facts: [{ path: 'a.ts', functions: ['a', 'b'] }, { path: 'c.py', functions: ['c'] }] });
  });
});

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { versionDirName } from '../../src/cache/layout.js';
import { makeTree, runCli } from '../helpers/cli.js';

/** The facts folder of this build's schema. */
const FACTS_DIR = versionDirName();

const FILES = {
  'src/a.ts': 'export function move(x: number, y: number, speed: number, angle: number): number {\n  return x + y + speed + angle;\n}\n',
  'src/b.ts': 'export const LIMIT = 10;\nexport function twice(n: number): number {\n  return n * 2;\n}\n',
  'lib/c.py': 'def move(x, y, speed, angle):\n    return x + y + speed + angle\n',
};

interface Report {
  findings: Array<{ ruleId: string; file: string; line: number; message: string }>;
  metrics: { durationMs: number; phases: Record<string, number>; cache?: { hits: number; misses: number; hitRate: number; corrupt: number; writeErrors: number; judgements?: string } };
  summary: unknown;
  files: unknown[];
}

function analyze(root: string, ...flags: string[]): { report: Report; stderr: string; code: number } {
  const result = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', ...flags]);
  return { report: JSON.parse(result.stdout) as Report, stderr: result.stderr, code: result.code };
}

/** Every cache entry file under a directory (ignores folders). */
function entries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile());
}

describe('analyze with the facts cache', () => {
  it('parses everything cold, then serves every file from the cache with identical findings', () => {
    const root = makeTree(FILES);
    const cold = analyze(root).report;
    expect(cold.metrics.cache).toEqual({ hits: 0, misses: 3, hitRate: 0, corrupt: 0, writeErrors: 0, judgements: 'miss' });
    expect(entries(join(root, '.connascence/cache')).length).toBeGreaterThanOrEqual(3);
    const warm = analyze(root).report;
    expect(warm.metrics.cache).toEqual({ hits: 3, misses: 0, hitRate: 1, corrupt: 0, writeErrors: 0, judgements: 'hit' });
    expect(warm.findings).toEqual(cold.findings);
    for (const phase of ['discover', 'hash', 'parse', 'rules']) expect(warm.metrics.phases[phase]).toBeGreaterThanOrEqual(0);
    // Rendering is not timed: the report would have to rewrite its own text (see engine/session.ts).
    expect(warm.metrics.phases.report).toBeUndefined();
    // The duration covers every phase before the report (each phase is rounded to 0.1 ms).
    for (const run of [cold, warm]) {
      const { discover, hash, parse, rules } = run.metrics.phases as Record<string, number>;
      expect(run.metrics.durationMs).toBeGreaterThanOrEqual(discover! + hash! + parse! + rules! - 0.5);
    }
  });

  it('re-parses only the changed file', () => {
    const root = makeTree(FILES);
    analyze(root);
    writeFileSync(join(root, 'src/b.ts'), 'export function twice(n: number, m: number, o: number, p: number): number {\n  return n * m * o * p;\n}\n');
    const { report } = analyze(root);
    expect(report.metrics.cache).toMatchObject({ hits: 2, misses: 1 });
    expect(report.findings.filter((f) => f.ruleId === 'CON_POSITION').map((f) => f.file)).toEqual(['lib/c.py', 'src/a.ts', 'src/b.ts']);
  });

  it('judges right when facts entries are gone but the stamps still know the files (a prune between runs)', () => {
    const root = makeTree(FILES);
    const past = new Date(Date.now() - 3_600_000);
    for (const path of Object.keys(FILES)) utimesSync(join(root, path), past, past);
    analyze(root);
    rmSync(join(root, '.connascence/cache', FACTS_DIR), { recursive: true });
    writeFileSync(join(root, 'src/b.ts'), 'export function twice(n: number, m: number, o: number, p: number): number {\n  return n * m * o * p;\n}\n');
    const { metrics: _metrics, ...after } = analyze(root).report;
    const { metrics: _none, ...computed } = analyze(root, '--no-cache').report;
    expect(after).toEqual(computed);
    // The entries it needed were computed again and stored.
    expect(entries(join(root, '.connascence/cache', FACTS_DIR)).length).toBeGreaterThanOrEqual(1);
  });

  it('treats corrupt entries as misses, warns, recomputes and rewrites them', () => {
    const root = makeTree(FILES);
    const cold = analyze(root).report;
    const dir = join(root, '.connascence/cache');
    for (const entry of entries(join(dir, FACTS_DIR))) writeFileSync(join(dir, FACTS_DIR, entry), 'garbage');
    // Without the judgements of the last run, which would be reused without loading any facts.
    rmSync(join(dir, 'judgements-v1'), { recursive: true });
    const damaged = analyze(root);
    expect(damaged.report.metrics.cache).toMatchObject({ hits: 0, misses: 3, corrupt: 3 });
    expect(damaged.stderr).toContain('3 corrupt or outdated cache entries');
    expect(damaged.report.findings).toEqual(cold.findings);
    expect(analyze(root).report.metrics.cache).toMatchObject({ hits: 3, corrupt: 0 });
  });

  it('honours --no-cache, --cache-dir and CONNASCENCE_CACHE_DIR', () => {
    const root = makeTree(FILES);
    const none = analyze(root, '--no-cache').report;
    expect(none.metrics.cache).toBeUndefined();
    expect(existsSync(join(root, '.connascence'))).toBe(false);
    const flagDir = join(makeTree({}), 'flag-cache');
    analyze(root, '--cache-dir', flagDir);
    expect(entries(flagDir).length).toBeGreaterThanOrEqual(3);
    const envDir = join(makeTree({}), 'env-cache');
    const viaEnv = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none'], { env: { CONNASCENCE_CACHE_DIR: envDir } });
    expect(viaEnv.code).toBe(0);
    expect(entries(envDir).length).toBeGreaterThanOrEqual(3);
    expect(existsSync(join(root, '.connascence'))).toBe(false);
  });

  it('counts and warns about entries it cannot write (a file where the cache dir should be), and loses no finding', () => {
    const root = makeTree(FILES);
    const blocked = join(makeTree({ 'plain-file': 'not a directory' }), 'plain-file');
    const dir = join(blocked, 'cache'); // mkdir fails with ENOTDIR, even as root
    const none = analyze(root, '--no-cache').report;
    // Named by the environment, not --cache-dir (which fails fast with exit 3: see bad-input.test.ts).
    const env = { CONNASCENCE_CACHE_DIR: dir };
    const result = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none'], { env });
    const run = { report: JSON.parse(result.stdout) as Report, stderr: result.stderr, code: result.code };
    expect(run.code).toBe(0);
    expect(run.report.findings).toEqual(none.findings);
    expect(run.report.metrics.cache).toMatchObject({ misses: 3, writeErrors: 3, judgements: 'write-error' });
    expect(run.stderr).toContain(`Warning: 3 facts cache entries could not be written to ${dir}`);
    expect(run.stderr).toMatch(/ENOTDIR/);
    expect(run.stderr).toContain('--cache-dir or CONNASCENCE_CACHE_DIR');
    const text = runCli(['analyze', root, '--verbose', '--fail-on', 'none'], { env });
    expect(text.stdout).toContain('3 not written');
  });

  it('prints hits, misses and phase timings with --verbose', () => {
    const root = makeTree(FILES);
    analyze(root);
    const text = runCli(['analyze', root, '--verbose', '--fail-on', 'none']);
    expect(text.stdout).toMatch(/hit/i);
    expect(text.stdout).toMatch(/parse/);
    // Every phase as a real (non-negative) duration.
    expect(text.stdout).toMatch(/Timings: discover \d+ ms, hash \d+ ms, parse \d+ ms, rules \d+ ms, total \d+ ms/);
  });
});

describe('analyze with the judgement cache', () => {
  const judgementFiles = (root: string): string[] => entries(join(root, '.connascence/cache/judgements-v1'));

  it('reuses the last run\'s findings when no file and no setting changed, identical to a computed run', () => {
    const root = makeTree(FILES);
    const cold = analyze(root).report;
    expect(judgementFiles(root)).toHaveLength(1);
    // No stored report to replay (one is stored once the stamps know the files: on a slow machine, the first run).
    rmSync(join(root, '.connascence/cache/reports-v1'), { recursive: true, force: true });
    const warm = analyze(root).report;
    expect(warm.metrics.cache?.judgements).toBe('hit');
    expect(warm.findings).toEqual(cold.findings);
    expect(warm.summary).toEqual(cold.summary);
    expect(warm.files).toEqual(cold.files);
    const computed = analyze(root, '--cache-dir', join(makeTree({}), 'other')).report;
    expect(computed.metrics.cache?.judgements).toBe('miss');
    expect(warm.findings).toEqual(computed.findings);
  });

  it('recomputes when a file, the config, the policy or the file set changes', () => {
    const root = makeTree(FILES);
    analyze(root);
    writeFileSync(join(root, 'src/b.ts'), 'export function twice(n: number, m: number, o: number, p: number): number {\n  return n * m * o * p;\n}\n');
    const changed = analyze(root).report;
    // One file of three changed: the last judgement, updated for it (engine/incremental.ts).
    expect(changed.metrics.cache).toMatchObject({ hits: 2, misses: 1, judgements: 'incremental' });
    expect(changed.findings.filter((f) => f.ruleId === 'CON_POSITION').map((f) => f.file)).toEqual(['lib/c.py', 'src/a.ts', 'src/b.ts']);
    const { metrics: _metrics, ...updated } = changed;
    const { metrics: _none, ...computed } = analyze(root, '--no-cache').report;
    expect(updated).toEqual(computed);
    expect(analyze(root).report.metrics.cache?.judgements).toBe('hit');
    // A threshold in the config: CON_POSITION at 5 parameters no longer fires.
    writeFileSync(join(root, 'connascence.config.json'), JSON.stringify({ rules: { CON_POSITION: { options: { threshold: 5 } } } }));
    const configured = analyze(root).report;
    expect(configured.metrics.cache?.judgements).toBe('miss');
    expect(configured.findings.filter((f) => f.ruleId === 'CON_POSITION')).toEqual([]);
    const strict = analyze(root, '--policy', 'strict').report;
    expect(strict.metrics.cache?.judgements).toBe('miss');
    writeFileSync(join(root, 'src/new.ts'), 'export const fresh = 1;\n');
    const added = analyze(root).report;
    expect(added.metrics.cache?.judgements).toBe('miss');
    expect(added.metrics.cache).toMatchObject({ misses: 1 });
  });

  it('warns about a corrupt patch of an incremental run, judges right from the last base and rewrites the patch', () => {
    // Enough files that one file's findings are a small share: an incremental run stores a patch.
    const files: Record<string, string> = { ...FILES };
    for (let i = 0; i < 30; i++) files[`src/more${i}.ts`] = `export function more${i}(a: number, b: number, c: number, d: number) {\n  return a * ${i + 10} + b + c + d;\n}\n`;
    const root = makeTree(files);
    const past = new Date(Date.now() - 3_600_000);
    for (const path of Object.keys(files)) utimesSync(join(root, path), past, past);
    analyze(root);
    const patches = join(root, '.connascence/cache/patches-v1');
    writeFileSync(join(root, 'src/b.ts'), `${FILES['src/b.ts']}export const ONE = 1;\n`);
    expect(analyze(root).report.metrics.cache?.judgements).toBe('incremental');
    expect(entries(patches)).toHaveLength(1);
    for (const file of entries(patches)) writeFileSync(join(patches, file), 'garbage');
    writeFileSync(join(root, 'src/b.ts'), `${FILES['src/b.ts']}export const THREE = 3;\n`);
    const damaged = analyze(root);
    expect(damaged.report.metrics.cache?.judgements).toBe('corrupt');
    expect(damaged.stderr).toContain('cached judgements of the last run were corrupt');
    const { metrics: _metrics, ...after } = damaged.report;
    const { metrics: _none, ...computed } = analyze(root, '--no-cache').report;
    expect(after).toEqual(computed);
    expect(analyze(root).report.metrics.cache?.judgements).toMatch(/^(hit|replayed)$/);
  });

  it('warns about a corrupt judgement entry, recomputes the same findings and rewrites it', () => {
    const root = makeTree(FILES);
    const cold = analyze(root).report;
    const [file] = judgementFiles(root);
    writeFileSync(join(root, '.connascence/cache/judgements-v1', file!), 'garbage');
    rmSync(join(root, '.connascence/cache/reports-v1'), { recursive: true, force: true });
    const damaged = analyze(root);
    expect(damaged.report.metrics.cache?.judgements).toBe('corrupt');
    expect(damaged.stderr).toContain('cached judgements of the last run were corrupt');
    expect(damaged.report.findings).toEqual(cold.findings);
    // A replay once the stamps know the files (older than RACY_MS, as on a loaded machine), else a hit.
    expect(analyze(root).report.metrics.cache?.judgements).toMatch(/^(hit|replayed)$/);
  });
});

describe('warmup-cache and cache commands', () => {
  it('warms a cache, snapshots it, and a fresh cache imported from the snapshot serves every file', () => {
    const root = makeTree(FILES);
    const first = JSON.parse(runCli(['warmup-cache', '--directory', root, '--json']).stdout) as Record<string, number>;
    expect(first).toMatchObject({ files: 3, hits: 0, misses: 3 });
    const archive = join(makeTree({}), 'cache.tar');
    const second = JSON.parse(runCli(['warmup-cache', '--directory', root, '--json', '--snapshot', archive]).stdout) as Record<string, unknown>;
    expect(second).toMatchObject({ files: 3, hits: 3, misses: 0 });
    expect(second.snapshot).toMatchObject({ entries: 3 });
    const fresh = join(makeTree({}), 'imported');
    const imported = runCli(['cache', 'import', archive, '--cache-dir', fresh, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 3 });
    expect(analyze(root, '--cache-dir', fresh).report.metrics.cache).toMatchObject({ hits: 3, misses: 0 });
    const stats = JSON.parse(runCli(['cache', 'stats', '--cache-dir', fresh, '--json']).stdout) as { entries: number; bytes: number; records: number };
    expect(stats.entries).toBe(3);
    expect(stats.records).toBeGreaterThanOrEqual(2); // the analysis's judgements and replayable report
    const pruned = JSON.parse(runCli(['cache', 'prune', '--cache-dir', fresh, '--max-size', '1', '--json']).stdout) as { removed: number };
    expect(pruned.removed).toBe(stats.entries + stats.records);
    expect(JSON.parse(runCli(['cache', 'stats', '--cache-dir', fresh, '--json']).stdout)).toMatchObject({ entries: 0, records: 0 });
  });

  it('says how many entries it could not write, where and why, instead of claiming a warm cache; still exits 0 (a CI step goes on)', () => {
    const root = makeTree(FILES);
    const dir = join(makeTree({ 'plain-file': 'not a directory' }), 'plain-file', 'cache');
    const json = runCli(['warmup-cache', '--directory', root, '--cache-dir', dir, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ files: 3, misses: 3, writeErrors: 3, cacheEntries: 0, writeError: expect.stringMatching(/ENOTDIR/) as unknown });
    expect(json.stderr).toContain(`Warning: 3 of 3 cache entries could not be written to ${dir}`);
    const text = runCli(['warmup-cache', '--directory', root, '--cache-dir', dir]);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/Warning: 3 of 3 cache entries could not be written .*ENOTDIR/);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Cached 0 of 3 files from .* in \d+ ms: 0 already cached, 3 parsed \(0 stored\)\.$/);
    expect(lines[1]).toContain(`Cache ${dir}: 0 entries, 0 bytes`);
    const fine = runCli(['warmup-cache', '--directory', root, '--cache-dir', join(makeTree({}), 'cache'), '--json']);
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.stdout)).toMatchObject({ files: 3, misses: 3, writeErrors: 0 });
  });

  it('refuses a snapshot that is not an archive with exit 2', () => {
    const bogus = join(makeTree({ 'x.tar': 'not a tar archive at all' }), 'x.tar');
    const result = runCli(['cache', 'import', bogus, '--cache-dir', join(makeTree({}), 'c')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Error: /);
  });
});

describe('analyze replaying the report of the last identical run', () => {
  /** The project's files dated an hour back: old enough for the stamp index (newer ones are always read). */
  function agedTree(): string {
    const root = makeTree(FILES);
    const past = new Date(Date.now() - 3_600_000);
    for (const path of Object.keys(FILES)) utimesSync(join(root, path), past, past);
    return root;
  }
  const withoutMetrics = (text: string): string => text.slice(0, text.lastIndexOf('\n  "metrics": '));

  it('replays a JSON report byte for byte but for its metrics, which are this run\'s', () => {
    const root = agedTree();
    const first = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']).stdout;
    const second = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']).stdout;
    const replayed = JSON.parse(second) as Report & { metrics: { durationMs: number } };
    expect(replayed.metrics.cache).toEqual({ hits: 3, misses: 0, hitRate: 1, corrupt: 0, writeErrors: 0, judgements: 'replayed' });
    expect(replayed.metrics.phases).toMatchObject({ parse: 0, rules: 0 });
    expect(withoutMetrics(second)).toBe(withoutMetrics(first));
    // And equal to a report computed from scratch.
    const computed = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--cache-dir', join(makeTree({}), 'c')]).stdout;
    expect(withoutMetrics(second)).toBe(withoutMetrics(computed));
  });

  it('replays SARIF identically, with the same gate, exit code and messages', () => {
    const root = agedTree();
    const out = join(makeTree({}), 'report.sarif');
    const first = runCli(['analyze', root, '--format', 'sarif', '--fail-on', 'medium', '--output', out]);
    const firstText = readFileSync(out, 'utf8');
    const second = runCli(['analyze', root, '--format', 'sarif', '--fail-on', 'medium', '--output', out]);
    expect(readFileSync(out, 'utf8')).toBe(firstText);
    expect(second.code).toBe(first.code);
    expect(first.code).toBe(1);
    expect(second.stderr).toBe(first.stderr);
    expect(readdirSync(join(root, '.connascence/cache/reports-v1'))).toHaveLength(1);
  });

  it('renders again when a file, the gate threshold or the verbosity changes', () => {
    const root = agedTree();
    runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']);
    const gated = runCli(['analyze', root, '--format', 'json', '--fail-on', 'medium']);
    expect((JSON.parse(gated.stdout) as Report).metrics.cache?.judgements).toBe('hit');
    expect(JSON.parse(gated.stdout)).toMatchObject({ gate: { failOn: 'medium', passed: false } });
    expect(gated.code).toBe(1);
    writeFileSync(join(root, 'src/b.ts'), 'export function twice(n: number, m: number, o: number, p: number): number {\n  return n * m * o * p;\n}\n');
    const changed = JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']).stdout) as Report;
    expect(changed.metrics.cache?.judgements).toBe('incremental');
    expect(changed.findings.filter((f) => f.ruleId === 'CON_POSITION').map((f) => f.file)).toEqual(['lib/c.py', 'src/a.ts', 'src/b.ts']);
    // text --verbose prints this run's timings: rendered every time, from the cached judgements.
    runCli(['analyze', root, '--verbose', '--fail-on', 'none']);
    const verbose = runCli(['analyze', root, '--verbose', '--fail-on', 'none']).stdout;
    expect(verbose).toContain('Timings: discover');
    expect(verbose).toContain('judgements: reused from the last run');
    expect(readdirSync(join(root, '.connascence/cache/reports-v1'))).toHaveLength(1); // the json slot only
  });

  it('treats a corrupt stored report as a miss and rewrites it', () => {
    const root = agedTree();
    const first = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']).stdout;
    const dir = join(root, '.connascence/cache/reports-v1');
    writeFileSync(join(dir, readdirSync(dir)[0]!), 'garbage');
    const second = JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']).stdout) as Report;
    expect(second.metrics.cache?.judgements).toBe('hit');
    expect(second.findings).toEqual((JSON.parse(first) as Report).findings);
    expect((JSON.parse(runCli(['analyze', root, '--format', 'json', '--fail-on', 'none']).stdout) as Report).metrics.cache?.judgements).toBe('replayed');
  });
});

describe('cache commands on a cache inside the directory (issue 30, item 2)', () => {
  const SHELL = { 'src/run.py': 'import os\n\ndef run(cmd):\n    return os.system(cmd)\n' };
  const noEnv = { env: { CONNASCENCE_CACHE_DIR: '' } };
  /** Every file and link under dir, relative, sorted. */
  const listing = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).sort();

  /** A warm operator cache (entries to be reached through a link), and its snapshot archive. */
  function warmed(root: string): { cache: string; archive: string } {
    const cache = makeTree({});
    const archive = join(makeTree({}), 'warm.tar');
    expect(runCli(['warmup-cache', '-d', root, '--cache-dir', cache, '--snapshot', archive]).code).toBe(0);
    return { cache, archive };
  }

  const plants: Record<string, (root: string, outside: string) => void> = {
    '.connascence links outside the root': (root, outside) => symlinkSync(outside, join(root, '.connascence')),
    '.connascence links inside the root': (root, outside) => {
      cpSync(outside, join(root, 'elsewhere'), { recursive: true });
      symlinkSync(join(root, 'elsewhere'), join(root, '.connascence'));
    },
    '.connascence/cache/facts-v<N> links outside the root': (root, outside) => {
      mkdirSync(join(root, '.connascence/cache'), { recursive: true });
      symlinkSync(join(outside, 'cache', FACTS_DIR), join(root, '.connascence/cache', FACTS_DIR));
    },
  };
  for (const [name, plant] of Object.entries(plants)) {
    it(`${name}: import, prune, verify, stats and warmup-cache refuse it (exit 3) and touch nothing`, () => {
      const root = makeTree(SHELL);
      const { cache, archive } = warmed(root);
      const outside = makeTree({});
      cpSync(cache, join(outside, 'cache'), { recursive: true });
      plant(root, outside);
      const before = listing(outside);
      const inside = existsSync(join(root, 'elsewhere')) ? listing(join(root, 'elsewhere')) : [];
      for (const [command, doing] of [
        [['cache', 'import', archive, '-d', root], 'import into'],
        [['cache', 'prune', '--max-size', '1', '-d', root], 'prune'],
        [['cache', 'verify', '-d', root], 'verify'],
        [['cache', 'stats', '-d', root], 'read'],
        [['warmup-cache', '-d', root], 'fill'],
      ] as const) {
        const run = runCli(command, noEnv);
        expect(run.code, `${command.join(' ')}: ${run.stderr}`).toBe(3);
        expect(run.stderr).toContain(`Will not ${doing} the cache folder`);
        expect(run.stderr).toContain('is a link');
      }
      expect(listing(outside)).toEqual(before);
      if (inside.length > 0) expect(listing(join(root, 'elsewhere'))).toEqual(inside);
    });
  }

  it('an operator cache (--cache-dir) with a linked folder in it: prune and stats do not follow the link', () => {
    const root = makeTree(SHELL);
    const { cache } = warmed(root);
    const victim = makeTree({});
    cpSync(join(cache, FACTS_DIR), join(victim, 'facts'), { recursive: true });
    const operator = makeTree({});
    symlinkSync(join(victim, 'facts'), join(operator, FACTS_DIR));
    const before = listing(victim);
    const stats = runCli(['cache', 'stats', '--cache-dir', operator, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: 0 });
    const prune = runCli(['cache', 'prune', '--cache-dir', operator, '--max-size', '1']);
    expect(prune.code, prune.stderr).toBe(0);
    expect(listing(victim)).toEqual(before);
  });

  it('an import into the directory\'s own cache is sealed with this machine\'s key and serves the next run; forged entries are counted, pruned, and never exported', () => {
    const root = makeTree(SHELL);
    const { archive } = warmed(root);
    const imported = runCli(['cache', 'import', archive, '-d', root, '--json'], noEnv);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 1 });
    const run = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none'], noEnv);
    expect((JSON.parse(run.stdout) as Report).metrics.cache).toMatchObject({ hits: 1, misses: 0, corrupt: 0 });
    const keys = (dir: string): string[] => readdirSync(join(dir, FACTS_DIR)).flatMap((s) => readdirSync(join(dir, FACTS_DIR, s))).sort();
    // An entry planted unsealed next to them: stats counts it corrupt, prune removes it, a snapshot leaves it out.
    const cacheDir = join(root, '.connascence/cache');
    const shard = join(cacheDir, FACTS_DIR, 'ff');
    mkdirSync(shard, { recursive: true });
    const genuine = keys(cacheDir)[0]!;
    const text = readFileSync(join(cacheDir, FACTS_DIR, genuine.slice(0, 2), genuine), 'utf8').replace(/ [0-9a-f]{64}\n/, ' -\n');
    writeFileSync(join(shard, `ff${genuine.slice(2)}`), text);
    const stats = runCli(['cache', 'stats', '-d', root, '--json'], noEnv);
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: 2, usable: 1, corrupt: 1 });
    const verify = runCli(['cache', 'verify', '-d', root, '--json'], noEnv);
    expect(JSON.parse(verify.stdout)).toMatchObject({ entries: 2, matching: 1, corrupt: 1 });
    const snapshot = join(makeTree({}), 'out.tar');
    expect(runCli(['warmup-cache', '-d', root, '--snapshot', snapshot, '--json'], noEnv).stdout).toMatch(/"entries": 1\b/);
    const prune = runCli(['cache', 'prune', '-d', root, '--max-size', '1GiB', '--json'], noEnv);
    expect(JSON.parse(prune.stdout)).toMatchObject({ removed: 1 });
    expect(keys(cacheDir)).toEqual([genuine]);
  });
});

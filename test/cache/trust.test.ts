import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStore } from '../../src/cache/disk-store.js';
import { EntryAuth } from '../../src/cache/entry-auth.js';
import { versionDirName } from '../../src/cache/layout.js';
import { makeTree, runCli, TEST_CACHE_HOME } from '../helpers/cli.js';

/**
 * Issue 14 item 2, issue 30 item 2: a cache inside the checkout is trusted on this machine's word
 * (entries sealed with its key, no link on the way), never on the checkout's.
 */

const SOURCE = { 'src/run.py': 'import subprocess\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n', 'src/ok.py': 'def ok():\n    return 1\n' };
const git = (root: string, ...args: string[]): string =>
  execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { encoding: 'utf8' });

interface Report {
  findings: Array<{ ruleId: string }>;
  metrics: { cache?: { hits: number; misses: number; corrupt: number; judgements?: string } };
}
const analyze = (root: string, env: NodeJS.ProcessEnv = {}, ...args: string[]) =>
  runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', '--workers', '1', ...args], { env: { CONNASCENCE_CACHE_DIR: '', ...env } });
const rules = (stdout: string): string[] => (JSON.parse(stdout) as Report).findings.map((f) => f.ruleId);
const cacheOf = (stdout: string) => (JSON.parse(stdout) as Report).metrics.cache;
/** Every file and link under dir, relative, sorted. */
const listing = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).sort();

/**
 * The attack: facts entries for the checkout's sources with every call removed (SEC_SHELL cannot
 * fire), written into `into` unsealed (`sealer` undefined: forged or committed) or sealed with
 * another machine's key. Returns how many entries it wrote.
 */
function forgeCache(root: string, into: string, sealer?: EntryAuth): number {
  const genuine = makeTree({});
  expect(analyze(root, {}, '--cache-dir', genuine).code).toBe(0);
  const from = new DiskStore({ dir: genuine });
  const to = new DiskStore({ dir: into, ...(sealer ? { auth: sealer } : {}) });
  const facts = join(genuine, versionDirName());
  let written = 0;
  for (const key of readdirSync(facts).flatMap((shard) => readdirSync(join(facts, shard)))) {
    const read = from.read(key);
    if (read.status !== 'hit') throw new Error(read.status);
    expect(to.write(key, JSON.stringify({ ...(JSON.parse(read.payload) as object), calls: [] }))).toEqual({ ok: true });
    written++;
  }
  return written;
}

describe('cache trust: forged entries in the checkout', () => {
  it('control: the same forged cache, given by the operator with --cache-dir, does hide the shell call (the attack is real)', () => {
    const root = makeTree(SOURCE);
    const forged = makeTree({});
    forgeCache(root, forged);
    const run = analyze(root, {}, '--cache-dir', forged);
    expect(run.code, run.stderr).toBe(0);
    expect(rules(run.stdout)).not.toContain('SEC_SHELL');
  });

  const placements: Record<string, { prepare: (root: string) => void; env?: (root: string) => NodeJS.ProcessEnv }> = {
    'an untracked folder of a git checkout': { prepare: (root) => git(root, 'init', '-q') },
    'a folder committed to the repository': {
      prepare: (root) => {
        git(root, 'init', '-q');
        git(root, 'add', '-A');
        git(root, 'add', '-f', '.connascence');
        git(root, 'commit', '-qm', 'plant the cache');
      },
    },
    'a checkout without .git': { prepare: () => undefined },
    'a git checkout, run with no git on the PATH': { prepare: (root) => git(root, 'init', '-q'), env: () => ({ PATH: '/nonexistent' }) },
  };
  for (const [where, placement] of Object.entries(placements)) {
    for (const [how, sealer] of [
      ['unsealed', undefined],
      ["sealed with another machine's key", EntryAuth.fromBytes(randomBytes(32))],
    ] as const) {
      it(`${how} entries in ${where} are misses: the shell call is reported`, () => {
        const root = makeTree(SOURCE);
        const forged = forgeCache(root, join(root, '.connascence/cache'), sealer);
        placement.prepare(root);
        const run = analyze(root, placement.env?.(root) ?? {});
        expect(run.code, run.stderr).toBe(0);
        expect(rules(run.stdout)).toContain('SEC_SHELL');
        expect(cacheOf(run.stdout)).toMatchObject({ hits: 0, corrupt: forged });
        expect(run.stderr).toContain('not written by this machine');
        expect(run.stderr.match(/Warning/g)).toHaveLength(1);
      });
    }
  }
});

describe('cache trust: links', () => {
  const links: Record<string, (root: string, target: string) => string> = {
    '.connascence, a link to a folder inside the root': (root, target) => {
      symlinkSync(target, join(root, '.connascence'));
      return '.connascence is a link';
    },
    '.connascence, a link to a folder outside the root': (root, target) => {
      symlinkSync(target, join(root, '.connascence'));
      return '.connascence is a link';
    },
    '.connascence/cache, a link in a deeper component': (root, target) => {
      mkdirSync(join(root, '.connascence'));
      symlinkSync(join(target, 'cache'), join(root, '.connascence/cache'));
      return '.connascence/cache is a link';
    },
    'the facts folder in the cache, a link': (root, target) => {
      mkdirSync(join(root, '.connascence/cache'), { recursive: true });
      symlinkSync(join(target, 'cache', versionDirName()), join(root, '.connascence/cache', versionDirName()));
      return `.connascence/cache/${versionDirName()} is a link`;
    },
    'a shard of the facts folder, a link': (root, target) => {
      const facts = join(root, '.connascence/cache', versionDirName());
      mkdirSync(facts, { recursive: true });
      const shard = readdirSync(join(target, 'cache', versionDirName()))[0]!;
      symlinkSync(join(target, 'cache', versionDirName(), shard), join(facts, shard));
      return `.connascence/cache/${versionDirName()}/${shard} is a link`;
    },
    'a record folder in the cache, a link': (root, target) => {
      mkdirSync(join(root, '.connascence/cache'), { recursive: true });
      mkdirSync(join(target, 'cache/judgements-v1'));
      symlinkSync(join(target, 'cache/judgements-v1'), join(root, '.connascence/cache/judgements-v1'));
      return '.connascence/cache/judgements-v1 is a link';
    },
  };
  for (const [name, plant] of Object.entries(links)) {
    it(`${name}: the cache is neither read nor written, one warning, the shell call is reported`, () => {
      const root = makeTree(SOURCE);
      git(root, 'init', '-q');
      const target = name.includes('inside') ? join(root, 'vendor/inside') : makeTree({});
      mkdirSync(target, { recursive: true });
      // Even entries sealed with this machine's own key are not read through a link.
      const own = EntryAuth.fromHex(machineKey());
      forgeCache(root, join(target, 'cache'), own);
      const reason = plant(root, target);
      const before = listing(target);
      const run = analyze(root);
      expect(run.code, run.stderr).toBe(0);
      expect(rules(run.stdout)).toContain('SEC_SHELL');
      expect(cacheOf(run.stdout)).toBeUndefined();
      expect(run.stderr).toContain(`was not used: ${reason}`);
      expect(run.stderr.match(/Warning/g)).toHaveLength(1);
      expect(listing(target)).toEqual(before);
      const warmup = runCli(['warmup-cache', '-d', root], { env: { CONNASCENCE_CACHE_DIR: '' } });
      expect(warmup.code, warmup.stderr).toBe(3);
      expect(warmup.stderr).toContain(reason);
      expect(listing(target)).toEqual(before);
    });
  }

  it('a link given by the operator with --cache-dir is used as given', () => {
    const root = makeTree(SOURCE);
    const outside = makeTree({});
    symlinkSync(outside, join(root, '.connascence'));
    const explicit = analyze(root, {}, '--cache-dir', join(root, '.connascence/cache'));
    expect(explicit.code, explicit.stderr).toBe(0);
    expect(explicit.stderr).not.toContain('Warning');
    expect(existsSync(join(outside, 'cache/.gitignore'))).toBe(true);
  });
});

/** This machine's key for the CLI runs (test/helpers/cli.ts), made by a first run when needed. */
function machineKey(): string {
  const path = join(TEST_CACHE_HOME, 'connascence/entry-key');
  if (!existsSync(path)) expect(analyze(makeTree(SOURCE)).code).toBe(0);
  return readFileSync(path, 'utf8').trim();
}

describe('cache trust: what this machine wrote', () => {
  for (const [where, prepare, env] of [
    ['a git checkout', (root: string) => git(root, 'init', '-q'), {}],
    ['a checkout without .git', () => undefined, {}],
    ['a checkout, with no git on the PATH', (root: string) => git(root, 'init', '-q'), { PATH: '/nonexistent' }],
  ] as const) {
    it(`is used in ${where}: the warm run hits every entry and the judgement, and finds the same`, () => {
      const root = makeTree(SOURCE);
      prepare(root);
      const cold = analyze(root, env);
      expect(cold.code, cold.stderr).toBe(0);
      expect(cold.stderr).toBe('');
      const warm = analyze(root, env);
      expect(warm.stderr).toBe('');
      expect(rules(warm.stdout)).toEqual(rules(cold.stdout));
      expect(rules(warm.stdout)).toContain('SEC_SHELL');
      expect(cacheOf(warm.stdout)).toMatchObject({ hits: 2, misses: 0, corrupt: 0, judgements: 'hit' });
    });
  }

  it('the cache folder it creates holds a .gitignore of *, so git never sees it', () => {
    const root = makeTree(SOURCE);
    git(root, 'init', '-q');
    expect(analyze(root).code).toBe(0);
    expect(readFileSync(join(root, '.connascence/cache/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('?? src/ok.py\n?? src/run.py\n');
  });

  it("another machine's cache (another key) is not used; the key is made 0600 in a 0700 folder of the cache home", () => {
    const root = makeTree(SOURCE);
    const [first, second] = [makeTree({}), makeTree({})];
    expect(analyze(root, { XDG_CACHE_HOME: first }).code).toBe(0);
    expect(statSync(join(first, 'connascence/entry-key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(first, 'connascence')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(first, 'connascence/entry-key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    const other = analyze(root, { XDG_CACHE_HOME: second });
    expect(rules(other.stdout)).toContain('SEC_SHELL');
    expect(cacheOf(other.stdout)).toMatchObject({ hits: 0 });
    expect(other.stderr.match(/Warning/g)).toHaveLength(1);
  });

  const badKeys: Record<string, (root: string, home: string) => string> = {
    'a key home inside the analysed root': (root) => {
      rmSync(join(root, 'home'), { recursive: true, force: true });
      return join(root, 'home');
    },
    'a key readable by others': (_root, home) => {
      mkdirSync(join(home, 'connascence'), { recursive: true });
      writeFileSync(join(home, 'connascence/entry-key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o644 });
      chmodSync(join(home, 'connascence/entry-key'), 0o644);
      return home;
    },
    'a key that is a link': (_root, home) => {
      mkdirSync(join(home, 'connascence'), { recursive: true });
      const real = join(home, 'real-key');
      writeFileSync(real, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
      symlinkSync(real, join(home, 'connascence/entry-key'));
      return home;
    },
    'a file that is not a key': (_root, home) => {
      mkdirSync(join(home, 'connascence'), { recursive: true });
      writeFileSync(join(home, 'connascence/entry-key'), 'password\n', { mode: 0o600 });
      return home;
    },
  };
  for (const [name, make] of Object.entries(badKeys)) {
    it(`${name}: no cache in the checkout is used, one warning, the shell call is reported`, () => {
      const root = makeTree(SOURCE);
      forgeCache(root, join(root, '.connascence/cache'));
      const home = make(root, makeTree({}));
      const run = analyze(root, { XDG_CACHE_HOME: home });
      expect(run.code, run.stderr).toBe(0);
      expect(rules(run.stdout)).toContain('SEC_SHELL');
      expect(cacheOf(run.stdout)).toBeUndefined();
      expect(run.stderr).toContain('the key that authenticates its entries');
      expect(run.stderr.match(/Warning/g)).toHaveLength(1);
      expect(existsSync(join(root, 'home'))).toBe(false);
    });
  }

  it('commands that only use operator caches never make a key (the image build bakes none)', () => {
    const home = makeTree({});
    const root = makeTree(SOURCE);
    const env = { XDG_CACHE_HOME: home, CONNASCENCE_CACHE_DIR: '' };
    const warm = makeTree({});
    const archive = join(makeTree({}), 'warm.tar');
    for (const args of [
      ['warmup-cache', '--directory', root, '--cache-dir', warm, '--snapshot', archive],
      ['cache', 'import', archive, '--cache-dir', join(makeTree({}), 'snapshot')],
      ['validate-environment', '--directory', root, '--cache-dir', join(makeTree({}), 'probe')],
      ['analyze', root, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--no-cache'],
      ['analyze', root, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--cache-dir', join(makeTree({}), 'probe')],
    ]) {
      const run = runCli(args, { env });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    expect(readdirSync(home)).toEqual([]);
  });
});

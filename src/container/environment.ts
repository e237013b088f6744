import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, freemem, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NamedCheck } from './checks.js';
import { probeFrontEnds } from './front-end-probe.js';

/** Oldest Node.js the CLI supports, and the line the image ships. */
const MIN_NODE = [20, 19] as const;
const RECOMMENDED_NODE_MAJOR = 22;
const MIB = 1024 * 1024;
/** Below this much memory a large analysis may be slow or fail. */
const LOW_MEMORY_MIB = 1024;

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WARMUP_FIXTURES = join(PACKAGE_ROOT, 'warmup-fixtures');

export interface EnvironmentRequest {
  directory: string;
  cacheDir: string;
  snapshotDirs: readonly string[];
}

function nodeCheck(): NamedCheck {
  return {
    id: 'node',
    title: 'Node.js',
    run() {
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      const value = `${process.version} on ${process.platform}-${process.arch}`;
      if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
        return { status: 'fail', value, hint: `connascence needs Node.js >= ${MIN_NODE.join('.')}` };
      }
      if (major < RECOMMENDED_NODE_MAJOR) return { status: 'warn', value, hint: `Node.js ${major} is past end of life; use Node.js ${RECOMMENDED_NODE_MAJOR}` };
      return { status: 'ok', value };
    },
  };
}

function frontEndCheck(): NamedCheck {
  return {
    id: 'front-ends',
    title: 'Parsers load',
    async run() {
      const { problems } = await probeFrontEnds();
      if (problems.length > 0) return { status: 'fail', value: problems.join('; '), hint: 'reinstall: the oxc-parser binding or the tree-sitter wasm is broken' };
      return { status: 'ok', value: 'oxc (JS/TS) and tree-sitter (Python)' };
    },
  };
}

function selfTestCheck(request: EnvironmentRequest): NamedCheck {
  return {
    id: 'self-test',
    title: 'Self-test',
    async run() {
      const golden = JSON.parse(readFileSync(join(WARMUP_FIXTURES, 'expected-findings.json'), 'utf8')) as Array<{ policy: string; findings: string[] }>;
      const expected = golden.find((g) => g.policy === 'standard')!.findings;
      const { analyzeDirectory } = await import('../engine/analyze.js');
      const { defaultPolicy } = await import('../policy/presets.js');
      const { FactsCache } = await import('../cache/facts-cache.js');
      // Served by the baked snapshot when there is one; misses go to a scratch cache, never into the workspace.
      const store = FactsCache.open({ dir: join(tmpdir(), 'connascence-self-test-cache'), snapshotDirs: request.snapshotDirs });
      const result = await analyzeDirectory({ root: WARMUP_FIXTURES, policy: defaultPolicy('standard'), maxFileSize: MIB, workers: 1, store });
      const actual = result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
      const missing = expected.filter((e) => !actual.includes(e));
      const extra = actual.filter((a) => !expected.includes(a));
      const value = `${actual.length} findings in ${result.files.length} warmup files`;
      if (missing.length > 0 || extra.length > 0) {
        return { status: 'fail', value: `${value}; missing ${missing.slice(0, 3).join(', ') || 'none'}; unexpected ${extra.slice(0, 3).join(', ') || 'none'}`, hint: 'the analyzers do not reproduce their golden findings: this build is broken' };
      }
      return { status: 'ok', value };
    },
  };
}

/**
 * Snapshot entries read and verified per snapshot dir: every entry of a small snapshot, an even
 * spread of a large one (a workspace layer can hold thousands; `connascence cache stats` verifies all).
 */
export const SNAPSHOT_SAMPLE = 64;
/** Snapshot entries parsed again from their bundled source and compared byte for byte (cache verify). */
export const SNAPSHOT_REPARSE_SAMPLE = 8;

function snapshotCheck(request: EnvironmentRequest): NamedCheck {
  return {
    id: 'cache-snapshot',
    title: 'Cache snapshot',
    async run() {
      if (request.snapshotDirs.length === 0) return { status: 'warn', value: 'none', hint: 'no baked snapshot (normal outside the analysis-runtime image); first runs parse every file' };
      const { cacheStats } = await import('../cache/maintenance.js');
      const { verifyCache } = await import('../engine/verify-cache.js');
      const parts: string[] = [];
      for (const dir of request.snapshotDirs) {
        const stats = cacheStats(dir, { sample: SNAPSHOT_SAMPLE });
        const checked = stats.verified === stats.entries ? `${stats.entries} entries` : `${stats.entries} entries, ${stats.verified} verified`;
        if (stats.corrupt > 0) return { status: 'fail', value: `${dir}: ${checked}, ${stats.corrupt} corrupt`, hint: 'rebuild the image: the baked snapshot is damaged' };
        if (stats.usable === 0) return { status: 'fail', value: `${dir}: no entry of this build (${stats.current})`, hint: 'rebuild the image: the snapshot was made by another version' };
        // Entries of the bundled fixtures are parsed again and compared (`cache verify`): a snapshot
        // whose facts are not what the front-ends give is poisoned, or the front-ends not deterministic.
        const verified = await verifyCache(dir, WARMUP_FIXTURES, SNAPSHOT_REPARSE_SAMPLE);
        if (verified.differing.length > 0) {
          return { status: 'fail', value: `${dir}: ${verified.differing.length} of ${verified.matching + verified.differing.length} re-parsed entries differ from their source`, hint: 'rebuild the image: the snapshot does not hold what its sources give (poisoned, or facts that are not deterministic)' };
        }
        parts.push(`${dir}: ${checked}${verified.matching > 0 ? `, ${verified.matching} re-parsed` : ''}`);
      }
      return { status: 'ok', value: parts.join('; ') };
    },
  };
}

function cacheDirCheck(request: EnvironmentRequest): NamedCheck {
  return {
    id: 'cache-dir',
    title: 'Cache directory',
    run() {
      // Probe the cache dir if it exists, else the nearest existing parent: a check creates nothing.
      const existing = nearestExisting(request.cacheDir);
      const probe = join(existing, `.connascence-probe-${process.pid}`);
      try {
        writeFileSync(probe, 'probe');
        rmSync(probe);
      } catch (error) {
        return { status: 'warn', value: `${request.cacheDir} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)} at ${existing})`, hint: 'set --cache-dir or CONNASCENCE_CACHE_DIR to a writable folder; analysis still works, uncached' };
      }
      return { status: 'ok', value: `${request.cacheDir} (writable${existing === request.cacheDir ? '' : ', will be created'})` };
    },
  };
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function workspaceCheck(request: EnvironmentRequest): NamedCheck {
  return {
    id: 'workspace',
    title: 'Workspace',
    async run() {
      const { checkRoot } = await import('../engine/analyze.js');
      const { discover } = await import('../discovery/walk.js');
      let root: string;
      try {
        root = checkRoot(request.directory);
      } catch (error) {
        return { status: 'fail', value: (error as Error).message, hint: 'pass the checked-out workspace with --directory' };
      }
      const found = discover(root);
      const value = `${root}: ${found.files.length} analysable files${found.skipped.length > 0 ? `, ${found.skipped.length} unreadable or skipped` : ''}`;
      if (found.files.length === 0) return { status: 'warn', value, hint: 'no JavaScript/TypeScript or Python files found; is the workspace checked out here?' };
      return { status: 'ok', value };
    },
  };
}

function resourcesCheck(): NamedCheck {
  return {
    id: 'resources',
    title: 'CPUs and memory',
    run() {
      const total = Math.round(totalmem() / MIB);
      const value = `${availableParallelism()} CPUs, ${total} MiB memory (${Math.round(freemem() / MIB)} MiB free)`;
      if (total < LOW_MEMORY_MIB) return { status: 'warn', value, hint: 'less than 1 GiB of memory: large analyses may fail' };
      return { status: 'ok', value };
    },
  };
}

/** Heuristics used by CI tools: Docker's marker file, Podman's, or a container runtime in PID 1's cgroup. */
export function inContainer(): boolean {
  if (existsSync('/.dockerenv') || existsSync('/run/.containerenv')) return true;
  try {
    return /docker|containerd|kubepods|libpod/.test(readFileSync('/proc/1/cgroup', 'utf8'));
  } catch {
    return false;
  }
}

function runtimeCheck(): NamedCheck {
  return {
    id: 'runtime',
    title: 'Container and user',
    run() {
      const uid = process.getuid?.();
      const who = uid === 0 ? 'root' : `uid ${uid ?? 'unknown'}`;
      return { status: 'ok', value: `${inContainer() ? 'in a container' : 'not in a container'}, running as ${who}` };
    },
  };
}

export function environmentChecks(request: EnvironmentRequest): NamedCheck[] {
  return [nodeCheck(), frontEndCheck(), selfTestCheck(request), snapshotCheck(request), workspaceCheck(request), cacheDirCheck(request), resourcesCheck(), runtimeCheck()];
}

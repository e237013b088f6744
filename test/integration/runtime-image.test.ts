/**
 * The analysis-runtime image against a real Docker engine: built once (beforeAll) through the CLI,
 * then every scenario of the container contract (docs/architecture.md "Container contract") runs on it.
 */
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dockerignoreFilter } from '../../src/container/context.js';
import { PROJECT_ROOT } from '../helpers/cli.js';
import {
  RUN_ID,
  TEST_LABEL,
  buildFlags,
  buildWithCli,
  cli,
  describeWithDocker,
  execIn,
  parseBuildJson,
  removeImages,
  removeTestContainers,
  runInImage,
  runtimeImage,
  type BuildJson,
  type Engine,
  type RunResult,
} from './docker-env.js';

const MINUTE = 60_000;
const BUILD_TIMEOUT = 15 * MINUTE;
const WARMUP_FIXTURES = join(PROJECT_ROOT, 'warmup-fixtures');
const CI_PROJECT = join(PROJECT_ROOT, 'test/integration/fixtures/ci-project');
/** Where the GitHub runner mounts the checked-out repository in a container job. */
const WORKSPACE = '/__w/repo/repo';
const RUNNER_TEMP = '/__w/_temp';

const scratch: string[] = [];
/** A fresh temporary directory, removed after the file. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `connascence-itest-${prefix}-`));
  scratch.push(dir);
  return dir;
}

/** Copies a directory without cache folders (a fresh checkout has none). */
function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (source) => !source.split('/').includes('.connascence') });
}

/** Every file under a directory, relative paths. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** A checkout-like workspace: the warmup corpus plus a small project of our own. */
function makeWorkspace(): string {
  const dir = tempDir('workspace');
  copyTree(WARMUP_FIXTURES, join(dir, 'warmup'));
  copyTree(CI_PROJECT, join(dir, 'app'));
  return dir;
}

interface Sarif {
  version: string;
  runs: Array<{ tool: { driver: { name: string } }; results: Array<{ ruleId: string }> }>;
}

function readSarif(file: string): Sarif {
  expect(existsSync(file), `${file} was not written`).toBe(true);
  return JSON.parse(readFileSync(file, 'utf8')) as Sarif;
}

/** A step's result with its output, for assertion messages. */
function describeRun(name: string, run: RunResult): string {
  return `${name} exited ${run.exitCode}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

let engineForCleanup: Engine | undefined;
const derivedImages: string[] = [];
let runtime: { tag: string; json: BuildJson };

afterAll(async () => {
  if (engineForCleanup) {
    await removeTestContainers(engineForCleanup);
    await removeImages(engineForCleanup, derivedImages);
  }
  for (const dir of scratch) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      // Files a container wrote as another uid may be undeletable by a non-root host user.
      console.warn(`[integration] could not remove ${dir}: ${(error as Error).message}`);
    }
  }
}, 5 * MINUTE);

describeWithDocker('analysis-runtime image', (engine) => {
  beforeAll(async () => {
    engineForCleanup = engine;
    runtime = await runtimeImage(engine);
  }, BUILD_TIMEOUT);

  describeWithDocker('1. image build --json, labels, user, tools', () => {
    it('prints id, tags, size and duration as JSON', () => {
      const { json, tag } = runtime;
      expect(json.id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(json.tags).toEqual([tag]);
      expect(json.sizeBytes).toBeGreaterThan(50 * 1024 * 1024);
      expect(json.durationMs).toBeGreaterThan(0);
      expect(json.steps).toBeGreaterThan(0);
    });

    it('has the OCI labels, a valid devcontainer.metadata label and the node user', async () => {
      const image = await engine.docker.getImage(runtime.tag).inspect();
      expect(image.Id).toBe(runtime.json.id);
      const labels = image.Config.Labels ?? {};
      for (const key of ['title', 'version', 'revision', 'created', 'source', 'licenses']) {
        expect(labels[`org.opencontainers.image.${key}`], key).toBeTruthy();
      }
      const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string; license: string };
      expect(labels['org.opencontainers.image.version']).toBe(pkg.version);
      expect(labels['org.opencontainers.image.licenses']).toBe(pkg.license);
      expect(Number.isNaN(Date.parse(labels['org.opencontainers.image.created']!))).toBe(false);
      const metadata = JSON.parse(labels['devcontainer.metadata']!) as Array<Record<string, unknown>>;
      expect(Array.isArray(metadata)).toBe(true);
      expect(metadata[0]).toMatchObject({ remoteUser: 'node' });
      expect(image.Config.User).toBe('node');
    });

    it('has /bin/sh and tar, runs as node, and `connascence --version` works', async () => {
      const run = await runInImage(engine, runtime.tag, ['sh', '-c', 'id -un && command -v tar && tar --version | head -n 1 && connascence --version']);
      expect(run.exitCode, describeRun('probe', run)).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toBe('node');
      expect(lines[1]).toMatch(/\/tar$/);
      expect(lines[2]).toMatch(/tar/);
      expect(lines[3]).toMatch(/^connascence\/\d+\.\d+\.\d+ linux-\w+ node-v22\./);
    }, 2 * MINUTE);

    it('ships a warm compile cache for both root and the node user (Node keeps one per uid)', async () => {
      // A fresh container as the default user must compile nothing that validate-environment and analyze load.
      const script = [
        'ls /opt/connascence/compile-cache',
        'NODE_DEBUG_NATIVE=COMPILE_CACHE connascence validate-environment --directory /opt/connascence/warmup-fixtures --json 2>&1 >/dev/null | grep -c "writing cache for" || true',
      ].join(' && ');
      const run = await runInImage(engine, runtime.tag, ['sh', '-c', script]);
      expect(run.exitCode, describeRun('compile cache', run)).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines.some((line) => /-0$/.test(line)), run.stdout).toBe(true);
      expect(lines.some((line) => /-1000$/.test(line)), run.stdout).toBe(true);
      expect(Number(lines[lines.length - 1]), run.stdout).toBe(0);
    }, 2 * MINUTE);

    it('its default command (CMD, through oclif) prints the help', async () => {
      const run = await runInImage(engine, runtime.tag, []);
      expect(run.exitCode, describeRun('default command', run)).toBe(0);
      expect(run.stdout).toContain('analyze');
      expect(run.stdout).toContain('validate-environment');
    }, 2 * MINUTE);
  });

  describeWithDocker('2. GitHub Actions container job (entrypoint overridden, workspace bind-mounted, steps via docker exec sh -e)', () => {
    interface Job {
      user: string;
      /** Host directory mounted at /__w/repo/repo. */
      workspace: string;
      /** Host directory mounted at /__w/_temp (RUNNER_TEMP). */
      runnerTemp: string;
      /** Where the analyze step writes the SARIF report, inside the container. */
      sarifPath: string;
    }

    /** Creates the job container like the runner, runs the three steps, returns their results. */
    async function runJob(job: Job): Promise<RunResult[]> {
      const home = tempDir('github-home');
      chmodSync(home, 0o777);
      const container: Docker.Container = await engine.docker.createContainer({
        Image: runtime.tag,
        Entrypoint: ['tail', '-f', '/dev/null'],
        Cmd: [],
        User: job.user,
        WorkingDir: WORKSPACE,
        Env: ['CI=true', 'GITHUB_ACTIONS=true', `GITHUB_WORKSPACE=${WORKSPACE}`, `RUNNER_TEMP=${RUNNER_TEMP}`, 'HOME=/github/home'],
        Labels: { [TEST_LABEL]: RUN_ID },
        HostConfig: {
          Binds: [`${job.workspace}:${WORKSPACE}`, `${job.runnerTemp}:${RUNNER_TEMP}`, `${home}:/github/home`],
          NetworkMode: 'none',
        },
      });
      try {
        await container.start();
        const steps = [
          'connascence validate-environment --directory "$GITHUB_WORKSPACE"',
          'connascence warmup-cache --directory "$GITHUB_WORKSPACE"',
          `connascence analyze "$GITHUB_WORKSPACE" --format sarif --output ${job.sarifPath} --fail-on none`,
        ];
        const results: RunResult[] = [];
        for (const step of steps) results.push(await execIn(engine, container, ['sh', '-e', '-c', step], { workingDir: WORKSPACE }));
        return results;
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    }

    function expectStepsPassed(results: RunResult[]): void {
      for (const [index, result] of results.entries()) expect(result.exitCode, describeRun(`step ${index + 1}`, result)).toBe(0);
    }

    function expectSarifWithResults(file: string): void {
      const sarif = readSarif(file);
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]!.tool.driver.name).toBe('connascence');
      const rules = new Set(sarif.runs[0]!.results.map((r) => r.ruleId));
      // From our project (app/) and from the warmup corpus (warmup/).
      expect(rules).toContain('NASA_8_DYNAMIC_CODE');
      expect(rules).toContain('SEC_SHELL');
      expect(sarif.runs[0]!.results.length).toBeGreaterThan(10);
    }

    it('as root (User 0:0): every step exits 0, results.sarif appears on the host, the cache is written into the workspace', async () => {
      const workspace = makeWorkspace();
      const results = await runJob({ user: '0:0', workspace, runnerTemp: tempDir('runner-temp'), sarifPath: `${WORKSPACE}/results.sarif` });
      expectStepsPassed(results);
      expect(results[0]!.stdout).toContain('running as root');
      expectSarifWithResults(join(workspace, 'results.sarif'));
      expect(listFiles(join(workspace, '.connascence/cache')).length).toBeGreaterThan(0);
    }, 5 * MINUTE);

    it('as a non-root uid without a passwd entry (User 1001:1001) in a writable workspace', async () => {
      const workspace = makeWorkspace();
      chmodSync(workspace, 0o777);
      const results = await runJob({ user: '1001:1001', workspace, runnerTemp: tempDir('runner-temp'), sarifPath: `${WORKSPACE}/results.sarif` });
      expectStepsPassed(results);
      expect(results[0]!.stdout).toContain('running as uid 1001');
      const sarifFile = join(workspace, 'results.sarif');
      expectSarifWithResults(sarifFile);
      expect(statSync(sarifFile).uid).toBe(1001);
      // Our project's files are not in the baked snapshot: warmup-cache parsed and stored them.
      expect(listFiles(join(workspace, '.connascence/cache')).length).toBeGreaterThan(0);
    }, 5 * MINUTE);

    it('as uid 1001 when the workspace is not writable: cache write errors do not fail any step', async () => {
      const workspace = makeWorkspace();
      chmodSync(workspace, 0o755); // owned by the host user, not by 1001
      const runnerTemp = tempDir('runner-temp');
      chmodSync(runnerTemp, 0o777);
      const results = await runJob({ user: '1001:1001', workspace, runnerTemp, sarifPath: `${RUNNER_TEMP}/results.sarif` });
      expectStepsPassed(results);
      expect(results[0]!.stdout).toMatch(/Cache directory\s+warning/);
      expect(results[0]!.stdout).toContain('not writable');
      // Neither the warm-up nor the analysis passes the unwritten entries off as cached: each warns, with the reason.
      expect(results[1]!.stderr).toMatch(/Warning: \d+ of \d+ cache entries could not be written to \/__w\/.*EACCES/);
      // Only what the baked snapshot already had counts as cached: the files it parsed were not stored.
      expect(results[1]!.stdout).toMatch(/^Cached (\d+) of \d+ files .*: \1 already cached, (\d+) parsed \(0 stored\)\./);
      expect(results[2]!.stderr).toMatch(/Warning: \d+ facts cache entr(y|ies) could not be written to \/__w\/.*EACCES/);
      expectSarifWithResults(join(runnerTemp, 'results.sarif'));
      expect(existsSync(join(workspace, '.connascence'))).toBe(false);
    }, 5 * MINUTE);
  });

  describeWithDocker('4. a source-only rebuild reuses the dependency layer', () => {
    const tag = `connascence/itest-source-rebuild:${RUN_ID}`;
    const unchangedTag = `connascence/itest-unchanged-rebuild:${RUN_ID}`;
    const marker = `itest source-only change ${RUN_ID}`;
    let second: BuildJson;

    beforeAll(async () => {
      derivedImages.push(tag, unchangedTag);
      // A copy of the build context (what .dockerignore lets through): built once as is (not a git
      // checkout, so another revision label, and another build date), then with one comment changed in src/.
      const context = tempDir('context');
      const ignored = dockerignoreFilter(PROJECT_ROOT);
      cpSync(PROJECT_ROOT, context, { recursive: true, filter: (source) => !ignored(relative(PROJECT_ROOT, source)) });
      parseBuildJson(await buildWithCli(engine, [...buildFlags(), '--context', context, '--tag', unchangedTag]));
      const file = join(context, 'src/errors.ts');
      writeFileSync(file, `${readFileSync(file, 'utf8')}// ${marker}\n`);
      second = parseBuildJson(await buildWithCli(engine, [...buildFlags(), '--context', context, '--tag', tag]));
    }, BUILD_TIMEOUT);

    /** The intermediate image (and its top layer) of the runtime-stage step that COPYs into `target`. */
    async function stepLayer(image: string, target: string): Promise<{ id: string; layer: string }> {
      const history = (await engine.docker.getImage(image).history()) as Array<{ Id: string; CreatedBy: string; Size: number }>;
      const step = history.find((entry) => new RegExp(`COPY \\S+ in ${target.replace(/[.]/g, '\\.')}\\s*$`).test(entry.CreatedBy));
      expect(step, `no COPY into ${target} in the history of ${image}`).toBeDefined();
      expect(step!.Id).toMatch(/^sha256:/);
      const inspected = await engine.docker.getImage(step!.Id).inspect();
      return { id: step!.Id, layer: inspected.RootFS.Layers!.at(-1)! };
    }

    it('the production node_modules layer is identical, the dist layer differs', async () => {
      const first = await engine.docker.getImage(runtime.tag).inspect();
      const rebuilt = await engine.docker.getImage(tag).inspect();
      expect(rebuilt.Id).not.toBe(first.Id);
      const depsBefore = await stepLayer(runtime.tag, './node_modules');
      const depsAfter = await stepLayer(tag, './node_modules');
      expect(depsAfter).toEqual(depsBefore);
      const distBefore = await stepLayer(runtime.tag, './dist');
      const distAfter = await stepLayer(tag, './dist');
      expect(distAfter.layer).not.toBe(distBefore.layer);
      // Both layers are part of the final images, in the same place.
      expect(rebuilt.RootFS.Layers).toContain(depsBefore.layer);
      expect(first.RootFS.Layers).toContain(depsBefore.layer);
      expect(rebuilt.RootFS.Layers!.indexOf(depsBefore.layer)).toBe(first.RootFS.Layers!.indexOf(depsBefore.layer));
      expect(rebuilt.RootFS.Layers).toContain(distAfter.layer);
      expect(rebuilt.RootFS.Layers).not.toContain(distBefore.layer);
      expect(second.cachedSteps).toBeGreaterThan(0);
    });

    it('an unchanged rebuild reuses every layer: the build date and revision only change labels', async () => {
      const first = await engine.docker.getImage(runtime.tag).inspect();
      const again = await engine.docker.getImage(unchangedTag).inspect();
      expect(again.Config.Labels?.['org.opencontainers.image.created']).not.toBe(first.Config.Labels?.['org.opencontainers.image.created']);
      expect(again.RootFS.Layers).toEqual(first.RootFS.Layers);
    });

    it('the rebuilt image runs the changed source', async () => {
      const run = await runInImage(engine, tag, ['grep', '-c', marker, '/opt/connascence/dist/errors.js']);
      expect(run.exitCode, describeRun('grep', run)).toBe(0);
      expect(run.stdout.trim()).toBe('1');
    }, 2 * MINUTE);
  });

  describeWithDocker('5. the build-stage CA never reaches the final image', () => {
    const tag = `connascence/itest-extra-ca:${RUN_ID}`;
    // Distinctive but stable: later runs reuse the build stages that installed with this CA (the property
    // checked is about the final image, however its layers were made) and leave no new stage images behind.
    const marker = 'connascence-itest-ca-marker-5d1f0c7e93b4';

    beforeAll(async () => {
      derivedImages.push(tag);
      // Text outside BEGIN/END blocks is ignored by PEM readers: the marker, then the proxy's real CA (if any), so npm ci still works.
      const dir = tempDir('ca');
      const pem = join(dir, 'extra-ca.pem');
      const proxyCa = process.env.NODE_EXTRA_CA_CERTS ? readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
      writeFileSync(pem, `${marker}\n${proxyCa}`);
      parseBuildJson(await buildWithCli(engine, [...buildFlags({ caCert: pem }), '--tag', tag]));
    }, BUILD_TIMEOUT);

    /** Files of the image's own filesystem (not /proc, /sys or mounts) that contain `text`. */
    async function filesContaining(text: string): Promise<string[]> {
      const run = await runInImage(engine, tag, ['sh', '-c', 'find / -xdev -type f -print0 | xargs -0 grep -lF -e "$NEEDLE" 2>/dev/null; true'], {
        user: '0:0',
        env: [`NEEDLE=${text}`],
      });
      expect(run.exitCode, describeRun('search', run)).toBe(0);
      return run.stdout.split('\n').filter(Boolean);
    }

    it('the search works (control: the package description is found)', async () => {
      expect(await filesContaining('Finds coupling and safety problems')).toContain('/opt/connascence/package.json');
    }, 3 * MINUTE);

    it('no file of the final image contains the CA', async () => {
      expect(await filesContaining(marker)).toEqual([]);
    }, 3 * MINUTE);

    it('neither the history nor the config mention it', async () => {
      const image = engine.docker.getImage(tag);
      const history = (await image.history()) as Array<{ CreatedBy: string }>;
      for (const entry of history) {
        expect(entry.CreatedBy).not.toContain('NODE_EXTRA_CA_CERTS');
        expect(entry.CreatedBy).not.toContain('connascence-build');
        expect(entry.CreatedBy).not.toContain(marker);
      }
      const config = (await image.inspect()).Config;
      expect((config.Env ?? []).filter((e) => e.startsWith('NODE_EXTRA_CA_CERTS'))).toEqual([]);
      expect(JSON.stringify(config)).not.toContain(marker);
    });
  });

  describeWithDocker('6. image verify', () => {
    const broken = `connascence/itest-broken-self-test:${RUN_ID}`;

    it('passes (exit 0) on the runtime image', async () => {
      const result = await cli(engine, ['image', 'verify', runtime.tag]);
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/Self-test\s+ok/);
      expect(result.stdout).toMatch(/Environment passed in \d+ ms\.\n$/); // streamed to the end
      expect(result.stderr).toContain('validation passed');
    }, 3 * MINUTE);

    it('fails (exit 1, output streamed) on an image whose golden self-test fails', async () => {
      derivedImages.push(broken);
      // One more finding in the warmup corpus: the analyzers no longer reproduce their golden findings.
      const context = tempDir('broken-self-test');
      writeFileSync(
        join(context, 'Dockerfile'),
        [
          `FROM ${runtime.tag}`,
          'USER root',
          `RUN printf '\\n\\ndef run_snippet(code):\\n    return eval(code)\\n' >> /opt/connascence/warmup-fixtures/python/billing/utils.py`,
          'USER node',
          '',
        ].join('\n'),
      );
      parseBuildJson(await buildWithCli(engine, ['--context', context, '--tag', broken]));
      const result = await cli(engine, ['image', 'verify', broken]);
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1);
      expect(result.stdout).toMatch(/Self-test\s+FAILED/);
      expect(result.stdout).toContain('NASA_8_DYNAMIC_CODE');
      expect(result.stdout).toMatch(/Environment failed in \d+ ms\.\n$/);
      expect(result.stderr).toContain('validation failed (exit 1)');
    }, 5 * MINUTE);
  });

  describeWithDocker('7. workspace layer: a later change re-parses only the changed file', () => {
    const tag = `connascence/itest-workspace:${RUN_ID}`;
    let workspace: string;

    beforeAll(async () => {
      derivedImages.push(tag);
      workspace = tempDir('ws-layer');
      copyTree(CI_PROJECT, workspace);
      const built = parseBuildJson(await buildWithCli(engine, ['--workspace', workspace, '--from', runtime.tag, '--tag', tag]));
      expect(built.tags).toEqual([tag]);
    }, BUILD_TIMEOUT);

    it('the image is labelled with its base and searches the workspace snapshot first', async () => {
      const image = await engine.docker.getImage(tag).inspect();
      expect(image.Config.Labels?.['org.opencontainers.image.base.name']).toBe(runtime.tag);
      expect(image.Config.Env).toContain('CONNASCENCE_SNAPSHOT_DIRS=/opt/connascence/workspace-snapshot:/opt/connascence/cache-snapshot');
      expect(image.Config.User).toBe('node');
    });

    it('analyze of the workspace with ONE file changed: misses === 1, hits === files - 1', async () => {
      const changed = tempDir('ws-changed');
      chmodSync(changed, 0o755);
      copyTree(workspace, changed);
      const file = join(changed, 'src/format.ts');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport function shout(text: string): string {\n  return text.toUpperCase();\n}\n`);
      const files = listFiles(changed).filter((f) => /\.(ts|py)$/.test(f)).length;
      const run = await runInImage(
        engine,
        tag,
        ['sh', '-e', '-c', 'connascence analyze /src --format json --output /tmp/r.json --cache-dir /tmp/c --fail-on none >&2 && cat /tmp/r.json'],
        { binds: [`${changed}:/src:ro`] },
      );
      expect(run.exitCode, describeRun('analyze', run)).toBe(0);
      const report = JSON.parse(run.stdout) as { summary: { files: number }; metrics: { cache: { hits: number; misses: number; corrupt: number } } };
      expect(report.summary.files).toBe(files);
      expect(report.metrics.cache.misses).toBe(1);
      expect(report.metrics.cache.hits).toBe(files - 1);
      expect(report.metrics.cache.corrupt).toBe(0);
    }, 3 * MINUTE);
  });
});

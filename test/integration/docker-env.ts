/**
 * Shared setup of the integration tests: a REAL Docker engine, never a mock (docs/architecture.md "How we test").
 *
 * - Finds the engine: $DOCKER_HOST when set, else unix:///run/connascence-docker.sock (the engine
 *   .ci/docker/start-dockerd.sh starts), else the default socket; each candidate is pinged.
 * - No engine: the suites fail with a clear message when CONNASCENCE_REQUIRE_DOCKER=1 (CI), and are
 *   skipped with a visible warning otherwise.
 * - Makes sure the registry-free base image exists (images/node-base/build.sh, idempotent).
 * - Builds the analysis-runtime image once per test file process (a module-level promise), through
 *   the built CLI (`npm run build` first), like a user would.
 */
import type { BuiltImage } from '../../src/container/build.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { describe, it } from 'vitest';
import { BIN, PROJECT_ROOT, type CliResult } from '../helpers/cli.js';

export const BASE_IMAGE = process.env.CONNASCENCE_NODE_BASE_TAG || 'connascence/node-base:22-bookworm';
/** The runtime image the tests build; kept between runs so that the engine's layer cache makes rebuilds fast. */
export const RUNTIME_TAG = 'connascence/analysis-runtime:itest';
/** A per-run suffix for every derived image and container, so that parallel runs never collide. */
export const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;
/** Label put on every container the tests create (for cleanup and for `docker ps --filter`). */
export const TEST_LABEL = 'connascence.integration-test';

const OUR_SOCKET = 'unix:///run/connascence-docker.sock';
const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';
const PING_TIMEOUT_MS = 5_000;
const MINUTE = 60_000;

export interface Engine {
  /** The DOCKER_HOST value that answered (passed on to the CLI). */
  host: string;
  docker: Docker;
}

export type EngineProbe = ({ ok: true } & Engine) | { ok: false; reason: string };

function clientFor(host: string): Docker {
  // The host of DOCKER_HOST itself: let dockerode read it with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH.
  if (host === process.env.DOCKER_HOST) return new Docker();
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' });
}

async function ping(docker: Docker): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([docker.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** DOCKER_HOST when set (and only it: an explicit address is never second-guessed), else our socket, else the default one. */
export async function probeEngine(): Promise<EngineProbe> {
  const candidates = process.env.DOCKER_HOST ? [process.env.DOCKER_HOST] : [OUR_SOCKET, DEFAULT_SOCKET];
  const failures: string[] = [];
  for (const host of candidates) {
    try {
      const docker = clientFor(host);
      await ping(docker);
      return { ok: true, host, docker };
    } catch (error) {
      failures.push(`${host}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    ok: false,
    reason: `no Docker engine answers (${failures.join('; ')}). Start one with .ci/docker/start-dockerd.sh and set DOCKER_HOST.`,
  };
}

/** Probed once per test file process, when this module is first imported. */
export const engineProbe: EngineProbe = await probeEngine();
const required = process.env.CONNASCENCE_REQUIRE_DOCKER === '1';
let warned = false;

/**
 * A `describe` that needs the engine: runs when it answers; otherwise fails (CONNASCENCE_REQUIRE_DOCKER=1)
 * or is skipped with a visible warning. The body gets the engine (only touch it inside hooks and tests).
 */
export function describeWithDocker(name: string, body: (engine: Engine) => void): void {
  if (engineProbe.ok) {
    const engine = engineProbe;
    describe(name, () => body(engine));
    return;
  }
  const reason = engineProbe.reason;
  if (required) {
    describe(name, () => {
      it('needs a reachable Docker engine (CONNASCENCE_REQUIRE_DOCKER=1)', () => {
        throw new Error(`Docker integration tests are required (CONNASCENCE_REQUIRE_DOCKER=1) but ${reason}`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(`[integration] SKIPPING the Docker integration tests: ${reason} Set CONNASCENCE_REQUIRE_DOCKER=1 to make this a failure.`);
  }
  describe.skip(name, () => body(undefined as unknown as Engine));
}

/** The built CLI as a child process, asynchronously (builds take minutes; the test runner stays responsive). */
export function cli(engine: Pick<Engine, 'host'>, args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  if (!existsSync(join(PROJECT_ROOT, 'dist/commands'))) throw new Error('dist/ is missing: run `npm run build` before the integration tests');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: '1', DOCKER_HOST: engine.host, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * MINUTE);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr: signal ? `${stderr}\n[killed by ${signal}]` : stderr });
    });
  });
}

/** The flags this machine needs for a build: the local base image, the proxy's CA, host networking. */
export function buildFlags(options: { caCert?: string } = {}): string[] {
  const ca = options.caCert ?? process.env.NODE_EXTRA_CA_CERTS;
  return ['--base-image', BASE_IMAGE, ...(ca ? ['--ca-cert', ca] : []), '--network', 'host'];
}

let basePromise: Promise<void> | undefined;

/** Builds the registry-free base image with images/node-base/build.sh when the engine lacks it (idempotent). */
export function ensureBaseImage(engine: Engine): Promise<void> {
  basePromise ??= (async () => {
    try {
      await engine.docker.getImage(BASE_IMAGE).inspect();
      return;
    } catch {
      // missing: build it below
    }
    console.warn(`[integration] base image ${BASE_IMAGE} is missing: running images/node-base/build.sh (takes minutes)`);
    const result = spawnSync('bash', [join(PROJECT_ROOT, 'images/node-base/build.sh'), BASE_IMAGE], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DOCKER_HOST: engine.host },
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 30 * MINUTE,
    });
    if (result.status !== 0) throw new Error(`images/node-base/build.sh failed (exit ${result.status ?? result.signal}): cannot build ${BASE_IMAGE}`);
    await engine.docker.getImage(BASE_IMAGE).inspect();
  })();
  return basePromise;
}

/** What `image build --json` prints: the built image as `buildImage` returns it. */
export type BuildJson = BuiltImage;

export interface RuntimeBuild {
  tag: string;
  result: CliResult;
  json: BuildJson;
}

/**
 * `connascence image build ... --json`. The legacy builder keeps each finished stage as a dangling
 * image; if something else on a shared engine prunes it mid-build, `COPY --from` fails with
 * "No such image": that (and only that) is retried once, with a warning.
 */
export async function buildWithCli(engine: Engine, args: readonly string[]): Promise<CliResult> {
  const first = await cli(engine, ['image', 'build', ...args, '--json']);
  if (first.code !== 0 && /invalid from flag value .*No such image/.test(first.stderr)) {
    console.warn(`[integration] a build stage image vanished during the build (pruned by another engine user?); retrying once:\n${first.stderr}`);
    return cli(engine, ['image', 'build', ...args, '--json']);
  }
  return first;
}

export function parseBuildJson(result: CliResult): BuildJson {
  if (result.code !== 0) throw new Error(`image build failed (exit ${result.code}):\n${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout) as BuildJson;
}

let runtimePromise: Promise<RuntimeBuild> | undefined;

/** The analysis-runtime image, built once per process from this checkout (the layer cache makes repeats cheap). */
export function runtimeImage(engine: Engine): Promise<RuntimeBuild> {
  runtimePromise ??= (async () => {
    await ensureBaseImage(engine);
    const previous = await engine.docker
      .getImage(RUNTIME_TAG)
      .inspect()
      .then((image) => image.Id)
      .catch(() => undefined);
    const result = await buildWithCli(engine, [...buildFlags(), '--tag', RUNTIME_TAG]);
    const json = parseBuildJson(result);
    // The tag moved (new labels at least): drop the image it leaves dangling, unless something still uses it.
    if (previous && previous !== json.id) await engine.docker.getImage(previous).remove().catch(() => undefined);
    return { tag: RUNTIME_TAG, result, json };
  })();
  return runtimePromise;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function ended(stream: NodeJS.ReadableStream, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** `docker run --rm IMAGE CMD`: output collected completely, container removed. */
export async function runInImage(
  engine: Engine,
  image: string,
  cmd: string[],
  options: { user?: string; binds?: string[]; env?: string[]; workingDir?: string } = {},
): Promise<RunResult> {
  const container = await engine.docker.createContainer({
    Image: image,
    Cmd: cmd.length > 0 ? cmd : undefined, // [] = the image's CMD
    User: options.user,
    Env: options.env,
    WorkingDir: options.workingDir,
    Labels: { [TEST_LABEL]: RUN_ID },
    HostConfig: { Binds: options.binds, NetworkMode: 'none' },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out = collector();
    const err = collector();
    engine.docker.modem.demuxStream(stream, out.stream, err.stream);
    const drained = ended(stream, 10_000); // listen before the container can finish
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    await drained;
    return { exitCode: StatusCode, stdout: out.text(), stderr: err.text() };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** `docker exec` in a running container, like a runner step; waits for the exit code. */
export async function execIn(engine: Engine, container: Docker.Container, cmd: string[], options: { workingDir?: string; env?: string[] } = {}): Promise<RunResult> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, WorkingDir: options.workingDir, Env: options.env });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = collector();
  const err = collector();
  engine.docker.modem.demuxStream(stream, out.stream, err.stream);
  await ended(stream, 10 * MINUTE);
  let info = await exec.inspect();
  for (let i = 0; info.Running && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    info = await exec.inspect();
  }
  return { exitCode: info.ExitCode ?? -1, stdout: out.text(), stderr: err.text() };
}

/** Removes test images by tag (never the base or the runtime image); a missing image is fine. */
export async function removeImages(engine: Engine, tags: readonly string[]): Promise<void> {
  for (const tag of tags) {
    if (tag === RUNTIME_TAG || tag === BASE_IMAGE) continue;
    await engine.docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
  }
}

/** Removes every container this process created and left behind (a failed test, a timeout). */
export async function removeTestContainers(engine: Engine): Promise<void> {
  const containers = await engine.docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${RUN_ID}`] } });
  for (const info of containers) await engine.docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined);
}

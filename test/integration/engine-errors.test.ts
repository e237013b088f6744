/**
 * Failures the CLI must report honestly, against the real engine: a broken Dockerfile fails the
 * build with the daemon's own message (exit 1), a missing image or an unreachable engine is an
 * environment problem (exit 3) whose message says what was looked for.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree } from '../helpers/cli.js';
import { BASE_IMAGE, RUN_ID, cli, describeWithDocker, ensureBaseImage, removeImages } from './docker-env.js';

const MINUTE = 60_000;

describeWithDocker('image build: a broken Dockerfile fails with the daemon\'s message', (engine) => {
  const tag = `connascence/itest-broken-build:${RUN_ID}`;
  const dirs: string[] = [];
  const contextWith = (dockerfile: string): string => {
    const dir = makeTree({ Dockerfile: dockerfile });
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => ensureBaseImage(engine), 30 * MINUTE);
  afterAll(async () => {
    await removeImages(engine, [tag]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  });

  it('a RUN step that exits 3: exit code 1 and "returned a non-zero code: 3"', async () => {
    const context = contextWith(`FROM ${BASE_IMAGE}\nRUN exit 3\n`);
    const result = await cli(engine, ['image', 'build', '--context', context, '--tag', tag]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('Image build failed');
    expect(result.stderr).toContain('returned a non-zero code: 3');
    await expect(engine.docker.getImage(tag).inspect()).rejects.toThrow();
  }, 5 * MINUTE);

  it('the same with --json: exit 1, the message on stderr, nothing on stdout', async () => {
    const context = contextWith(`FROM ${BASE_IMAGE}\nRUN echo about to fail && exit 3\n`);
    const result = await cli(engine, ['image', 'build', '--context', context, '--tag', tag, '--json']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('returned a non-zero code: 3');
    expect(result.stdout.trim()).toBe('');
  }, 5 * MINUTE);

  it('an unknown instruction: exit code 1 (a build failure, not an engine problem) and the parse error', async () => {
    const context = contextWith(`FROM ${BASE_IMAGE}\nFROBNICATE the widgets\n`);
    const result = await cli(engine, ['image', 'build', '--context', context, '--tag', tag]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('Image build failed');
    expect(result.stderr).toMatch(/unknown instruction: FROBNICATE/i);
    expect(result.stderr).not.toContain('HTTP code');
  }, 5 * MINUTE);
});

describeWithDocker('environment problems: a missing image is exit code 3', (engine) => {
  it('image verify of a missing image names it', async () => {
    const missing = `connascence/itest-no-such-image:${RUN_ID}`;
    const result = await cli(engine, ['image', 'verify', missing]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`No image ${missing}`);
  }, 2 * MINUTE);
});

// No engine needed: these run everywhere, whether or not Docker is available.
describe('environment problems: an unreachable engine is exit code 3 and the message names its address', () => {
  const address = 'unix:///nonexistent.sock';

  it('image build', async () => {
    const result = await cli({ host: address }, ['image', 'build', '--base-image', BASE_IMAGE, '--tag', `connascence/itest-unreachable:${RUN_ID}`]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`Cannot reach the Docker engine at ${address}`);
    expect(result.stderr).toContain('DOCKER_HOST');
  }, 2 * MINUTE);

  it('image verify', async () => {
    const result = await cli({ host: address }, ['image', 'verify', 'connascence/analysis-runtime:itest']);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`Cannot reach the Docker engine at ${address}`);
  }, 2 * MINUTE);
});

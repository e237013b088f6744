/**
 * `merge --watch DIR --expect N`: partials folded in as they land, half-written files and temporary
 * names ignored until complete, the same report as `merge`, exit 3 on a timeout or a partial that
 * does not belong. Real processes, real files, real file events (and polling).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixtureCopies, makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { MAX_PARTIAL_BYTES } from '../../src/shard/partial.js';

const ENV = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' };

function startWatch(args: string[]): { done: Promise<{ code: number; stderr: string }>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'merge', ...args], { cwd: PROJECT_ROOT, env: ENV });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const done = new Promise<{ code: number; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stderr })));
  return { done, stderr: () => stderr };
}

async function until(test: () => boolean, what: () => string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`condition not met in time; stderr so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function partialsOf(root: string, count: number): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'connascence-partials-'));
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `s${i + 1}.partial`);
    expect(runCli(['analyze', root, '--no-cache', '--shard', `${i + 1}/${count}`, '-f', `partial=${file}`], { env: ENV }).code).toBe(0);
    return readFileSync(file);
  });
}

describe('merge --watch', () => {
  it.each([['file events', []], ['polling', ['--poll']]] as Array<[string, string[]]>)('folds in partials as they land (%s), skipping half-written and temporary files, and reports what merge reports', async (_how, extra) => {
    const root = makeTree(fixtureCopies(2));
    const [one, two, three] = partialsOf(root, 3);
    const watched = mkdtempSync(join(tmpdir(), 'connascence-watch-'));
    const out = join(mkdtempSync(join(tmpdir(), 'connascence-watch-out-')), 'report.json');
    const watch = startWatch(['--watch', watched, '--expect', '3', '--timeout', '60', '-f', `json=${out}`, '--fail-on', 'none', ...extra]);
    await until(() => watch.stderr().includes('Waiting for 3 partials'), watch.stderr);
    writeFileSync(join(watched, 'shard-1.partial'), one!);
    await until(() => watch.stderr().includes('Shard 1/3 in'), watch.stderr);
    // Half of shard 2 first: not complete, not taken.
    writeFileSync(join(watched, 'shard-2.partial'), two!.subarray(0, Math.floor(two!.length / 2)));
    await new Promise((r) => setTimeout(r, 600));
    expect(watch.stderr()).not.toContain('Shard 2/3 in');
    writeFileSync(join(watched, 'shard-2.partial'), two!);
    await until(() => watch.stderr().includes('Shard 2/3 in'), watch.stderr);
    // Shard 3 under a temporary name, renamed into place.
    writeFileSync(join(watched, 'shard-3.partial.tmp-x1'), three!.subarray(0, 100));
    writeFileSync(join(watched, 'shard-3.partial.tmp-x1'), three!);
    renameSync(join(watched, 'shard-3.partial.tmp-x1'), join(watched, 'shard-3.partial'));
    await until(() => /Merged 3 partials|Error/.test(watch.stderr()), watch.stderr, 30_000);
    const { code, stderr } = await watch.done;
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/Shard 1\/3 in \(shard-1\.partial\): \d+ files, \d+ file-rule findings; 1 of 3 in, waiting for 2\/3, 3\/3\./);
    expect(stderr).toMatch(/3 of 3 in\./);
    expect(stderr).toMatch(/Merged 3 partials: the report was written \d+ ms after the last one landed\./);
    const viaMerge = runCli(['merge', join(watched, 'shard-1.partial'), join(watched, 'shard-2.partial'), join(watched, 'shard-3.partial'), '-f', 'json', '--fail-on', 'none'], { env: ENV });
    const strip = (text: string) => {
      const { metrics: _m, ...rest } = JSON.parse(text) as Record<string, unknown>;
      return rest;
    };
    expect(strip(readFileSync(out, 'utf8'))).toEqual(strip(viaMerge.stdout));
  }, 60_000);

  it('fails with exit 3 on a timeout, naming the missing shards, and on a partial that does not belong', async () => {
    const root = makeTree(fixtureCopies(1));
    const [one] = partialsOf(root, 2);
    const watched = mkdtempSync(join(tmpdir(), 'connascence-watch-'));
    writeFileSync(join(watched, 'shard-1.partial'), one!);
    writeFileSync(join(watched, 'junk.partial'), 'not yet\n');
    const timedOut = await startWatch(['--watch', watched, '--expect', '2', '--timeout', '2']).done;
    expect(timedOut.code).toBe(3);
    expect(timedOut.stderr).toMatch(/Timed out after 2 s waiting for the partials of shards 2\/2 in .*: 1 of 2 arrived\. Incomplete: junk\.partial/);
    // Shard 2 of another tree: complete, but not of this run.
    const other = makeTree({ ...fixtureCopies(1), 'extra.ts': 'export const x = 1;\n' });
    const [, foreign] = partialsOf(other, 2);
    // A folder in the watched one is not a partial (the watch is one level deep).
    mkdirSync(join(watched, 'more'));
    writeFileSync(join(watched, 'shard-2.partial'), foreign!);
    const refused = await startWatch(['--watch', watched, '--expect', '2', '--timeout', '20']).done;
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/it analysed another tree/);
    // Usage errors stay exit 2.
    expect(runCli(['merge', '--watch', watched], { env: ENV }).stderr).toMatch(/--watch needs --expect N/);
    expect(runCli(['merge', '--watch', join(watched, 'nope'), '--expect', '2'], { env: ENV }).code).toBe(2);
  }, 60_000);

  it('takes no link, FIFO or oversized file of a hostile folder for a partial, and neither hangs nor reads them', async () => {
    const root = makeTree(fixtureCopies(1));
    const [one, two] = partialsOf(root, 2);
    const watched = mkdtempSync(join(tmpdir(), 'connascence-watch-'));
    const outside = join(mkdtempSync(join(tmpdir(), 'connascence-outside-')), 'shard-2.partial');
    writeFileSync(outside, two!);
    writeFileSync(join(watched, 'shard-1.partial'), one!);
    // Shard 2 is complete, but only through a link to a file outside the folder: not taken.
    symlinkSync(outside, join(watched, 'link.partial'));
    // A FIFO nobody writes: reading it would block for ever.
    execFileSync('mkfifo', [join(watched, 'fifo.partial')]);
    // Over the size limit (sparse, so nothing is written to disk): not read, named as incomplete.
    writeFileSync(join(watched, 'huge.partial'), '');
    truncateSync(join(watched, 'huge.partial'), MAX_PARTIAL_BYTES + 1);
    const timedOut = await startWatch(['--watch', watched, '--expect', '2', '--timeout', '3']).done;
    expect(timedOut.code, timedOut.stderr).toBe(3);
    expect(timedOut.stderr).toMatch(/waiting for the partials of shards 2\/2 in .*: 1 of 2 arrived\. Incomplete: huge\.partial /);
    expect(timedOut.stderr).toContain(`huge.partial (${MAX_PARTIAL_BYTES + 1} bytes is over the limit of ${MAX_PARTIAL_BYTES} bytes).`);
    expect(timedOut.stderr).not.toMatch(/link\.partial|fifo\.partial/);
  }, 30_000);
});

/**
 * A snapshot written to a full disk: a small tmpfs mounted for the test (root only). CI runs as root,
 * so there the test must run (CI=true makes a failed mount a failure); elsewhere it is skipped with a
 * visible warning.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, fixtureCopies, runCli } from '../helpers/cli.js';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const mountPoint = mkdtempSync(join(tmpdir(), 'full-disk-'));
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mountPoint], { encoding: 'utf8' });
const mounted = mount.status === 0;
const why = mounted ? '' : `cannot mount a small tmpfs (${(mount.stderr || mount.error?.message || 'not root').trim()})`;

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
});

describe('a full disk', () => {
  if (!mounted && process.env.CI === 'true') {
    it('needs a small tmpfs (CI runs as root)', () => {
      throw new Error(`the full-disk test must run in CI, but it ${why}`);
    });
    return;
  }
  if (!mounted) console.warn(`[full-disk] SKIPPING the full-disk tests: ${why}.`);

  it.runIf(mounted).each(['snap.tar', 'snap.tar.gz'])('fails warmup-cache --snapshot %s with exit 3 and one clear line, and leaves no temp file', (name) => {
    // The pack's open entry emitted ENOSPC with no listener: the process died with a stack trace, exit 1, and a temp file filling the disk stayed.
    const root = makeTree(fixtureCopies(4));
    const cacheDir = mkdtempSync(join(tmpdir(), 'full-disk-cache-'));
    const result = runCli(['warmup-cache', '-d', root, '--cache-dir', cacheDir, '--snapshot', join(mountPoint, name)]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr.trim().split('\n')).toEqual([`Error: Cannot write the snapshot ${join(mountPoint, name)}: ENOSPC: no space left on device, write`]);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(mountPoint)).toEqual([]);
    // Nothing else was lost: the same warm-up with room for the snapshot works.
    const retry = runCli(['warmup-cache', '-d', root, '--cache-dir', cacheDir, '--snapshot', join(mkdtempSync(join(tmpdir(), 'room-')), name)]);
    expect(retry.code, retry.stderr).toBe(0);
  });
});

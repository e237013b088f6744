import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixtureCopies, makeTree, runCli } from '../helpers/cli.js';

/** Issue 14, item 6: SIGINT or SIGTERM during warm-up, snapshot export or cache import leaves nothing behind. */

const corpus = (copies: number): string => makeTree(fixtureCopies(copies));

/** Every path under `dir` whose name marks a temporary file or a staging folder. */
function leftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const base = name.split('/').pop()!;
    if (base.startsWith('.tmp-') || base.startsWith('.import-') || /\.tmp-[0-9]+-/.test(base)) found.push(name);
  }
  return found;
}

/** Runs the CLI, sends `signal` once `ready()` holds (polled), and resolves with the exit code. */
function interrupted(args: string[], signal: NodeJS.Signals, ready: () => boolean): Promise<{ code: number | null; sent: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, CONNASCENCE_CACHE_DIR: '' } });
    let sent = false;
    const poll = setInterval(() => {
      if (sent || !ready()) return;
      sent = true;
      child.kill(signal);
    }, 2);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, sent });
    });
  });
}

describe('interrupted cache commands', () => {
  it('warm-up with --snapshot, stopped by SIGTERM while it writes entries and while it writes the archive, leaves no temp file', async () => {
    const root = corpus(60);
    for (const when of ['entries', 'archive'] as const) {
      const cache = makeTree({});
      const out = makeTree({});
      const snapshot = join(out, 'snap.tar');
      const ready = when === 'entries' ? () => existsSync(cache) && readdirSync(cache).some((n) => n.startsWith('facts-v')) : () => readdirSync(out).some((n) => n.startsWith('snap.tar.tmp-'));
      const run = await interrupted(['warmup-cache', '-d', root, '--cache-dir', cache, '--snapshot', snapshot, '--workers', '2'], 'SIGTERM', ready);
      expect(run.sent, when).toBe(true);
      expect(run.code, when).toBe(143);
      expect(leftovers(cache), when).toEqual([]);
      expect(readdirSync(out), when).toEqual([]);
    }
  });

  it('cache import, stopped by SIGINT while it stages, leaves no staging folder', async () => {
    const root = corpus(60);
    const cache = makeTree({});
    const out = makeTree({});
    const snapshot = join(out, 'snap.tar');
    expect(runCli(['warmup-cache', '-d', root, '--cache-dir', cache, '--snapshot', snapshot]).code).toBe(0);
    const target = join(makeTree({}), 'imported');
    const run = await interrupted(['cache', 'import', snapshot, '--cache-dir', target], 'SIGINT', () => existsSync(target) && readdirSync(target).some((n) => n.startsWith('.import-')));
    expect(run.sent).toBe(true);
    expect(run.code).toBe(130);
    expect(leftovers(target)).toEqual([]);
  });
});

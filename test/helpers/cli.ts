import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(PROJECT_ROOT, 'bin/run.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The user cache home of the CLI runs of a test file (XDG_CACHE_HOME): the machine key that seals the
 * caches inside analysed trees (cache/machine-key.ts) is made there, never in the real home.
 */
export const TEST_CACHE_HOME = mkdtempSync(join(tmpdir(), 'connascence-home-'));

/** Runs the built CLI (`npm test` builds dist/ first) as a real child process. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; node?: string } = {}): CliResult {
  const result = spawnSync(options.node ?? process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: TEST_CACHE_HOME, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory filled with `files` (path -> text or bytes). */
export function makeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'connascence-'));
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  return root;
}

/** The warm-up fixtures' source files copied `copies` times (`copy<i>/...`), path -> text: a corpus big enough for the worker pool. */
export function fixtureCopies(copies: number): Record<string, string> {
  const source = join(PROJECT_ROOT, 'warmup-fixtures');
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs|py)$/.test(name)) for (let i = 0; i < copies; i++) files[`copy${i}/${relative(source, path)}`] = readFileSync(path, 'utf8');
    }
  };
  walk(source);
  return files;
}

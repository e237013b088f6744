import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeTree, PROJECT_ROOT } from '../helpers/cli.js';

// Module by module (dist/rules/...) or bundled (dist/chunks/rules-*.js: see rolldown.config.mjs).
const HEAVY = [/@swc\/core/, /web-tree-sitter/, /tree-sitter-python/, /\/dist\/rules\//, /\/dist\/languages\//, /\/dist\/chunks\/(rules|javascript|python)-/, /dockerode/];

/** Runs the CLI with a loader hook that lists every module it loads. */
function loadedModules(args: string[]): { code: number; stdout: string; modules: string[] } {
  const log = join(makeTree({}), 'modules.log');
  const result = spawnSync(process.execPath, ['--import', join(PROJECT_ROOT, 'test/helpers/module-log.mjs'), BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MODULE_LOG: log },
  });
  let modules: string[] = [];
  try {
    modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    modules = [];
  }
  return { code: result.status ?? -1, stdout: result.stdout, modules };
}

describe('fast start', () => {
  it('--version loads neither oclif, parsers, rules nor dockerode', () => {
    const { code, stdout, modules } = loadedModules(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^connascence\/\d+\.\d+\.\d+ /);
    expect(modules.some((m) => m.includes('@oclif'))).toBe(false);
    for (const heavy of HEAVY) expect(modules.filter((m) => heavy.test(m))).toEqual([]);
  });

  it.each([['validate-environment', '--help'], ['analyze', '--help'], ['warmup-cache', '--help'], ['rules', '--help'], ['cache', 'import', '--help']])('%s %s loads no parser, rule or dockerode', (...args) => {
    const { code, stdout, modules } = loadedModules(args);
    expect(code).toBe(0);
    expect(stdout).toContain('USAGE');
    expect(modules.length).toBeGreaterThan(0); // the hook saw the modules that were loaded
    for (const heavy of HEAVY) expect(modules.filter((m) => heavy.test(m))).toEqual([]);
  });

  it('sees the parsers and rules when analyze does load them (the patterns above match this build)', () => {
    const dir = makeTree({ 'a.ts': 'export function f(a: number) { return a; }\n', 'b.py': 'def g(a):\n    return a\n' });
    const { code, modules } = loadedModules(['analyze', dir, '--no-cache', '--workers', '1', '--format', 'json']);
    expect(code).toBe(0);
    for (const loaded of [/@swc\/core/, /web-tree-sitter/, /\/dist\/chunks\/rules-/, /\/dist\/chunks\/javascript-/, /\/dist\/chunks\/python-/]) {
      expect(modules.some((m) => loaded.test(m)), String(loaded)).toBe(true);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeTree, PROJECT_ROOT } from '../helpers/cli.js';

// Module by module (dist/rules/...) or bundled (dist/chunks/rules-*.js: see rolldown.config.mjs).
const HEAVY = [/oxc-parser/, /@swc\/core/, /web-tree-sitter/, /tree-sitter-python/, /\/dist\/rules\//, /\/dist\/languages\//, /\/dist\/chunks\/(rules|javascript|python)-/, /dockerode/];

/** Runs the CLI with a loader hook that lists every module it loads. */
function loadedModules(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string; modules: string[] } {
  const log = join(makeTree({}), 'modules.log');
  const result = spawnSync(process.execPath, ['--import', join(PROJECT_ROOT, 'test/helpers/module-log.mjs'), BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', MODULE_LOG: log, ...env },
  });
  let modules: string[] = [];
  try {
    modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    modules = [];
  }
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, modules };
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
    for (const loaded of [/oxc-parser/, /web-tree-sitter/, /\/dist\/chunks\/rules-/, /\/dist\/chunks\/javascript-/, /\/dist\/chunks\/python-/]) {
      expect(modules.some((m) => loaded.test(m)), String(loaded)).toBe(true);
    }
  });

  describe('analyze, validate-environment and warmup-cache run without oclif (src/cli/fast-start.ts)', () => {
    const oclifLoaded = (modules: string[]): boolean => modules.some((m) => m.includes('@oclif') || m.includes('/dist/cli/execute.js'));
    /** The JSON report without its timings (which differ from run to run). */
    const findingsOf = (stdout: string): unknown => {
      const { metrics: _metrics, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
      return rest;
    };

    it('analyze gives the report and exit code that oclif gives, without loading oclif', () => {
      const dir = makeTree({ 'a.ts': 'export function f(a, b, c, d, e) { return a + b + c + d + e + 42; }\n', 'b.py': 'def g(a):\n    return a * 97\n' });
      const args = ['analyze', dir, '--no-cache', '--workers', '1', '--format', 'json', '--fail-on', 'low'];
      const fast = loadedModules(args);
      const oclif = loadedModules(args, { CONNASCENCE_FAST_START: 'off' });
      expect(oclifLoaded(fast.modules)).toBe(false);
      expect(oclifLoaded(oclif.modules)).toBe(true);
      expect(fast.code).toBe(1);
      expect(fast.code).toBe(oclif.code);
      expect(findingsOf(fast.stdout)).toEqual(findingsOf(oclif.stdout));
    });

    it('validate-environment and warmup-cache run without loading oclif', () => {
      const dir = makeTree({ 'a.ts': 'export const a = 1;\n' });
      const validate = loadedModules(['validate-environment', '--json', '--directory', dir, '--cache-dir', join(dir, 'cache')]);
      expect(validate.code, validate.stderr).toBe(0);
      expect(JSON.parse(validate.stdout).status).toBe('passed');
      expect(oclifLoaded(validate.modules)).toBe(false);
      const warmup = loadedModules(['warmup-cache', '-d', dir, '--cache-dir', join(dir, 'cache'), '--json', '--workers', '1']);
      expect(warmup.code, warmup.stderr).toBe(0);
      expect(JSON.parse(warmup.stdout)).toMatchObject({ files: 1, misses: 1 });
      expect(oclifLoaded(warmup.modules)).toBe(false);
    });

    it('prints errors with the exit codes oclif gives them', () => {
      const missing = join(makeTree({}), 'missing');
      const fast = loadedModules(['analyze', missing]);
      const oclif = loadedModules(['analyze', missing], { CONNASCENCE_FAST_START: 'off' });
      expect(oclifLoaded(fast.modules)).toBe(false);
      expect(fast.code).toBe(2);
      expect(fast.stderr).toContain(`Error: The directory ${missing} does not exist`);
      expect({ code: fast.code, stderr: fast.stderr }).toEqual({ code: oclif.code, stderr: oclif.stderr });
    });

    it('ends quietly when the reader closes the pipe early (| head)', () => {
      // Far more report than a pipe buffers (64 KiB), so that writing it hits the closed pipe.
      const body = Array.from({ length: 40 }, (_, n) => `  total += a * ${n + 100};`).join('\n');
      const dir = makeTree(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.ts`, `export function f${i}(a, b, c, d, e) {\n  let total = 0;\n${body}\n  return total;\n}\n`])));
      const script = `"${process.execPath}" "${BIN}" analyze "${dir}" --no-cache --format json 2>"${dir}/stderr.txt" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`;
      const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
      expect(result.stdout.trim()).toBe('0');
      expect(readFileSync(join(dir, 'stderr.txt'), 'utf8')).toBe('');
    });

    it('leaves usage errors and help to oclif', () => {
      const bad = loadedModules(['analyze', '.', '--fail-on', 'xml']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('Expected --fail-on=xml to be one of');
      expect(bad.stderr.match(/See more help with --help/g)).toHaveLength(1);
      expect(oclifLoaded(bad.modules)).toBe(true);
    });
  });
});

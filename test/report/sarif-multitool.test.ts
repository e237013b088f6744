/**
 * The SARIF of a large real codebase, checked by Microsoft's SARIF multitool with the rules GitHub
 * code scanning ingestion follows (`Sarif;Gh`): zero errors and zero warnings. The codebase is
 * @mui/material from the npm registry (1,300 files, more findings than GitHub keeps per run), fetched
 * into a temporary folder and never kept.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

const PACKAGE = '@mui/material@9.6.0';
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

/** The binary ships without its execute bit, which the package's install script sets: npm 11 runs no install scripts unless approved. */
function executable(path: string): string {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, 0o755);
  }
  return path;
}

interface Log {
  runs: Array<{ results: Array<{ relatedLocations?: unknown[]; level?: string; message?: { text?: string } }>; automationDetails?: { id: string }; invocations: Array<{ toolExecutionNotifications?: Array<{ message: { text: string } }> }> }>;
}

describe('SARIF for GitHub code scanning, on a real codebase', () => {
  it('passes the SARIF multitool Sarif;Gh rules with no error and no warning, within GitHub limits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'connascence-multitool-'));
    const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8', timeout: 120_000 }).trim().split('\n').pop()!;
    execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir]);
    const sarif = join(dir, 'results.sarif');
    const analysed = runCli(['analyze', 'package', '--no-cache', '--fail-on', 'none', '-f', `sarif=${sarif}`], { cwd: dir, env: { GITHUB_ACTIONS: '' } });
    expect(analysed.code, analysed.stderr).toBe(0);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as Log;
    const run = log.runs[0]!;
    // More findings than GitHub keeps: the 5,000 most severe, and a notification saying how many were left out.
    expect(run.results).toHaveLength(5000);
    expect(run.invocations[0]!.toolExecutionNotifications!.map((n) => n.message.text).join('\n')).toMatch(/\d+ results were left out/);
    expect(Math.max(...run.results.map((r) => r.relatedLocations?.length ?? 0))).toBeLessThanOrEqual(100);
    expect(run.automationDetails?.id).toBe('connascence/package/');
    // GitHub accepts at most 10 MB gzipped.
    expect(gzipSync(readFileSync(sarif)).length).toBeLessThan(10 * 1024 * 1024);

    const out = join(dir, 'validation.sarif');
    const validated = spawnSync(executable(multitool), ['validate', sarif, '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning', '--output', out, '--log', 'ForceOverwrite', '--max-file-size-in-kb', '200000'], { encoding: 'utf8', timeout: 300_000 });
    expect(validated.status, `${validated.stdout}\n${validated.stderr}`).toBe(0);
    const problems = (JSON.parse(readFileSync(out, 'utf8')) as Log).runs[0]!.results.map((r) => `${r.level}: ${r.message?.text ?? ''}`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('passes them too with settings that switch safety off and suppressed critical findings (configuration and execution notifications)', () => {
    const root = makeTree({
      'src/app.py': 'import os\nimport pickle\n\ndef run(cmd):\n    os.system(cmd)  # connascence-disable-line SEC_SHELL -- fixed commands\n\ndef load(b):\n    # connascence-disable-next-line SEC_DESERIALIZE\n    return pickle.loads(b)\n',
      'connascence.config.json': JSON.stringify({ rules: { SEC_SECRET: 'off', NASA_8_DYNAMIC_CODE: 'low' }, overrides: [{ files: ['src/**'], rules: { PARSE_ERROR: 'off' } }], exclude: ['x/**'], vendored: ['**'] }),
    });
    const dir = mkdtempSync(join(tmpdir(), 'connascence-multitool-'));
    const sarif = join(dir, 'results.sarif');
    const analysed = runCli(['analyze', root, '--no-cache', '-f', `sarif=${sarif}`], { env: { GITHUB_ACTIONS: '' } });
    expect(analysed.code, analysed.stderr).toBe(0);
    const invocation = (JSON.parse(readFileSync(sarif, 'utf8')) as { runs: Array<{ invocations: Array<{ toolConfigurationNotifications?: unknown[]; toolExecutionNotifications?: unknown[] }> }> }).runs[0]!.invocations[0]!;
    expect(invocation.toolConfigurationNotifications).toHaveLength(5);
    expect(invocation.toolExecutionNotifications).toHaveLength(2);
    const out = join(dir, 'validation.sarif');
    const validated = spawnSync(executable(multitool), ['validate', sarif, '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning', '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 300_000 });
    expect(validated.status, `${validated.stdout}\n${validated.stderr}`).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Log).runs[0]!.results.map((r) => `${r.level}: ${r.message?.text ?? ''}`)).toEqual([]);
  }, 300_000);
});

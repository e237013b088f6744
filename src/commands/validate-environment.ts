import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { EXIT } from '../errors.js';

export default class ValidateEnvironment extends BaseCommand {
  static override summary = 'Check that this machine or container can analyse code: Node.js, parsers, a self-test, cache and workspace.';
  static override description = `Each check has a status (ok, warning, failed) and a recommendation. Exit code 0 when nothing failed (warnings fail only with --strict), 1 otherwise.

The self-test analyses the bundled warmup-fixtures and must reproduce their golden findings exactly.`;
  static override examples = [
    '<%= config.bin %> validate-environment',
    '<%= config.bin %> validate-environment --directory "$GITHUB_WORKSPACE" --strict',
    '<%= config.bin %> validate-environment --json',
  ];

  static override flags = {
    directory: Flags.string({ char: 'd', summary: 'workspace to check (readable, with analysable files)', default: '.' }),
    'cache-dir': Flags.string({ summary: 'cache directory to check (default: $CONNASCENCE_CACHE_DIR, else DIRECTORY/.connascence/cache)' }),
    json: Flags.boolean({ summary: 'print the checks as JSON' }),
    strict: Flags.boolean({ summary: 'fail on warnings too' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ValidateEnvironment);
    const { resolve } = await import('node:path');
    const { resolveCacheDir, resolveSnapshotDirs } = await import('../cache/location.js');
    const { environmentChecks } = await import('../container/environment.js');
    const { overallStatus, renderChecks, runChecks } = await import('../container/checks.js');
    const started = performance.now();
    const root = resolve(flags.directory);
    const checks = environmentChecks({ directory: root, cacheDir: resolveCacheDir({ root, flag: flags['cache-dir'], env: process.env }), snapshotDirs: resolveSnapshotDirs(process.env) });
    const results = await runChecks(checks);
    const status = overallStatus(results, flags.strict);
    const durationMs = Math.round(performance.now() - started);
    if (flags.json) this.log(JSON.stringify({ status, strict: flags.strict, durationMs, checks: results }, null, 2));
    else this.log(`${renderChecks(results)}\n\nEnvironment ${status} in ${durationMs} ms${flags.strict ? ' (strict: warnings fail)' : ''}.`);
    if (status === 'failed') this.exit(EXIT.gateFailed);
  }
}

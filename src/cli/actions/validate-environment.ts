import { EXIT } from '../../errors.js';
import type { CommandIO } from '../command-io.js';
import type { CommandSpec, ParsedArgv } from '../flag-spec.js';

export const spec = {
  flags: {
    directory: { kind: 'string', char: 'd', summary: 'workspace to check (readable, with analysable files)', default: '.' },
    'cache-dir': { kind: 'string', summary: 'cache directory to check (default: $CONNASCENCE_CACHE_DIR, else DIRECTORY/.connascence/cache)' },
    json: { kind: 'boolean', summary: 'print the checks as JSON' },
    strict: { kind: 'boolean', summary: 'fail on warnings too' },
  },
} satisfies CommandSpec;

/** `connascence validate-environment`: the checks as a table or JSON; 1 when one failed (or warned, with --strict). */
export async function action({ flags }: ParsedArgv, io: CommandIO): Promise<number> {
  const { resolve } = await import('node:path');
  const { resolveCacheDir, resolveSnapshotDirs } = await import('../../cache/location.js');
  const { environmentChecks } = await import('../../container/environment.js');
  const { overallStatus, renderChecks, runChecks } = await import('../../container/checks.js');
  const strict = flags.strict === true;
  const started = performance.now();
  const root = resolve(flags.directory as string);
  const checks = environmentChecks({ directory: root, cacheDir: resolveCacheDir({ root, flag: flags['cache-dir'] as string | undefined, env: process.env }), snapshotDirs: resolveSnapshotDirs(process.env) });
  const results = await runChecks(checks);
  const status = overallStatus(results, strict);
  const durationMs = Math.round(performance.now() - started);
  if (flags.json === true) io.out(JSON.stringify({ status, strict, durationMs, checks: results }, null, 2));
  else io.out(`${renderChecks(results)}\n\nEnvironment ${status} in ${durationMs} ms${strict ? ' (strict: warnings fail)' : ''}.`);
  return status === 'failed' ? EXIT.gateFailed : EXIT.passed;
}

import { unwrittenWarning } from '../../cache/location.js';
import { EXIT } from '../../errors.js';
import type { CommandIO } from '../command-io.js';
import { CACHE_DIR_FLAG, MAX_FILE_SIZE_FLAG } from '../common-flags.js';
import type { CommandSpec, ParsedArgv } from '../flag-spec.js';
import { parseSize } from '../size.js';

export const spec = {
  flags: {
    directory: { kind: 'string', char: 'd', summary: 'directory whose files to cache', default: '.' },
    'cache-dir': CACHE_DIR_FLAG,
    snapshot: { kind: 'string', summary: 'also write a snapshot archive (tar) of the cache to this file' },
    'max-file-size': MAX_FILE_SIZE_FLAG,
    workers: { kind: 'integer', summary: 'worker threads for parsing (default: one per 2 MiB of source, up to one per core)', min: 1 },
    json: { kind: 'boolean', summary: 'print the result as JSON' },
  },
} satisfies CommandSpec;

/**
 * `connascence warmup-cache`: files, hits, misses, bytes and duration, as text or JSON. Entries it
 * could not write are counted and warned about, never passed off as cached; they do not fail the
 * command: a CI job in a workspace it may not write to still analyses, only without the cache.
 */
export async function action({ flags }: ParsedArgv, io: CommandIO): Promise<number> {
  const { warmupCache } = await import('../../engine/warmup.js');
  const result = await warmupCache({
    directory: flags.directory as string,
    cacheDir: flags['cache-dir'] as string | undefined,
    snapshot: flags.snapshot as string | undefined,
    maxFileSize: parseSize(flags['max-file-size'] as string, '--max-file-size'),
    workers: flags.workers as number | undefined,
  });
  if (result.writeErrors > 0) {
    io.err(unwrittenWarning(`${result.writeErrors} of ${result.misses} cache entries`, result.cacheDir, result.writeError));
  }
  if (flags.json === true) {
    io.out(JSON.stringify(result, null, 2));
    return EXIT.passed;
  }
  const written = result.misses - result.writeErrors;
  io.out(`Cached ${result.hits + written} of ${result.files} files from ${result.root} in ${result.durationMs} ms: ${result.hits} already cached, ${result.misses} parsed${result.writeErrors > 0 ? ` (${written} stored)` : ''}${result.corrupt > 0 ? `, ${result.corrupt} corrupt entries rewritten` : ''}.`);
  io.out(`Cache ${result.cacheDir}: ${result.cacheEntries} entries, ${result.cacheBytes} bytes (${result.sourceBytes} bytes of source read; ${result.skipped} files skipped).`);
  if (result.snapshot) io.out(`Snapshot ${result.snapshot.path}: ${result.snapshot.entries} entries, ${result.snapshot.bytes} bytes.`);
  return EXIT.passed;
}

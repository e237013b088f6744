import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { parseSize } from '../cli/size.js';

export default class WarmupCache extends BaseCommand {
  static override summary = 'Parse every analysable file under a directory and fill the facts cache.';
  static override description = `Later \`analyze\` runs on the same files are then served from the cache. With --snapshot, also writes a portable snapshot archive of the cache (import it elsewhere with \`connascence cache import\`, or bake it into an image).`;
  static override examples = [
    '<%= config.bin %> warmup-cache --directory .',
    '<%= config.bin %> warmup-cache --directory "$GITHUB_WORKSPACE" --json',
    '<%= config.bin %> warmup-cache --directory warmup-fixtures --snapshot cache.tar',
  ];

  static override flags = {
    directory: Flags.string({ char: 'd', summary: 'directory whose files to cache', default: '.' }),
    'cache-dir': Flags.string({ summary: 'cache directory (default: $CONNASCENCE_CACHE_DIR, else DIRECTORY/.connascence/cache)' }),
    snapshot: Flags.string({ summary: 'also write a snapshot archive (tar) of the cache to this file' }),
    'max-file-size': Flags.string({ summary: 'skip files larger than this', default: '1MiB' }),
    workers: Flags.integer({ summary: 'worker threads for parsing (default: one per available core)', min: 1 }),
    json: Flags.boolean({ summary: 'print the result as JSON' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(WarmupCache);
    const { warmupCache } = await import('../engine/warmup.js');
    const result = await warmupCache({
      directory: flags.directory,
      cacheDir: flags['cache-dir'],
      snapshot: flags.snapshot,
      maxFileSize: parseSize(flags['max-file-size'], '--max-file-size'),
      workers: flags.workers,
    });
    if (flags.json) {
      this.log(JSON.stringify(result, null, 2));
      return;
    }
    this.log(`Cached ${result.files} files from ${result.root} in ${result.durationMs} ms: ${result.hits} already cached, ${result.misses} parsed${result.corrupt > 0 ? `, ${result.corrupt} corrupt entries rewritten` : ''}.`);
    this.log(`Cache ${result.cacheDir}: ${result.cacheEntries} entries, ${result.cacheBytes} bytes (${result.sourceBytes} bytes of source read; ${result.skipped} files skipped).`);
    if (result.snapshot) this.log(`Snapshot ${result.snapshot.path}: ${result.snapshot.entries} entries, ${result.snapshot.bytes} bytes.`);
  }
}

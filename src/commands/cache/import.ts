import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { cacheFrom, cacheLocationFlags } from '../../cli/cache-flags.js';
import { parseSize } from '../../cli/size.js';

export default class CacheImport extends BaseCommand {
  static override summary = 'Import a cache snapshot archive (from `warmup-cache --snapshot`) into the cache.';
  static override description = 'Every entry is verified against the archive manifest before anything is written. Archives with absolute paths, `..`, links or entries outside the cache layout are refused (exit 2), and so is one that expands to more than 64 times its size or to more than --max-import-size.';
  static override examples = ['<%= config.bin %> cache import cache.tar', '<%= config.bin %> cache import cache.tar --cache-dir /tmp/cache --json'];
  static override args = { file: Args.string({ description: 'snapshot archive (.tar)', required: true }) };
  static override flags = {
    ...cacheLocationFlags,
    'max-import-size': Flags.string({ summary: 'most bytes the archive may expand to while it is checked (bytes, or e.g. 500MiB, 8GiB)', default: '4GiB' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(CacheImport);
    const { importSnapshot } = await import('../../cache/snapshot.js');
    const { dir, auth } = await cacheFrom(flags, 'import into');
    const result = await importSnapshot(args.file, dir, { maxBytes: parseSize(flags['max-import-size'], '--max-import-size'), ...(auth ? { auth } : {}) });
    if (flags.json) this.log(JSON.stringify({ cacheDir: dir, ...result }, null, 2));
    else this.log(`Imported ${result.imported} entries into ${dir} (${result.skippedExisting} already present).`);
  }
}

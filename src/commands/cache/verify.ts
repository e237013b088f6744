import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { cacheFrom, cacheLocationFlags } from '../../cli/cache-flags.js';
import { printable } from '../../printable.js';

export default class CacheVerify extends BaseCommand {
  static override summary = 'Parse the sources of cache entries again and report entries whose facts differ (poisoned or not deterministic).';
  static override description =
    'Each checked entry is compared byte for byte with what the front-ends extract from its source under --directory today. Entries whose source is gone or changed cannot be checked and are counted apart. Exits 1 when an entry differs.';
  static override examples = ['<%= config.bin %> cache verify', '<%= config.bin %> cache verify --sample 50 --json'];
  static override flags = {
    ...cacheLocationFlags,
    sample: Flags.integer({ summary: 'check this many entries, spread over the cache (default: all)', min: 1 }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(CacheVerify);
    const { verifyCache } = await import('../../engine/verify-cache.js');
    const { resolve } = await import('node:path');
    const { dir, auth } = await cacheFrom(flags, 'verify');
    const result = await verifyCache(dir, resolve(flags.directory), flags.sample, auth);
    if (flags.json) this.log(JSON.stringify(result, null, 2));
    else {
      this.log(
        `Cache ${printable(result.dir)}: checked ${result.sampled} of ${result.entries} entries against ${printable(result.root)}: ${result.matching} match, ${result.differing.length} differ, ${result.corrupt} corrupt, ${result.unverifiable} whose source is gone or changed.`,
      );
      for (const entry of result.differing) this.log(`  differs: ${printable(entry.path)} (entry ${printable(entry.key)})`);
    }
    if (result.differing.length > 0) this.exit(1);
  }
}

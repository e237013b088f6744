import { BaseCommand } from '../../cli/base-command.js';
import { cacheFrom, cacheLocationFlags } from '../../cli/cache-flags.js';

export default class CacheStats extends BaseCommand {
  static override summary = 'Show the size and health of the facts cache.';
  static override examples = ['<%= config.bin %> cache stats', '<%= config.bin %> cache stats --cache-dir /tmp/cache --json'];
  static override flags = cacheLocationFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(CacheStats);
    const { cacheStats } = await import('../../cache/maintenance.js');
    const { dir, auth } = await cacheFrom(flags, 'read');
    const stats = cacheStats(dir, auth ? { auth } : {});
    if (flags.json) {
      this.log(JSON.stringify(stats, null, 2));
      return;
    }
    const records = stats.records > 0 ? `, and ${stats.records} run records (judgements, reports, stamp indexes) of ${stats.recordBytes} bytes` : '';
    this.log(`Cache ${stats.dir}: ${stats.entries} entries, ${stats.bytes} bytes${records}${stats.corrupt > 0 ? `; ${stats.corrupt} corrupt entries (they are recomputed on the next run; \`cache prune\` removes them)` : ''}.`);
  }
}

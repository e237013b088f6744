import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { cacheFrom, cacheLocationFlags } from '../../cli/cache-flags.js';
import { parseSize } from '../../cli/size.js';

export default class CachePrune extends BaseCommand {
  static override summary = 'Shrink the facts cache to a size, removing the least recently used entries first.';
  static override description = 'Also removes entries of other cache versions and leftover temporary files.';
  static override examples = ['<%= config.bin %> cache prune --max-size 200MiB'];
  static override flags = {
    ...cacheLocationFlags,
    'max-size': Flags.string({ summary: 'largest size to keep (bytes, or e.g. 200MiB, 1GB)', required: true }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(CachePrune);
    const { pruneCache } = await import('../../cache/maintenance.js');
    const { dir, auth } = await cacheFrom(flags, 'prune');
    const result = pruneCache(dir, parseSize(flags['max-size'], '--max-size'), auth ? { auth } : {});
    if (flags.json) this.log(JSON.stringify({ cacheDir: dir, ...result }, null, 2));
    else this.log(`Removed ${result.removed} entries (${result.freedBytes} bytes) from ${dir}; ${result.remainingBytes} bytes remain.`);
  }
}

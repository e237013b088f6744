import { BaseCommand } from '../cli/base-command.js';
import { action, spec } from '../cli/actions/warmup-cache.js';
import { oclifFlags } from '../cli/oclif-flags.js';

export default class WarmupCache extends BaseCommand {
  static override summary = 'Parse every analysable file under a directory and fill the facts cache.';
  static override description = `Later \`analyze\` runs on the same files are then served from the cache. With --snapshot, also writes a portable snapshot archive of the cache (import it elsewhere with \`connascence cache import\`, or bake it into an image).`;
  static override examples = [
    '<%= config.bin %> warmup-cache --directory .',
    '<%= config.bin %> warmup-cache --directory "$GITHUB_WORKSPACE" --json',
    '<%= config.bin %> warmup-cache --directory warmup-fixtures --snapshot cache.tar',
  ];

  static override flags = oclifFlags(spec);

  async run(): Promise<void> {
    await this.runAction(action);
  }
}

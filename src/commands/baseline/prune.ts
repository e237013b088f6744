import { BaseCommand } from '../../cli/base-command.js';
import { pruneAction, fileSpec } from '../../cli/actions/baseline.js';
import { oclifArgs, oclifFlags } from '../../cli/oclif-flags.js';

export default class BaselinePrune extends BaseCommand {
  static override summary = 'Drop the baseline entries of files that no longer exist.';
  static override description = 'Reads no source: an entry whose path (relative to the baseline file) is gone is removed.';
  static override examples = ['<%= config.bin %> baseline prune .', '<%= config.bin %> baseline prune . --baseline ci/connascence-baseline.json --json'];
  static override args = oclifArgs(fileSpec);
  static override flags = oclifFlags(fileSpec);

  async run(): Promise<void> {
    await this.runAction(pruneAction);
  }
}

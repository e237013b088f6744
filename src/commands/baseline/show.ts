import { BaseCommand } from '../../cli/base-command.js';
import { showAction, fileSpec } from '../../cli/actions/baseline.js';
import { oclifArgs, oclifFlags } from '../../cli/oclif-flags.js';

export default class BaselineShow extends BaseCommand {
  static override summary = 'Show the entries of the baseline per rule.';
  static override description = 'Counts the entries of the baseline file per rule, and the files they are in.';
  static override examples = ['<%= config.bin %> baseline show .', '<%= config.bin %> baseline show . --baseline ci/connascence-baseline.json --json'];
  static override args = oclifArgs(fileSpec);
  static override flags = oclifFlags(fileSpec);

  async run(): Promise<void> {
    await this.runAction(showAction);
  }
}

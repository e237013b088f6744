import { BaseCommand } from '../../cli/base-command.js';
import { updateAction, updateSpec } from '../../cli/actions/baseline.js';
import { oclifArgs, oclifFlags } from '../../cli/oclif-flags.js';

export default class BaselineUpdate extends BaseCommand {
  static override summary = 'Remove the baseline entries that were fixed; with --add-new, also accept the new findings.';
  static override description = 'Analyses DIRECTORY and rewrites the baseline: entries no finding matches any more (in the files this run covered) are removed, entries of a renamed file follow it, entries of files outside the run are kept. Without --add-new the baseline can only shrink (a ratchet).';
  static override examples = ['<%= config.bin %> baseline update .', '<%= config.bin %> baseline update . --baseline ci/connascence-baseline.json --json'];
  static override args = oclifArgs(updateSpec);
  static override flags = oclifFlags(updateSpec);

  async run(): Promise<void> {
    await this.runAction(updateAction);
  }
}

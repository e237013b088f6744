import { BaseCommand } from '../../cli/base-command.js';
import { createAction, createSpec } from '../../cli/actions/baseline.js';
import { oclifArgs, oclifFlags } from '../../cli/oclif-flags.js';

export default class BaselineCreate extends BaseCommand {
  static override summary = 'Write a baseline of every current finding (connascence-baseline.json), so that the gate fails on new findings only.';
  static override description = 'Analyses DIRECTORY with the same settings as analyze and writes one entry per finding: rule, path (relative to the baseline file), fingerprint and a short message. No line numbers: it survives code moving. Commit it next to connascence.config.json; analyze then uses it by itself.';
  static override examples = ['<%= config.bin %> baseline create .', '<%= config.bin %> baseline create . --baseline ci/connascence-baseline.json --json'];
  static override args = oclifArgs(createSpec);
  static override flags = oclifFlags(createSpec);

  async run(): Promise<void> {
    await this.runAction(createAction);
  }
}

import { BaseCommand } from '../cli/base-command.js';
import { action, spec } from '../cli/actions/validate-environment.js';
import { oclifFlags } from '../cli/oclif-flags.js';

export default class ValidateEnvironment extends BaseCommand {
  static override summary = 'Check that this machine or container can analyse code: Node.js, parsers, a self-test, cache and workspace.';
  static override description = `Each check has a status (ok, warning, failed) and a recommendation. Exit code 0 when nothing failed (warnings fail only with --strict), 1 otherwise.

The self-test analyses the bundled warmup-fixtures and must reproduce their golden findings exactly.`;
  static override examples = [
    '<%= config.bin %> validate-environment',
    '<%= config.bin %> validate-environment --directory "$GITHUB_WORKSPACE" --strict',
    '<%= config.bin %> validate-environment --json',
  ];

  static override flags = oclifFlags(spec);

  async run(): Promise<void> {
    await this.runAction(action);
  }
}

import { BaseCommand } from '../cli/base-command.js';
import { merge, spec } from '../cli/actions/merge.js';
import { oclifFlags } from '../cli/oclif-flags.js';
import { EXIT } from '../errors.js';

export default class Merge extends BaseCommand {
  static override summary = 'Merge the partial results of analyze --shard K/N into one run and report it.';
  static override description = `Runs the cross-file rules (duplication, import cycles, algorithm copies, fan-out) on the facts the shards carried, then suppressions, the baseline and the gate, exactly as one unsharded run would: the findings, fingerprints included, are the same. Nothing is read or parsed but the partials.

Partials that do not belong together are refused (exit 2): another tree, other settings, another version of connascence, a missing or duplicated shard, a file that is not a complete partial.

Exit codes: 0 gate passed, 1 gate failed, 2 usage error or partials that cannot be merged, 3 environment problem.`;

  static override examples = [
    '<%= config.bin %> merge shards/*.partial -f text -f sarif=results.sarif',
    '<%= config.bin %> merge shard-1.partial shard-2.partial --format json --output report.json',
  ];

  static override strict = false;
  static override flags = oclifFlags(spec);

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Merge);
    const { exitCode, watched } = await merge(argv as string[], { flags }, { out: (line) => this.log(line), err: (line) => this.logToStderr(line), version: this.config.version });
    // After --watch the process ends here: a file watch left open must not keep it waiting.
    if (exitCode !== EXIT.passed || watched) this.exit(exitCode);
  }
}

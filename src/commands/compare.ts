import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { EXIT } from '../errors.js';

export default class Compare extends BaseCommand {
  static override summary = 'Compare two JSON reports of analyze: findings added and removed, score and throughput changes.';
  static override description = `Findings are matched by rule and fingerprint, so moved lines are not changes. Scores are compared in the direction that is better for each (the connascence index is better lower); throughput is files per second from the reports' metrics.

Exit codes: 0 no regression, 1 a score got worse by more than --max-score-drop points or throughput fell by more than --max-slowdown percent, 2 a report that cannot be read or is not a connascence JSON report.`;

  static override examples = [
    '<%= config.bin %> compare base.json head.json',
    '<%= config.bin %> compare base.json head.json --format markdown >> "$GITHUB_STEP_SUMMARY"',
    '<%= config.bin %> compare base.json head.json --max-score-drop 0.5 --max-slowdown 25 --format json --output compare.json',
  ];

  static override args = {
    base: Args.string({ description: 'JSON report of the base run (e.g. the last run on the main branch)', required: true }),
    head: Args.string({ description: 'JSON report of the head run (e.g. the pull request)', required: true }),
  };

  static override flags = {
    format: Flags.string({ char: 'f', summary: 'output format', options: ['text', 'json', 'markdown'], default: 'text' }),
    output: Flags.string({ char: 'o', summary: 'write the comparison to this file instead of standard output' }),
    'max-score-drop': Flags.string({ summary: 'points a score may get worse by before the command exits 1 (default 0)' }),
    'max-slowdown': Flags.string({ summary: 'percent the throughput (files/s) may fall by before the command exits 1 (default: not checked)' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Compare);
    const { compareLimits, runCompare } = await import('../cli/actions/compare.js');
    const outcome = runCompare({ base: args.base, head: args.head, format: flags.format, ...(flags.output !== undefined ? { output: flags.output } : {}), limits: compareLimits(flags) });
    for (const line of outcome.messages) this.logToStderr(line);
    if (outcome.report !== undefined) process.stdout.write(outcome.report);
    if (outcome.exitCode !== EXIT.passed) this.exit(outcome.exitCode);
  }
}

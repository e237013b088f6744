import { BaseCommand } from '../cli/base-command.js';
import { action, spec } from '../cli/actions/analyze.js';
import { oclifArgs, oclifFlags } from '../cli/oclif-flags.js';

export default class Analyze extends BaseCommand {
  static override summary = 'Analyse a directory of JavaScript/TypeScript and Python code.';
  static override description = `Walks DIRECTORY (honouring .gitignore; node_modules, .venv, dist, build and similar folders are skipped), parses every .js/.jsx/.mjs/.cjs/.ts/.tsx/.py file, applies the rules of the chosen policy and prints a report.

Several reports come from one run: -f text -f sarif=results.sarif -f json=report.json (at most one without a file, on standard output). On GitHub Actions the markdown summary is appended to $GITHUB_STEP_SUMMARY (--no-step-summary: not).

Exit codes: 0 gate passed, 1 gate failed (a finding at or above --fail-on, a budget of the config exceeded, or a regression against --compare-to), 2 usage or configuration error, 3 environment problem, 4 internal error.

Settings come from connascence.config.json in DIRECTORY (or --config); flags win over the file.`;

  static override examples = [
    '<%= config.bin %> analyze src',
    '<%= config.bin %> analyze . --policy strict --fail-on medium',
    '<%= config.bin %> analyze . --format sarif --output results.sarif',
    '<%= config.bin %> analyze . -f text -f sarif=results.sarif -f json=report.json',
    '<%= config.bin %> analyze . --format github --max-annotations 20',
    '<%= config.bin %> analyze . --compare-to base/report.json --max-score-drop 0.5',
  ];

  static override args = oclifArgs(spec);
  static override flags = oclifFlags(spec);

  async run(): Promise<void> {
    await this.runAction(action);
  }
}

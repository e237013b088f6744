import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { parseSize } from '../cli/size.js';
import { EXIT } from '../errors.js';
import { PRESETS, type PresetName } from '../rules/types.js';
import { FAIL_ON_VALUES, type FailOn } from '../policy/gate.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';

export default class Analyze extends BaseCommand {
  static override summary = 'Analyse a directory of JavaScript/TypeScript and Python code.';
  static override description = `Walks DIRECTORY (honouring .gitignore; node_modules, .venv, dist, build and similar folders are skipped), parses every .js/.jsx/.mjs/.cjs/.ts/.tsx/.py file, applies the rules of the chosen policy and prints a report.

Exit codes: 0 gate passed, 1 gate failed (a finding at or above --fail-on), 2 usage or configuration error, 3 environment problem, 4 internal error.

Settings come from connascence.config.json in DIRECTORY (or --config); flags win over the file.`;

  static override examples = [
    '<%= config.bin %> analyze src',
    '<%= config.bin %> analyze . --policy strict --fail-on medium',
    '<%= config.bin %> analyze . --format sarif --output results.sarif',
    '<%= config.bin %> analyze . --format markdown >> "$GITHUB_STEP_SUMMARY"',
  ];

  static override args = {
    directory: Args.string({ description: 'directory to analyse', default: '.' }),
  };

  static override flags = {
    policy: Flags.string({ char: 'p', summary: 'rule preset (default: from the config file, else standard)', options: [...PRESETS] }),
    config: Flags.string({ char: 'c', summary: 'path of a connascence.config.json (default: DIRECTORY/connascence.config.json)' }),
    format: Flags.string({ char: 'f', summary: 'report format', options: [...REPORT_FORMATS], default: 'text' }),
    output: Flags.string({ char: 'o', summary: 'write the report to this file instead of standard output' }),
    'fail-on': Flags.string({ summary: 'lowest severity that fails the gate (default: from the config file, else high)', options: [...FAIL_ON_VALUES] }),
    'max-file-size': Flags.string({ summary: 'skip files larger than this (bytes, or e.g. 512KiB, 2MiB)', default: '1MiB' }),
    include: Flags.string({ summary: 'only analyse files matching this glob (repeatable)', multiple: true }),
    exclude: Flags.string({ summary: 'skip files matching this gitignore-style pattern (repeatable)', multiple: true }),
    'include-tests': Flags.boolean({ summary: 'apply test-excluded rules (magic numbers) to test files too' }),
    'allow-empty': Flags.boolean({ summary: 'exit 0 instead of 2 when no analysable file is found' }),
    cache: Flags.boolean({ summary: 'use the facts cache (--no-cache to parse everything again and write nothing)', default: true, allowNo: true }),
    'cache-dir': Flags.string({ summary: 'cache directory (default: $CONNASCENCE_CACHE_DIR, else DIRECTORY/.connascence/cache)' }),
    workers: Flags.integer({ summary: 'worker threads for parsing (default: one per available core; 1 = parse in the main thread)', min: 1 }),
    verbose: Flags.boolean({ char: 'v', summary: 'print timings per phase' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Analyze);
    const { runAnalysis } = await import('../engine/session.js');
    const outcome = await runAnalysis({
      directory: args.directory,
      preset: flags.policy as PresetName | undefined,
      configPath: flags.config,
      format: flags.format as ReportFormat,
      output: flags.output,
      failOn: flags['fail-on'] as FailOn | undefined,
      maxFileSize: parseSize(flags['max-file-size'], '--max-file-size'),
      include: flags.include ?? [],
      exclude: flags.exclude ?? [],
      includeTests: flags['include-tests'],
      allowEmpty: flags['allow-empty'],
      verbose: flags.verbose,
      workers: flags.workers,
      cache: flags.cache,
      cacheDir: flags['cache-dir'],
      toolVersion: this.config.version,
    });
    for (const line of outcome.messages) this.logToStderr(line);
    if (outcome.report !== undefined) process.stdout.write(outcome.report.endsWith('\n') ? outcome.report : `${outcome.report}\n`);
    if (outcome.exitCode !== EXIT.passed) this.exit(outcome.exitCode);
  }
}

import { ConfigError } from '../../errors.js';
import { FAIL_ON_VALUES, type FailOn } from '../../policy/gate.js';
import { REPORT_FORMATS } from '../../report/formats.js';
import { PRESETS, type PresetName } from '../../rules/types.js';
import type { CommandIO } from '../command-io.js';
import { CACHE_DIR_FLAG, MAX_FILE_SIZE_FLAG } from '../common-flags.js';
import type { CommandSpec, ParsedArgv } from '../flag-spec.js';
import { parseSize } from '../size.js';

export const spec = {
  args: {
    directory: { description: 'directory to analyse', default: '.' },
  },
  flags: {
    policy: { kind: 'string', char: 'p', summary: 'rule preset (default: from the config file, else standard)', options: PRESETS },
    config: { kind: 'string', char: 'c', summary: 'path of a connascence.config.json (default: DIRECTORY/connascence.config.json)' },
    format: { kind: 'string', char: 'f', summary: `report format, FORMAT or FORMAT=FILE, repeatable: -f text -f sarif=results.sarif (formats: ${REPORT_FORMATS.join(', ')}; default: reports in the config file, else text; at most one without a file, on standard output)`, multiple: true, nonGreedy: true },
    output: { kind: 'string', char: 'o', summary: 'write the report without a destination to this file instead of standard output' },
    'fail-on': { kind: 'string', summary: 'lowest severity that fails the gate (default: from the config file, else high)', options: FAIL_ON_VALUES },
    'max-file-size': { ...MAX_FILE_SIZE_FLAG, summary: 'skip files larger than this (bytes, or e.g. 512KiB, 2MiB; default: maxFileSize of the config file, else 1MiB)', default: undefined },
    include: { kind: 'string', summary: 'only analyse files matching this glob (repeatable)', multiple: true },
    exclude: { kind: 'string', summary: 'skip files matching this gitignore-style pattern (repeatable)', multiple: true },
    'include-tests': { kind: 'boolean', summary: 'judge test files with every rule (by default the rules marked "tests: no" in `connascence rules` skip them)' },
    'allow-empty': { kind: 'boolean', summary: 'exit 0 instead of 2 when no analysable file is found' },
    cache: { kind: 'boolean', summary: 'use the facts cache (--no-cache to parse everything again and write nothing)', default: true, allowNo: true },
    'cache-dir': CACHE_DIR_FLAG,
    workers: { kind: 'integer', summary: 'worker threads for parsing (default: one per 2 MiB of source, up to one per core; 1 = parse in the main thread)', min: 1 },
    verbose: { kind: 'boolean', char: 'v', summary: 'print timings per phase' },
    baseline: { kind: 'string', summary: 'compare with this baseline file: the gate counts new findings only (default: baseline in the config file, else DIRECTORY/connascence-baseline.json when it exists)' },
    'no-baseline': { kind: 'boolean', summary: 'use no baseline, not even DIRECTORY/connascence-baseline.json' },
    'step-summary': { kind: 'boolean', summary: 'on GitHub Actions, append the markdown summary to $GITHUB_STEP_SUMMARY (--no-step-summary: do not)', default: true, allowNo: true },
    'max-annotations': { kind: 'integer', summary: 'github format: at most N annotations per level, most severe and new first (default 10; GitHub shows about 10 of each per step)', min: 0 },
    'sarif-category': { kind: 'string', summary: 'SARIF automationDetails.id, the code scanning category (default: connascence/<analysed path>/)' },
    'sarif-max-results': { kind: 'integer', summary: 'SARIF: at most N results, most severe and new first (default 5000, the most GitHub keeps)', min: 1 },
    'sarif-new-only': { kind: 'boolean', summary: 'SARIF: leave out the results the baseline marks unchanged (keeps a legacy repository within GitHub\'s limits)' },
    shard: { kind: 'string', summary: 'analyse only shard K of N (e.g. 2/8) of the files and write its partial result (-f partial=FILE) for `connascence merge`' },
    'compare-to': { kind: 'string', summary: 'compare with this JSON report of an earlier run (connascence compare): findings added and removed, score and throughput changes on standard error; exit 1 on a regression' },
    'max-score-drop': { kind: 'string', summary: 'with --compare-to: points a score may get worse by (default 0)' },
    'max-slowdown': { kind: 'string', summary: 'with --compare-to: percent the throughput may fall by (default: not checked)' },
    'include-suppressed': { kind: 'boolean', summary: 'SARIF: also list the findings a connascence-disable comment suppressed, marked with suppressions (GitHub code scanning shows them as open alerts)' },
  },
} satisfies CommandSpec;

/** `connascence analyze`: the report on standard output (or in --output), the gate's exit code. */
export async function action({ args, flags }: ParsedArgv, io: CommandIO): Promise<number> {
  const { runAnalysis } = await import('../analysis-reports.js');
  const { reportSettings } = await import('../report-flags.js');
  const strings = (value: unknown): string[] => (value as string[] | undefined) ?? [];
  if (args.directory === '') throw new ConfigError('The directory is an empty string. Pass a directory to analyse, or leave it out for the current one.');
  for (const flag of ['include', 'exclude'] as const) {
    if (strings(flags[flag]).some((pattern) => pattern.trim() === '')) throw new ConfigError(`--${flag} was given an empty pattern. Pass a glob such as 'src/**', or leave the flag out.`);
  }
  const request = {
    directory: args.directory as string,
    preset: flags.policy as PresetName | undefined,
    configPath: flags.config as string | undefined,
    formats: strings(flags.format),
    ...(flags.output !== undefined ? { output: flags.output as string } : {}),
    failOn: flags['fail-on'] as FailOn | undefined,
    maxFileSize: flags['max-file-size'] === undefined ? undefined : parseSize(flags['max-file-size'] as string, '--max-file-size'),
    include: strings(flags.include),
    exclude: strings(flags.exclude),
    includeTests: flags['include-tests'] === true,
    allowEmpty: flags['allow-empty'] === true,
    verbose: flags.verbose === true,
    workers: flags.workers as number | undefined,
    cache: flags.cache !== false,
    cacheDir: flags['cache-dir'] as string | undefined,
    baseline: flags.baseline as string | undefined,
    useBaseline: flags['no-baseline'] !== true,
    ...reportSettings(flags),
    toolVersion: io.version,
  };
  let outcome;
  if (flags.shard !== undefined) {
    const { parseShard } = await import('../../shard/partition.js');
    const shard = parseShard(flags.shard as string);
    if (!shard) throw new ConfigError(`--shard must be K/N with 1 <= K <= N <= 256 (e.g. --shard 2/8), not "${flags.shard as string}".`);
    const { runShardAnalysis } = await import('../analysis-reports.js');
    outcome = await runShardAnalysis(request, shard);
  } else outcome = await runAnalysis(request);
  for (const line of outcome.messages) io.err(line);
  if (outcome.report !== undefined) process.stdout.write(outcome.report.endsWith('\n') ? outcome.report : `${outcome.report}\n`);
  return outcome.exitCode;
}

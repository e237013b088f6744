import type { RunRequest } from '../../engine/session.js';
import type { BaselineOutcome } from '../../engine/baseline-commands.js';
import { inertLine, printable } from '../../printable.js';
import type { CommandIO } from '../command-io.js';
import type { CommandSpec, FlagSpec, ParsedArgv } from '../flag-spec.js';
import { spec as analyzeSpec } from './analyze.js';

const DIRECTORY = { directory: { description: 'analysed directory (the baseline paths are relative to the baseline file)', default: '.' } };
const FILE: FlagSpec = { kind: 'string', summary: 'the baseline file (default: baseline in the config file, else DIRECTORY/connascence-baseline.json)' };
const JSON_FLAG: FlagSpec = { kind: 'boolean', summary: 'print the result as JSON' };
const { policy, config, include, exclude, 'include-tests': includeTests, 'max-file-size': maxFileSize, cache, 'cache-dir': cacheDir, workers } = analyzeSpec.flags;
/** The analysis settings of `analyze` that decide the findings. */
const ANALYSIS_FLAGS = { policy, config, include, exclude, 'include-tests': includeTests, 'max-file-size': maxFileSize, cache, 'cache-dir': cacheDir, workers };

export const createSpec = {
  args: DIRECTORY,
  flags: { ...ANALYSIS_FLAGS, baseline: FILE, force: { kind: 'boolean', summary: 'replace an existing baseline file' }, json: JSON_FLAG },
} satisfies CommandSpec;
export const updateSpec = {
  args: DIRECTORY,
  flags: { ...ANALYSIS_FLAGS, baseline: FILE, 'add-new': { kind: 'boolean', summary: 'also add the findings that are not in the baseline (by default it only shrinks)' }, json: JSON_FLAG },
} satisfies CommandSpec;
export const fileSpec = {
  args: DIRECTORY,
  flags: { config, baseline: FILE, json: JSON_FLAG },
} satisfies CommandSpec;

async function runRequest({ args, flags }: ParsedArgv, io: CommandIO): Promise<RunRequest> {
  const { parseSize } = await import('../size.js');
  const strings = (value: unknown): string[] => (value as string[] | undefined) ?? [];
  return {
    directory: args.directory as string,
    preset: flags.policy as RunRequest['preset'],
    configPath: flags.config as string | undefined,
    maxFileSize: flags['max-file-size'] === undefined ? undefined : parseSize(flags['max-file-size'] as string, '--max-file-size'),
    include: strings(flags.include),
    exclude: strings(flags.exclude),
    includeTests: flags['include-tests'] === true,
    allowEmpty: true,
    workers: flags.workers as number | undefined,
    cache: flags.cache !== false,
    cacheDir: flags['cache-dir'] as string | undefined,
    toolVersion: io.version,
  };
}

function report(outcome: BaselineOutcome, verb: string, json: boolean, io: CommandIO): number {
  for (const line of outcome.messages) io.err(line);
  const { messages: _messages, ...result } = outcome;
  if (json) io.out(JSON.stringify(result, null, 2));
  else {
    const notAdded = outcome.notAdded > 0 ? ` ${outcome.notAdded} new findings were not added (--add-new adds them).` : '';
    const stale = outcome.stale > 0 ? `, of them ${outcome.stale} stale` : '';
    io.out(`${verb} ${printable(outcome.file)}: ${outcome.entries} entries (${outcome.added} added, ${outcome.removed} removed${stale}, ${outcome.kept} kept).${notAdded}`);
  }
  return 0;
}

export async function createAction(argv: ParsedArgv, io: CommandIO): Promise<number> {
  const { createBaseline } = await import('../../engine/baseline-commands.js');
  const outcome = await createBaseline(await runRequest(argv, io), { file: argv.flags.baseline as string | undefined, force: argv.flags.force === true });
  return report(outcome, 'Wrote', argv.flags.json === true, io);
}

export async function updateAction(argv: ParsedArgv, io: CommandIO): Promise<number> {
  const { updateBaseline } = await import('../../engine/baseline-commands.js');
  const outcome = await updateBaseline(await runRequest(argv, io), { file: argv.flags.baseline as string | undefined, addNew: argv.flags['add-new'] === true });
  return report(outcome, 'Updated', argv.flags.json === true, io);
}

export async function pruneAction({ args, flags }: ParsedArgv, io: CommandIO): Promise<number> {
  const { pruneBaseline } = await import('../../engine/baseline-commands.js');
  const outcome = pruneBaseline({ directory: args.directory as string, file: flags.baseline as string | undefined, config: flags.config as string | undefined });
  return report(outcome, 'Pruned', flags.json === true, io);
}

export async function showAction({ args, flags }: ParsedArgv, io: CommandIO): Promise<number> {
  const { showBaseline } = await import('../../engine/baseline-commands.js');
  const shown = showBaseline({ directory: args.directory as string, file: flags.baseline as string | undefined, config: flags.config as string | undefined });
  if (flags.json === true) io.out(JSON.stringify(shown, null, 2));
  else {
    io.out(`${printable(shown.file)}: ${shown.entries} entries in ${shown.files} files`);
    for (const [rule, count] of Object.entries(shown.byRule)) io.out(inertLine(`  ${printable(rule).padEnd(24)} ${count}`));
  }
  return 0;
}

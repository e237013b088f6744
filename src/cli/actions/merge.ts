import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRegularFile } from '../../discovery/read-regular.js';
import { ConfigError } from '../../errors.js';
import type { FailOn } from '../../policy/gate.js';
import { printable } from '../../printable.js';
import { decodePartial, MAX_PARTIAL_BYTES, partialKey, type Partial as ShardPartial } from '../../shard/partial.js';
import type { CommandIO } from '../command-io.js';
import type { CommandSpec, ParsedArgv } from '../flag-spec.js';
import { spec as analyzeSpec } from './analyze.js';
import { reportSettings } from '../report-flags.js';

const a = analyzeSpec.flags;
export const spec = {
  variadic: true,
  flags: {
    directory: { kind: 'string', char: 'd', summary: 'the analysed directory here: its baseline file and where report paths start (default: the working directory)', default: '.' },
    format: a.format,
    output: a.output,
    'fail-on': a['fail-on'],
    baseline: a.baseline,
    'no-baseline': a['no-baseline'],
    'include-suppressed': a['include-suppressed'],
    'step-summary': a['step-summary'],
    'max-annotations': a['max-annotations'],
    'sarif-category': a['sarif-category'],
    'sarif-max-results': a['sarif-max-results'],
    'sarif-new-only': a['sarif-new-only'],
    'compare-to': a['compare-to'],
    'max-score-drop': a['max-score-drop'],
    'max-slowdown': a['max-slowdown'],
    verbose: a.verbose,
    watch: { kind: 'string', summary: 'fold in the partials as they land in this folder (streaming consolidation), instead of naming them' },
    expect: { kind: 'integer', summary: 'with --watch: the number of shards to wait for', min: 1 },
    timeout: { kind: 'integer', summary: 'with --watch: seconds to wait for the last partial before failing (exit 3; default 1800)', min: 1 },
    poll: { kind: 'boolean', summary: 'with --watch: poll the folder instead of waiting for file events (bind mounts, network filesystems, some containers)' },
  },
} satisfies CommandSpec;

/** How long --watch waits for the last partial by default: a CI matrix of slow shards. */
const DEFAULT_TIMEOUT_S = 1800;

/** Reads one partial: a complete one (its trailer checksum matches), checked field by field. */
export function readPartial(path: string, key: Buffer | undefined = partialKey()): ShardPartial {
  const read = readRegularFile(path, MAX_PARTIAL_BYTES);
  if (!read.ok) throw new ConfigError(`Cannot read the partial ${printable(path)}: ${printable(read.detail)}.`);
  return decodePartial(read.bytes, path, { key });
}

/** The report settings of `merge` (those of `analyze` that apply to a whole run). */
export function mergeRequest(flags: ParsedArgv['flags'], io: CommandIO) {
  const strings = (value: unknown): string[] => (value as string[] | undefined) ?? [];
  return {
    directory: flags.directory as string,
    formats: strings(flags.format),
    ...(flags.output !== undefined ? { output: flags.output as string } : {}),
    ...(flags['fail-on'] !== undefined ? { failOn: flags['fail-on'] as FailOn } : {}),
    ...(flags.baseline !== undefined ? { baseline: flags.baseline as string } : {}),
    useBaseline: flags['no-baseline'] !== true,
    verbose: flags.verbose === true,
    ...reportSettings(flags),
    toolVersion: io.version,
  };
}

/** `connascence merge PARTIAL...` from the fast start (never with --watch, which oclif runs: see fast-start.ts). */
export async function action(parsed: ParsedArgv, io: CommandIO): Promise<number> {
  return (await merge(parsed.rest ?? [], parsed, io)).exitCode;
}

/** `connascence merge PARTIAL...`. */
export async function merge(files: readonly string[], { flags }: Pick<ParsedArgv, 'flags'>, io: CommandIO): Promise<{ exitCode: number; watched: boolean }> {
  const { runMerge } = await import('../analysis-reports.js');
  let partials: Array<{ partial: ShardPartial; name: string }>;
  let landed: number | undefined;
  if (flags.watch !== undefined) {
    if (files.length > 0) throw new ConfigError('--watch takes the partials from its folder: name no partial files with it.');
    if (flags.expect === undefined) throw new ConfigError('--watch needs --expect N: the number of shards to wait for.');
    const dir = resolve(flags.watch as string);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError(`--watch ${printable(dir)} is not a folder. Create it, or point --watch at the folder the shards write their partials to.`);
    const { watchPartials } = await import('../../shard/watch.js');
    const { checkPartials } = await import('../../engine/shards.js');
    const timeout = (flags.timeout as number | undefined) ?? DEFAULT_TIMEOUT_S;
    const onReady = (): void => io.err(`Waiting for ${flags.expect as number} partials in ${printable(dir)} (timeout ${timeout} s)...`);
    const result = await watchPartials({ dir, expect: flags.expect as number, timeoutMs: timeout * 1000, poll: flags.poll === true, key: partialKey(), onLine: io.err, onReady, check: (so) => checkPartials(so, io.version, { complete: false }) });
    partials = result.partials;
    landed = result.lastLandedAt;
  } else {
    if (files.length === 0) throw new ConfigError('Pass the partial files to merge (connascence merge shard-1.partial shard-2.partial ...), or --watch DIR --expect N.');
    const key = partialKey();
    partials = files.map((name) => ({ partial: readPartial(name, key), name }));
  }
  const outcome = await runMerge(partials, mergeRequest(flags, io));
  if (landed !== undefined) outcome.messages.push(`Merged ${partials.length} partials: the report was written ${Math.round(performance.now() - landed)} ms after the last one landed.`);
  for (const line of outcome.messages) io.err(line);
  if (outcome.report !== undefined) process.stdout.write(outcome.report.endsWith('\n') ? outcome.report : `${outcome.report}\n`);
  return { exitCode: outcome.exitCode, watched: flags.watch !== undefined };
}

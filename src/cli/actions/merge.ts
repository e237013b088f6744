import { readRegularFile } from '../../discovery/read-regular.js';
import { ConfigError } from '../../errors.js';
import type { FailOn } from '../../policy/gate.js';
import { printable } from '../../printable.js';
import { decodePartial, MAX_PARTIAL_BYTES, type Partial as ShardPartial } from '../../shard/partial.js';
import type { CommandIO } from '../command-io.js';
import type { CommandSpec, ParsedArgv } from '../flag-spec.js';
import { spec as analyzeSpec } from './analyze.js';
import { compareLimits } from './compare.js';

const a = analyzeSpec.flags;
export const spec = {
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
  },
} satisfies CommandSpec;

/** Reads one partial: a complete one (its trailer checksum matches), checked field by field. */
export function readPartial(path: string): ShardPartial {
  const read = readRegularFile(path, MAX_PARTIAL_BYTES);
  if (!read.ok) throw new ConfigError(`Cannot read the partial ${printable(path)}: ${printable(read.detail)}.`);
  return decodePartial(read.bytes, path);
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
    includeSuppressed: flags['include-suppressed'] === true,
    stepSummary: flags['step-summary'] !== false,
    ...(flags['max-annotations'] !== undefined ? { maxAnnotations: flags['max-annotations'] as number } : {}),
    ...(flags['sarif-category'] !== undefined ? { sarifCategory: flags['sarif-category'] as string } : {}),
    ...(flags['sarif-max-results'] !== undefined ? { sarifMaxResults: flags['sarif-max-results'] as number } : {}),
    sarifNewOnly: flags['sarif-new-only'] === true,
    ...(flags['compare-to'] !== undefined ? { compareTo: flags['compare-to'] as string, compareLimits: compareLimits(flags as { 'max-score-drop'?: string; 'max-slowdown'?: string }) } : {}),
    toolVersion: io.version,
  };
}

/** `connascence merge PARTIAL...`. */
export async function action(files: readonly string[], { flags }: Pick<ParsedArgv, 'flags'>, io: CommandIO): Promise<number> {
  if (files.length === 0) throw new ConfigError('Pass the partial files to merge: connascence merge shard-1.partial shard-2.partial ...');
  const partials = files.map((name) => ({ partial: readPartial(name), name }));
  const { runMerge } = await import('../analysis-reports.js');
  const outcome = await runMerge(partials, mergeRequest(flags, io));
  for (const line of outcome.messages) io.err(line);
  if (outcome.report !== undefined) process.stdout.write(outcome.report.endsWith('\n') ? outcome.report : `${outcome.report}\n`);
  return outcome.exitCode;
}

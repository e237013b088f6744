/**
 * Sharded analysis over a CI matrix (docs/architecture.md "Shards"):
 *
 * - `runShard`: one shard walks the whole tree (cheap, no file read), takes its share of the files
 *   (shard/partition.ts), reads and parses those only, runs the file rules on them and returns a
 *   partial result (shard/partial.ts): their findings and what the cross-file rules read of them.
 * - `prepareMerge`: the partials of every shard, checked to belong together, judged as one run: the
 *   cross-file rules run on the carried facts, then suppressions, the baseline and the gate, exactly
 *   as an unsharded run does. Nothing is read or parsed but the partials.
 */
import { createHash } from 'node:crypto';
import { discover } from '../discovery/walk.js';
import { ConfigError } from '../errors.js';
import { EXTRACTOR_VERSION } from '../cache/key.js';
import { settingsKey } from '../cache/judgement-cache.js';
import { FACTS_SCHEMA_VERSION, type FileFacts } from '../facts/types.js';
import { validateConfig } from '../policy/config.js';
import { policyReport } from '../policy/switches.js';
import { DEFAULT_MAX_FILE_SIZE } from '../discovery/defaults.js';
import type { FailOn } from '../policy/gate.js';
import { PRESETS, type Finding } from '../rules/types.js';
import { printable } from '../printable.js';
import { hashShard, partition, type ShardSpec } from '../shard/partition.js';
import type { Partial, PartialHeader } from '../shard/partial.js';
import { PARTIAL_FORMAT, PARTIAL_VERSION } from '../shard/partial.js';
import { checkRoot, round, withFindings } from './analyze.js';
import { collectFacts } from './collect.js';
import { byFile } from '../model/file-findings.js';
import { judgementOf, summarizeFile } from './judge.js';
import { compareFindings, RuleRunner } from './run-rules.js';
import { judgedOutcome, openBaseline, outcomeKeyOf, policyOf, setUpRun, type AnalysisOutcome, type PreparedAnalysis, type RunRequest } from './session.js';
import { describeSkipped, type AnalysisResult, type SkippedFile } from '../model/analysis.js';

/** The tool and facts versions a partial is made by: a merge takes only partials of its own. */
export function partialTool(toolVersion: string): string {
  return `connascence ${toolVersion} facts-${FACTS_SCHEMA_VERSION} extractor-${EXTRACTOR_VERSION}`;
}

const byPath = <T extends { path: string }>(a: T, b: T): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Digest of the tree every shard walks: each file's path and size, and the files skipped by the walk. */
function treeKey(files: ReadonlyArray<{ path: string; size: number }>, skipped: readonly SkippedFile[]): string {
  const hash = createHash('sha256').update('connascence-tree\0');
  for (const file of [...files].sort(byPath)) hash.update(`${file.path}\0${file.size}\0`);
  for (const entry of [...skipped].sort(byPath)) hash.update(`skipped\0${entry.path}\0${entry.reason}\0`);
  return hash.digest('hex');
}

export interface ShardOutcome {
  partial: Partial;
  /** Files of this shard, of all. */
  files: number;
  total: number;
  messages: string[];
}

/** One shard of `analyze --shard K/N`: its files' facts and file-rule findings, as a partial. */
export async function runShard(request: RunRequest, shard: ShardSpec): Promise<ShardOutcome> {
  const root = checkRoot(request.directory);
  const { loaded, config, policy, opened, store, stamps, options } = setUpRun(root, request);
  const found = discover(root, { include: policy.include, exclude: policy.exclude });
  const sorted = [...found.files].sort(byPath);
  const owner = partition(sorted, shard.count);
  const mine = sorted.filter((_, i) => owner[i] === shard.index - 1);
  // Files the walk skipped go to the shard their path hashes to (they cost nothing to balance).
  const skippedHere = found.skipped.filter((entry) => hashShard(entry.path, shard.count) === shard.index - 1);
  const runner = new RuleRunner(policy);
  const collected = await collectFacts(mine, { maxFileSize: options.maxFileSize, workers: options.workers, store, stamps, onFacts: (facts) => runner.addFile(facts), onProgress: options.onProgress });
  stamps?.save();
  // The project rules run at the merge, on every shard's facts: here on none, only the file rules' findings are sealed.
  const findings = runner.finish([]);
  const keys = new Map(collected.keys.map((k) => [k.path, k.key]));
  const header: PartialHeader = {
    format: PARTIAL_FORMAT,
    version: PARTIAL_VERSION,
    tool: partialTool(request.toolVersion),
    settings: settingsKey({ toolVersion: partialTool(request.toolVersion), policy, maxFileSize: options.maxFileSize }),
    tree: treeKey(found.files, found.skipped),
    shard: { index: shard.index, count: shard.count },
    root,
    policy: {
      config,
      ...(loaded.path !== undefined ? { configPath: loaded.path } : {}),
      ...(request.preset !== undefined ? { preset: request.preset } : {}),
      include: request.include,
      exclude: request.exclude,
      includeTests: request.includeTests,
      maxFileSize: options.maxFileSize,
    },
  };
  const partial: Partial = {
    header,
    files: collected.facts.map((facts) => ({ path: facts.path, ...(keys.has(facts.path) ? { key: keys.get(facts.path)! } : {}), facts })),
    findings,
    skipped: [...skippedHere, ...collected.skipped].sort(byPath),
  };
  const messages = [...partial.skipped.map(describeSkipped), ...(opened.warning ? [opened.warning] : [])];
  return { partial, files: mine.length, total: sorted.length, messages };
}

/** Checks that the partials are the N shards of one run of this tool; a ConfigError names what does not fit. */
export function checkPartials(partials: ReadonlyArray<{ partial: Partial; name: string }>, toolVersion: string, options: { complete: boolean } = { complete: true }): void {
  if (partials.length === 0) throw new ConfigError('No partial to merge. Pass the files that `analyze --shard K/N --format partial` wrote.');
  const first = partials[0]!;
  const count = first.partial.header.shard.count;
  for (const { partial, name } of partials) {
    const h = partial.header;
    const other = (what: string, why: string): never => {
      throw new ConfigError(`The partial ${printable(name)} does not belong with ${printable(first.name)}: ${what}. ${why}`);
    };
    if (h.tool !== partialTool(toolVersion)) throw new ConfigError(`The partial ${printable(name)} was made by ${printable(h.tool)}, and this is ${partialTool(toolVersion)}. Run the shards and the merge with one version of connascence.`);
    if (h.tree !== first.partial.header.tree) other('it analysed another tree (other files or sizes)', 'Run every shard on the same commit.');
    if (h.settings !== first.partial.header.settings) other('it ran with other settings (policy, config or flags)', 'Run every shard with the same config and flags.');
    if (h.shard.count !== count) other(`it is shard ${h.shard.index}/${h.shard.count}, not one of ${count}`, 'Merge the shards of one --shard K/N matrix.');
  }
  const seen = new Map<number, string>();
  for (const { partial, name } of partials) {
    const at = partial.header.shard.index;
    if (seen.has(at)) throw new ConfigError(`Shard ${at}/${count} is given twice: ${printable(seen.get(at)!)} and ${printable(name)}.`);
    seen.set(at, name);
  }
  if (!options.complete) return;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ConfigError(`Shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: the merge needs all ${count}.`);
}

export interface MergeRequest {
  /** The directory of the baseline and of the report's paths (default: the working directory). */
  directory: string;
  failOn?: FailOn;
  baseline?: string;
  useBaseline?: boolean;
  toolVersion: string;
}

/** The merge of the shards' partials as one analysis, ready to report (cli/analysis-reports.ts). */
export function prepareMerge(partials: ReadonlyArray<{ partial: Partial; name: string }>, request: MergeRequest): PreparedAnalysis {
  const started = performance.now();
  checkPartials(partials, request.toolVersion);
  const header = partials[0]!.partial.header;
  const carried = header.policy;
  if (carried.preset !== undefined && !(PRESETS as readonly string[]).includes(carried.preset)) throw new ConfigError(`The partial ${printable(partials[0]!.name)} names the policy "${printable(carried.preset)}", which is not one.`);
  // The config the shards read travels in the partials: it is validated again as if read from disk.
  const config = validateConfig(carried.config, `the partial ${printable(partials[0]!.name)}`);
  const policy = policyOf(config, { ...(carried.preset !== undefined ? { preset: carried.preset } : {}), include: carried.include.map(String), exclude: carried.exclude.map(String), includeTests: carried.includeTests === true });
  if (settingsKey({ toolVersion: header.tool, policy, maxFileSize: carried.maxFileSize }) !== header.settings) throw new ConfigError(`The partials' settings do not match the policy they carry. They were not written by this version of connascence, or were edited.`);
  const root = checkRoot(request.directory);
  const failOn = request.failOn ?? config.failOn ?? 'high';
  const baseline = openBaseline(root, request, config.baseline, undefined);
  // The settings as the shards had them: their root names where their config file was.
  const settings = { root: header.root, config, ...(carried.configPath !== undefined ? { configPath: carried.configPath } : {}), policy };
  const flags = { ...(carried.preset !== undefined ? { preset: carried.preset } : {}), include: carried.include.map(String), exclude: carried.exclude.map(String), ...(carried.maxFileSize !== (config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) ? { maxFileSize: carried.maxFileSize } : {}), ...(request.failOn !== undefined ? { failOn: request.failOn } : {}) };
  const report = policyReport({ ...settings, failOn, maxFileSize: carried.maxFileSize, flags });
  const run = async (): Promise<AnalysisOutcome> => {
    const facts: FileFacts[] = [];
    const fileFindings: Finding[] = [];
    const skipped: SkippedFile[] = [];
    const paths = new Set<string>();
    for (const { partial, name } of partials) {
      for (const file of partial.files) {
        if (paths.has(file.path)) throw new ConfigError(`${printable(file.path)} is in two partials (${printable(name)} and another): the shards do not partition one tree.`);
        paths.add(file.path);
        facts.push(file.facts);
      }
      fileFindings.push(...partial.findings);
      skipped.push(...partial.skipped);
    }
    facts.sort(byPath);
    skipped.sort(byPath);
    const mark = performance.now();
    const runner = new RuleRunner(policy);
    runner.addSkipped(skipped);
    const crossFile = runner.finish(facts);
    const findings = [...fileFindings, ...crossFile].sort(compareFindings);
    const judgement = judgementOf({ byFile: byFile(findings), files: facts.map((f) => summarizeFile(f, runner.kindOf(f))), scoreFiles: facts, skipped, policy });
    const analysed: AnalysisResult = withFindings({
      // Paths are relative to the root; the merge's directory stands for it (its baseline, its report paths).
      root,
      policy: policy.preset,
      byFile: judgement.byFile,
      files: judgement.files,
      skipped: judgement.skipped,
      summary: judgement.summary,
      enabledRules: judgement.enabledRules,
      metrics: { durationMs: round(performance.now() - started), phases: { discover: 0, hash: 0, parse: 0, rules: round(performance.now() - mark) }, workers: 1 },
    });
    return judgedOutcome(analysed, { policy, config, failOn, report: { ...settings, static: report }, ...(baseline ? { baseline } : {}) });
  };
  return { root, config, policy, failOn, outcomeKey: outcomeKeyOf(request.toolVersion, baseline, failOn, config, report), discoverMs: 0, warnings: [], run };
}

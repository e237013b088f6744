import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { discover, type Discovery } from '../discovery/walk.js';
import { ConfigError } from '../errors.js';
import type { FileFacts } from '../facts/types.js';
import type { Finding, RuleState } from '../rules/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import type { StampIndex } from '../cache/stamp-index.js';
import type { CacheCounters, FactsStore } from '../cache/types.js';
import { runKey, settingsKey, slotOf, type Basis, type Judgement, type JudgementCache, type PreviousRun } from '../cache/judgement-cache.js';
import { collectFacts, knownKey, type FileKey } from './collect.js';
import { runRuleOnPool } from './pool.js';
import { RuleRunner } from './run-rules.js';
import { changedSince, judgeIncrementally, storeRun } from './incremental.js';
import { allFindings, byFile, type FileFindings } from '../model/file-findings.js';
import { basisFile, judgementOf, summarizeFile } from './judge.js';
import type { AnalysisResult, SkippedFile } from '../model/analysis.js';

export interface AnalyzeOptions {
  root: string;
  policy: ResolvedPolicy;
  maxFileSize: number;
  /** Worker threads for parsing (default: one per 2 MiB of source, up to one per core; see engine/pool.ts). */
  workers?: number;
  /** Facts cache (memory -> disk -> snapshots); undefined = no cache. */
  store?: FactsStore;
  /** Called after each file is parsed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Judgement cache (with a facts store): when every file and the policy are those of the last run
   * of this root, its findings are reused without loading facts or running rules.
   */
  judgements?: { cache: JudgementCache; toolVersion: string };
  /** With a store: facts keys by stat stamp from the last run of this root (unchanged files are not read). */
  stamps?: StampIndex;
  /** The files under the root, when the caller already walked it (knownRunKey), and how long that took. */
  discovery?: { found: Discovery; ms: number };
}

/** An analysis, with the run key it had when a judgement cache was used (report-cache.ts keys on it). */
export type Analysis = AnalysisResult & { runKey?: string };

/**
 * The run key of an analysis (see runKey) when it is known without reading any file: every file under
 * the root has an unchanged stamp (whether its facts are still cached does not change the key).
 * Undefined as soon as one file would have to be read. The walk is returned for the analysis that
 * follows, when the key is not enough.
 */
export function knownRunKey(options: AnalyzeOptions & { toolVersion: string }): { key?: string; discovery: Discovery } {
  const root = checkRoot(options.root);
  const discovery = discover(root, { include: options.policy.include, exclude: options.policy.exclude });
  const { store, stamps } = options;
  if (!store || !stamps || discovery.files.length === 0) return { discovery };
  const files: FileKey[] = [];
  for (const file of discovery.files) {
    const key = knownKey(file, stamps, options.maxFileSize);
    if (key === undefined) return { discovery };
    files.push({ path: file.path, key });
  }
  return { key: runKeyOf(options, options.toolVersion, files, discovery.skipped), discovery };
}

/** The run key (judgement-cache.ts) of analysing `files` (with their facts keys) and `skipped` under `options`. */
function runKeyOf(options: AnalyzeOptions, toolVersion: string, files: readonly FileKey[], skipped: readonly SkippedFile[]): string {
  return runKey({ toolVersion, policy: options.policy, maxFileSize: options.maxFileSize, files, skipped });
}

/** Checks that `root` is an existing, readable directory; a usage error otherwise. */
export function checkRoot(root: string): string {
  const absolute = resolve(root);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError(`The directory ${absolute} ${why}. Pass an existing directory: connascence analyze <dir>`);
  }
  if (!isDir) throw new ConfigError(`${absolute} is not a directory. Pass the directory that contains the code: connascence analyze <dir>`);
  return absolute;
}

/** discover -> read -> extract facts -> rules -> summary (or read -> reuse or update the last run's judgements). */
export async function analyzeDirectory(options: AnalyzeOptions): Promise<Analysis> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const root = checkRoot(options.root);
  let mark = performance.now();
  const found = options.discovery?.found ?? discover(root, { include: options.policy.include, exclude: options.policy.exclude });
  phases.discover = options.discovery ? round(options.discovery.ms) : elapsed(mark);
  const judgements = options.store ? options.judgements : undefined;
  // Rule states are kept for the next run's update only with a judgement cache to keep them in.
  const newRunner = (): RuleRunner => new RuleRunner(options.policy, { states: judgements !== undefined });
  let runner = newRunner();
  const slot = judgements ? slotOf(root, options.policy) : '';
  const settings = judgements ? settingsKey({ toolVersion: judgements.toolVersion, policy: options.policy, maxFileSize: options.maxFileSize }) : '';
  const allSkipped = (skipped: readonly SkippedFile[]): SkippedFile[] => [...found.skipped, ...skipped].sort((a, b) => (a.path < b.path ? -1 : 1));
  const keyOf = (files: readonly FileKey[], skipped: readonly SkippedFile[]): string => runKeyOf(options, judgements!.toolVersion, files, allSkipped(skipped));
  let reused: Judgement | undefined;
  let previous: PreviousRun | undefined;
  let states: Map<string, RuleState> | undefined;
  // The run key, when the plan computed it (it covers the same files as the collection).
  let key: string | undefined;
  let judgementStatus: JudgementStatus | undefined;
  const collectOptions = {
    maxFileSize: options.maxFileSize,
    workers: options.workers,
    store: options.store,
    onFacts: (f: FileFacts) => runner.addFile(f),
    onProgress: options.onProgress,
    stamps: options.stamps,
  };
  let collected = await collectFacts(found.files, {
    ...collectOptions,
    plan: judgements
      ? (files, skipped, parsing) => {
          key = keyOf(files, skipped);
          if (parsing === 0) {
            const lookup = judgements.cache.read(slot, key);
            judgementStatus = lookup.status;
            if (lookup.status === 'hit') {
              reused = lookup.judgement;
              return 'reuse';
            }
          }
          previous = judgements.cache.previous(slot);
          return previous && changedSince(previous, settings, files, allSkipped(skipped));
        }
      : undefined,
  });
  phases.hash = round(collected.phases.hash);
  phases.parse = round(collected.phases.parse);
  mark = performance.now();
  let judgement: Judgement | undefined;
  let basis: Basis | undefined;
  if (judgements) key ??= keyOf(collected.keys, collected.skipped);
  if (reused && collected.reused) judgement = reused;
  else {
    if (collected.partial && previous) {
      states = judgements!.cache.readStates(slot, previous) ?? new Map<string, RuleState>();
      const update = judgeIncrementally({ runner, previous, states, keys: collected.keys, changed: collected.facts, store: options.store!, policy: options.policy });
      if (update) {
        ({ judgement, basis } = update);
        judgementStatus = 'incremental';
      } else {
        // Judged anew: every file's facts (the changed ones are in the cache now) through fresh rules.
        // The store's counters run on: every file read and not parsed was a hit, once.
        runner = newRunner();
        collected = await collectFacts(found.files, collectOptions);
        if (collected.cache) collected.cache.hits = Math.max(0, collected.keys.length - collected.cache.misses);
      }
    }
    if (!judgement) {
      judgement = await judge(runner, collected.facts, allSkipped(collected.skipped), options.policy);
      if (judgements) basis = basisOf(collected.facts, collected.keys);
    }
    if (judgements) {
      const last = judgementStatus === 'incremental' ? { previous: previous!, states: states! } : undefined;
      const error = storeRun(judgements.cache, { slot, key: key!, judgement, basis: { ...basis!, settings }, states: runner.states, last });
      // A damaged record met on the way is reported (it was rewritten now), however the run judged.
      if (judgements.cache.corruption !== undefined) judgementStatus = 'corrupt';
      judgementStatus = error ? 'write-error' : (judgementStatus ?? 'miss');
    }
  }
  phases.rules = elapsed(mark);
  const cache = collected.cache ? { ...cacheMetrics(collected.cache), ...(judgementStatus ? { judgements: judgementStatus } : {}) } : undefined;
  const { byFile: groups, files, skipped, summary, enabledRules } = judgement;
  return withFindings({
    root,
    policy: options.policy.preset,
    byFile: groups,
    files,
    skipped,
    summary,
    enabledRules,
    metrics: { durationMs: round(performance.now() - started + (options.discovery?.ms ?? 0)), phases, ...(collected.reused ? {} : { workers: collected.workers }), ...(cache ? { cache } : {}) },
    ...(key !== undefined ? { runKey: key } : {}),
  });
}

/**
 * The analysis with `findings`: every finding of `byFile`, gathered (and parsed, for groups kept as
 * stored text) on first use only. A JSON report and the gate never use it (they read `byFile` and
 * the summary), so a run that reused stored findings writes its JSON report without parsing them.
 */
export function withFindings(analysis: Omit<Analysis, 'findings'> & { byFile: readonly FileFindings[] }): Analysis {
  const result = analysis as Analysis;
  let findings: Finding[] | undefined;
  Object.defineProperty(result, 'findings', {
    enumerable: true,
    configurable: true,
    get: () => (findings ??= allFindings(analysis.byFile)),
    set: (value: Finding[]) => (findings = value),
  });
  return result;
}

/** How the judgement cache served a run: reused, updated for the changed files, recomputed (miss), a bad entry recomputed, or not stored. */
export type JudgementStatus = 'hit' | 'incremental' | 'miss' | 'corrupt' | 'write-error';

/** Runs the project rules over every file's facts (file rules ran as facts arrived) and summarises. */
async function judge(runner: RuleRunner, facts: readonly FileFacts[], skipped: SkippedFile[], policy: ResolvedPolicy): Promise<Judgement> {
  runner.addSkipped(skipped);
  const findings = await runner.finishParallel(facts, runRuleOnPool);
  return judgementOf({ byFile: byFile(findings), files: facts.map((f) => summarizeFile(f, runner.kindOf(f))), scoreFiles: facts, skipped, policy });
}

/** The basis of a full run: each file's facts key and function spans. */
function basisOf(facts: readonly FileFacts[], keys: readonly FileKey[]): Basis {
  const keyOf = new Map(keys.map((f) => [f.path, f.key]));
  return { files: facts.map((f) => basisFile(f, keyOf.get(f.path)!)) };
}

/** Hit rate as a fraction with three decimals. */
const RATE_PRECISION = 1000;

/** Milliseconds to one decimal, as metrics show them. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function elapsed(since: number): number {
  return round(performance.now() - since);
}

function cacheMetrics(counters: CacheCounters): { hits: number; misses: number; hitRate: number; corrupt: number; writeErrors: number } {
  const lookups = counters.hits + counters.misses;
  const hitRate = lookups === 0 ? 0 : Math.round((counters.hits / lookups) * RATE_PRECISION) / RATE_PRECISION;
  return { hits: counters.hits, misses: counters.misses, hitRate, corrupt: counters.corrupt, writeErrors: counters.writeErrors };
}

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { discover, type Discovery } from '../discovery/walk.js';
import { ConfigError } from '../errors.js';
import type { FileFacts } from '../facts/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import type { StampIndex } from '../cache/stamp-index.js';
import type { CacheCounters, FactsStore } from '../cache/types.js';
import { runKey, slotOf, type Judgement, type JudgementCache } from '../cache/judgement-cache.js';
import { collectFacts, knownKey, type FileKey } from './collect.js';
import { runRuleOnPool } from './pool.js';
import { RuleRunner } from './run-rules.js';
import { computeScores } from './scores.js';
import type { AnalysisResult, FileSummary, SkippedFile, Summary } from './types.js';

export interface AnalyzeOptions {
  root: string;
  policy: ResolvedPolicy;
  maxFileSize: number;
  /** Worker threads for parsing (default: one per available core). */
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

/** discover -> read -> extract facts -> rules -> summary (or read -> reuse the last run's judgements). */
export async function analyzeDirectory(options: AnalyzeOptions): Promise<Analysis> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const root = checkRoot(options.root);
  let mark = performance.now();
  const found = options.discovery?.found ?? discover(root, { include: options.policy.include, exclude: options.policy.exclude });
  phases.discover = options.discovery ? round(options.discovery.ms) : elapsed(mark);
  const runner = new RuleRunner(options.policy);
  const judgements = options.store ? options.judgements : undefined;
  const slot = judgements ? slotOf(root, options.policy) : '';
  const keyOf = (files: readonly FileKey[], skipped: readonly SkippedFile[]): string => runKeyOf(options, judgements!.toolVersion, files, [...found.skipped, ...skipped]);
  let reused: Judgement | undefined;
  // The run key, when the reuse check computed it (it covers the same files as the collection).
  let key: string | undefined;
  let judgementStatus: JudgementStatus | undefined;
  const collected = await collectFacts(found.files, {
    maxFileSize: options.maxFileSize,
    workers: options.workers,
    store: options.store,
    onFacts: (f) => runner.addFile(f),
    onProgress: options.onProgress,
    stamps: options.stamps,
    reuse: judgements
      ? (files, skipped) => {
          key = keyOf(files, skipped);
          const lookup = judgements.cache.read(slot, key);
          judgementStatus = lookup.status;
          if (lookup.status === 'hit') reused = lookup.judgement;
          return reused !== undefined;
        }
      : undefined,
  });
  phases.hash = round(collected.phases.hash);
  phases.parse = round(collected.phases.parse);
  mark = performance.now();
  let judgement: Judgement;
  if (judgements) key ??= keyOf(collected.keys, collected.skipped);
  if (reused && collected.reused) judgement = reused;
  else {
    judgement = await judge(runner, collected.facts, [...found.skipped, ...collected.skipped].sort((a, b) => (a.path < b.path ? -1 : 1)), options.policy);
    if (judgements) {
      const error = judgements.cache.write(slot, key!, judgement);
      judgementStatus = error ? 'write-error' : (judgementStatus ?? 'miss');
    }
  }
  phases.rules = elapsed(mark);
  const cache = collected.cache ? { ...cacheMetrics(collected.cache), ...(judgementStatus ? { judgements: judgementStatus } : {}) } : undefined;
  return {
    root,
    policy: options.policy.preset,
    ...judgement,
    metrics: { durationMs: round(performance.now() - started + (options.discovery?.ms ?? 0)), phases, ...(collected.reused ? {} : { workers: collected.workers }), ...(cache ? { cache } : {}) },
    ...(key !== undefined ? { runKey: key } : {}),
  };
}

/** How the judgement cache served a run: reused, recomputed (miss), a bad entry recomputed, or not stored. */
export type JudgementStatus = 'hit' | 'miss' | 'corrupt' | 'write-error';

/** Runs the project rules over every file's facts (file rules ran as facts arrived) and summarises. */
async function judge(runner: RuleRunner, facts: readonly FileFacts[], skipped: SkippedFile[], policy: ResolvedPolicy): Promise<Judgement> {
  const findings = await runner.finishParallel(facts, runRuleOnPool);
  return {
    findings,
    files: facts.map(summarizeFile),
    skipped,
    summary: summarize(facts, findings, skipped),
    enabledRules: [...policy.rules.values()].filter((r) => r.enabled).map((r) => r.id),
  };
}

function summarizeFile(facts: FileFacts): FileSummary {
  return {
    path: facts.path,
    language: facts.language,
    lines: facts.lines,
    codeLines: facts.codeLines,
    functions: facts.functions.length,
    parseError: facts.parseError !== undefined,
  };
}

function summarize(facts: readonly FileFacts[], findings: readonly Finding[], skipped: readonly SkippedFile[]): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  }
  return {
    files: facts.length,
    lines: facts.reduce((sum, f) => sum + f.lines, 0),
    codeLines: facts.reduce((sum, f) => sum + f.codeLines, 0),
    functions: facts.reduce((sum, f) => sum + f.functions.length, 0),
    bySeverity,
    byRule,
    skipped: skipped.length,
    parseErrors: facts.filter((f) => f.parseError).length,
    scores: computeScores(facts, findings),
  };
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

function cacheMetrics(counters: CacheCounters): { hits: number; misses: number; hitRate: number; corrupt: number } {
  const lookups = counters.hits + counters.misses;
  return { hits: counters.hits, misses: counters.misses, hitRate: lookups === 0 ? 0 : Math.round((counters.hits / lookups) * RATE_PRECISION) / RATE_PRECISION, corrupt: counters.corrupt };
}

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { discover } from '../discovery/walk.js';
import { ConfigError } from '../errors.js';
import type { FileFacts } from '../facts/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import type { CacheCounters, FactsStore } from '../cache/types.js';
import { collectFacts } from './collect.js';
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

/** discover -> read -> extract facts -> rules -> summary. */
export async function analyzeDirectory(options: AnalyzeOptions): Promise<AnalysisResult> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const root = checkRoot(options.root);
  let mark = performance.now();
  const found = discover(root, { include: options.policy.include, exclude: options.policy.exclude });
  phases.discover = elapsed(mark);
  const runner = new RuleRunner(options.policy);
  const collected = await collectFacts(found.files, {
    maxFileSize: options.maxFileSize,
    workers: options.workers,
    store: options.store,
    onFacts: (f) => runner.addFile(f),
    onProgress: options.onProgress,
  });
  const { facts, skipped } = collected;
  phases.hash = round(collected.phases.hash);
  phases.parse = round(collected.phases.parse);
  mark = performance.now();
  const findings = runner.finish(facts);
  phases.rules = elapsed(mark);
  const allSkipped = [...found.skipped, ...skipped].sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    root,
    policy: options.policy.preset,
    findings,
    files: facts.map(summarizeFile),
    skipped: allSkipped,
    summary: summarize(facts, findings, allSkipped),
    metrics: { durationMs: elapsed(started), phases, workers: collected.workers, ...(collected.cache ? { cache: cacheMetrics(collected.cache) } : {}) },
    enabledRules: [...options.policy.rules.values()].filter((r) => r.enabled).map((r) => r.id),
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

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function elapsed(since: number): number {
  return round(performance.now() - since);
}

function cacheMetrics(counters: CacheCounters): NonNullable<AnalysisResult['metrics']['cache']> {
  const lookups = counters.hits + counters.misses;
  return { hits: counters.hits, misses: counters.misses, hitRate: lookups === 0 ? 0 : Math.round((counters.hits / lookups) * RATE_PRECISION) / RATE_PRECISION, corrupt: counters.corrupt };
}

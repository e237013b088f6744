import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { discover, type DiscoveredFile } from '../discovery/walk.js';
import { ConfigError } from '../errors.js';
import type { FileFacts } from '../facts/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { extractAll } from './pool.js';
import { RuleRunner } from './run-rules.js';
import { computeScores } from './scores.js';
import type { AnalysisResult, FileSummary, SkippedFile, Summary } from './types.js';

export interface AnalyzeOptions {
  root: string;
  policy: ResolvedPolicy;
  maxFileSize: number;
  /** Worker threads for parsing (default: one per available core). */
  workers?: number;
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
  mark = performance.now();
  const runner = new RuleRunner(options.policy);
  const { facts, skipped } = await parseAll(found.files, { ...options, onFacts: (f) => runner.addFile(f) });
  phases.parse = elapsed(mark);
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
    metrics: { durationMs: elapsed(started), phases },
    enabledRules: [...options.policy.rules.values()].filter((r) => r.enabled).map((r) => r.id),
  };
}

interface ParseOptions extends AnalyzeOptions {
  /** Receives each file's facts as soon as they arrive (file rules run here, overlapping parsing). */
  onFacts: (facts: FileFacts) => void;
}

async function parseAll(files: readonly DiscoveredFile[], options: ParseOptions): Promise<{ facts: FileFacts[]; skipped: SkippedFile[] }> {
  const facts: FileFacts[] = [];
  const skipped: SkippedFile[] = [];
  let done = 0;
  await extractAll(files, {
    workers: options.workers,
    maxFileSize: options.maxFileSize,
    onOutcome(outcome) {
      if ('facts' in outcome) {
        facts.push(outcome.facts);
        options.onFacts(outcome.facts);
      } else skipped.push(outcome.skipped);
      options.onProgress?.(++done, files.length);
    },
  });
  // Workers finish in any order: keep the report deterministic.
  facts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { facts, skipped };
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

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

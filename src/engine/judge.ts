/**
 * From findings to a judgement: per-file summaries, the summary with its scores, and the basis an
 * incremental run starts from (engine/incremental.ts).
 */
import type { Basis, Judgement } from '../cache/judgement-cache.js';
import type { FileFacts } from '../facts/types.js';
import type { FileKind } from '../policy/file-kinds.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { SEVERITIES, type Severity } from '../rules/types.js';
import type { FileFindings } from '../model/file-findings.js';
import { scoresOf, type ScoreFile } from './scores.js';
import type { FileSummary, SkippedFile, Summary } from '../model/analysis.js';

/** Ints per function in a basis' spans: line, endLine, lengthLines. */
const SPAN_INTS = 3;

export function summarizeFile(facts: FileFacts, kind: FileKind): FileSummary {
  return {
    path: facts.path,
    language: facts.language,
    lines: facts.lines,
    codeLines: facts.codeLines,
    functions: facts.functions.length,
    parseError: facts.parseError !== undefined,
    test: kind.test,
    generated: kind.generated,
    ...(facts.directives.length > 0 ? { directives: facts.directives } : {}),
  };
}

/** The judgement of the findings (by file) over files described by their summaries and score inputs (same order, sorted by path). */
export function judgementOf(input: { byFile: FileFindings[]; files: FileSummary[]; scoreFiles: readonly ScoreFile[]; skipped: SkippedFile[]; policy: ResolvedPolicy }): Judgement {
  const { byFile, files, skipped } = input;
  return {
    byFile,
    files,
    skipped,
    summary: summarize(files, input.scoreFiles, byFile, skipped),
    enabledRules: [...input.policy.rules.values()].filter((r) => r.enabled).map((r) => r.id),
  };
}

function summarize(files: readonly FileSummary[], scoreFiles: readonly ScoreFile[], byFile: readonly FileFindings[], skipped: readonly SkippedFile[]): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  for (const { tally } of byFile) {
    SEVERITIES.forEach((severity, i) => (bySeverity[severity] += tally.bySeverity[i]!));
    for (const [rule, count] of Object.entries(tally.byRule)) byRule[rule] = (byRule[rule] ?? 0) + count;
  }
  return {
    files: files.length,
    lines: files.reduce((sum, f) => sum + f.lines, 0),
    codeLines: files.reduce((sum, f) => sum + f.codeLines, 0),
    functions: files.reduce((sum, f) => sum + f.functions, 0),
    bySeverity,
    byRule,
    skipped: skipped.length,
    parseErrors: files.filter((f) => f.parseError).length,
    tests: files.filter((f) => f.test).length,
    generated: files.filter((f) => f.generated).length,
    scores: scoresOf(scoreFiles, byFile),
  };
}

/** A basis entry: the file's facts key and the spans of its functions. */
export function basisFile(facts: Pick<FileFacts, 'path' | 'functions'>, key: string): Basis['files'][number] {
  const spans: number[] = [];
  for (const fn of facts.functions) spans.push(fn.line, fn.endLine, fn.lengthLines);
  return { path: facts.path, key, spans };
}

/** The score inputs of a basis entry. */
export function scoreFileOf(entry: Basis['files'][number], codeLines: number): ScoreFile {
  const functions: Array<{ line: number; endLine: number; lengthLines: number }> = [];
  for (let i = 0; i + SPAN_INTS <= entry.spans.length; i += SPAN_INTS) functions.push({ line: entry.spans[i]!, endLine: entry.spans[i + 1]!, lengthLines: entry.spans[i + 2]! });
  return { path: entry.path, codeLines, functions };
}

import { SEVERITIES, SEVERITY_WEIGHT, type Finding } from '../rules/types.js';
import { FileFindings, type FindingTally } from '../model/file-findings.js';
import type { Scores } from '../model/analysis.js';

const PERCENT = 100;
const KLOC = 1000;
const DECIMALS = 100;
/** Weights of the overall score (documented in the README). */
const OVERALL_WEIGHTS = { nasa: 0.4, duplication: 0.3, connascence: 0.3 } as const;
/** Connascence index at which the connascence part of the overall score is halved. */
const INDEX_HALF_POINT = 10;

const round = (value: number): number => Math.round(value * DECIMALS) / DECIMALS;

/** What the scores read of a file (FileFacts has it; an incremental run keeps it for unchanged files). */
export interface ScoreFile {
  path: string;
  codeLines: number;
  functions: ReadonlyArray<{ line: number; endLine: number; lengthLines: number }>;
}

/**
 * The four scores, computed only from what was read (README "Scores"):
 * - nasaCompliance = 100 × (1 − lines of functions with a NASA_* finding / lines of all functions)
 * - duplication = 100 × (1 − duplicated code lines / code lines)
 * - connascenceIndex = Σ severity weight of all findings / (code lines / 1000)
 * - overall = 0.4 × nasa + 0.3 × duplication + 0.3 × 100 / (1 + index / 10)
 */
export function computeScores(files: readonly ScoreFile[], findings: readonly Finding[]): Scores {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = groups.get(finding.file);
    if (list) list.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return scoresOf(files, [...groups].map(([path, list]) => FileFindings.of(path, list)));
}

/** A file's findings as the scores read them (FileFindings is one). */
export interface TalliedFile {
  path: string;
  tally: FindingTally;
}

/** computeScores from the tallies of the files' findings (model/file-findings.ts), in any order. */
export function scoresOf(files: readonly ScoreFile[], groups: readonly TalliedFile[]): Scores {
  const codeLines = files.reduce((sum, f) => sum + f.codeLines, 0);
  const nasaCompliance = nasaScore(files, groups);
  const duplicated = duplicatedLines(groups);
  const duplication = PERCENT * (1 - Math.min(duplicated, codeLines) / Math.max(codeLines, 1));
  let weight = 0;
  for (const { tally } of groups) SEVERITIES.forEach((severity, i) => (weight += SEVERITY_WEIGHT[severity] * tally.bySeverity[i]!));
  const connascenceIndex = weight / Math.max(codeLines / KLOC, 1 / KLOC);
  const connascencePart = PERCENT / (1 + connascenceIndex / INDEX_HALF_POINT);
  const overall =
    OVERALL_WEIGHTS.nasa * nasaCompliance + OVERALL_WEIGHTS.duplication * duplication + OVERALL_WEIGHTS.connascence * connascencePart;
  return { nasaCompliance: round(nasaCompliance), duplication: round(duplication), connascenceIndex: round(connascenceIndex), overall: round(overall) };
}

function nasaScore(files: readonly ScoreFile[], groups: readonly TalliedFile[]): number {
  const nasaLines = new Map<string, number[]>();
  for (const { path, tally } of groups) if (tally.nasaLines.length > 0) nasaLines.set(path, (nasaLines.get(path) ?? []).concat(tally.nasaLines));
  let total = 0;
  let flagged = 0;
  for (const file of files) {
    const hits = nasaLines.get(file.path) ?? [];
    for (const fn of file.functions) {
      total += fn.lengthLines;
      if (hits.some((line) => line >= fn.line && line <= fn.endLine)) flagged += fn.lengthLines;
    }
  }
  return PERCENT * (1 - flagged / Math.max(total, 1));
}

/** Union of lines covered by DUPLICATION findings and their related clone locations. */
function duplicatedLines(groups: readonly TalliedFile[]): number {
  const covered = new Map<string, Set<number>>();
  for (const { tally } of groups) {
    for (const [file, from, to] of tally.duplicated) {
      const set = covered.get(file) ?? new Set<number>();
      for (let line = from; line <= to; line++) set.add(line);
      covered.set(file, set);
    }
  }
  let total = 0;
  for (const set of covered.values()) total += set.size;
  return total;
}

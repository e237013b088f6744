import { SEVERITY_WEIGHT, type Finding } from '../rules/types.js';
import type { Scores } from './types.js';

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
  const codeLines = files.reduce((sum, f) => sum + f.codeLines, 0);
  const nasaCompliance = nasaScore(files, findings);
  const duplicated = duplicatedLines(findings);
  const duplication = PERCENT * (1 - Math.min(duplicated, codeLines) / Math.max(codeLines, 1));
  const weight = findings.reduce((sum, f) => sum + SEVERITY_WEIGHT[f.severity], 0);
  const connascenceIndex = weight / Math.max(codeLines / KLOC, 1 / KLOC);
  const connascencePart = PERCENT / (1 + connascenceIndex / INDEX_HALF_POINT);
  const overall =
    OVERALL_WEIGHTS.nasa * nasaCompliance + OVERALL_WEIGHTS.duplication * duplication + OVERALL_WEIGHTS.connascence * connascencePart;
  return { nasaCompliance: round(nasaCompliance), duplication: round(duplication), connascenceIndex: round(connascenceIndex), overall: round(overall) };
}

function nasaScore(files: readonly ScoreFile[], findings: readonly Finding[]): number {
  const nasaLines = new Map<string, number[]>();
  for (const finding of findings) {
    if (!finding.ruleId.startsWith('NASA_')) continue;
    const lines = nasaLines.get(finding.file) ?? [];
    lines.push(finding.line);
    nasaLines.set(finding.file, lines);
  }
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
function duplicatedLines(findings: readonly Finding[]): number {
  const covered = new Map<string, Set<number>>();
  const mark = (file: string, from: number, to: number): void => {
    const set = covered.get(file) ?? new Set<number>();
    for (let line = from; line <= to; line++) set.add(line);
    covered.set(file, set);
  };
  for (const finding of findings) {
    if (finding.ruleId !== 'DUPLICATION') continue;
    mark(finding.file, finding.line, finding.endLine ?? finding.line);
    for (const other of finding.related ?? []) mark(other.file, other.line, other.endLine ?? other.line);
  }
  let total = 0;
  for (const set of covered.values()) total += set.size;
  return total;
}

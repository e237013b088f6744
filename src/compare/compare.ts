/**
 * Regression detection between two runs (the ratchet): two JSON reports of `analyze`, the base (say
 * the last run on the main branch, an artifact) and the head (the pull request). Findings are matched
 * by rule and fingerprint (fingerprints name the construct, not its line); the scores and the
 * throughput (files per second, from `metrics`) are compared. A report is input like any other: read
 * within a size limit, checked field by field, and refused with an exit-2 error naming what is wrong.
 */
import { readRegularFile } from '../discovery/read-regular.js';
import { ConfigError } from '../errors.js';
import { printable } from '../printable.js';
import { parseJson } from '../bounded-json.js';

/** The scores a report carries, and which way is better. */
export const SCORES = [
  { key: 'overall', label: 'Overall', higherIsBetter: true },
  { key: 'nasaCompliance', label: 'NASA compliance', higherIsBetter: true },
  { key: 'duplication', label: 'Duplication', higherIsBetter: true },
  { key: 'connascenceIndex', label: 'Connascence index (per KLOC)', higherIsBetter: false },
] as const;
export type ScoreKey = (typeof SCORES)[number]['key'];

/** What compare reads of a JSON report (docs/report-json.md). */
export interface ComparedReport {
  file: string;
  findings: Array<{ ruleId: string; severity: string; file: string; line: number; message: string; fingerprint: string }>;
  scores: Record<ScoreKey, number>;
  files: number;
  durationMs: number;
}

export interface FindingChange {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  fingerprint: string;
}

export interface Comparison {
  base: string;
  head: string;
  added: FindingChange[];
  removed: FindingChange[];
  /** Per rule: added and removed counts, rules in id order. */
  byRule: Array<{ ruleId: string; added: number; removed: number }>;
  scores: Array<{ key: ScoreKey; label: string; base: number; head: number; change: number; worseBy: number }>;
  throughput: { base: number; head: number; changePercent: number };
  /** Each limit that failed: `score overall dropped 2.5 points (> 0)`, `throughput fell 30% (> 20%)`. */
  regressions: string[];
}

export interface CompareLimits {
  /** Points a score may get worse by (default 0). */
  maxScoreDrop: number;
  /** Percent the throughput may fall by; undefined: not checked. */
  maxSlowdown?: number;
}

/** A report is at most this large (a JSON report of 10^5 findings is about 30 MB). */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

export function readReport(path: string): ComparedReport {
  const shown = printable(path);
  const read = readRegularFile(path, MAX_REPORT_BYTES);
  if (!read.ok) throw new ConfigError(`Cannot read the report ${shown}: ${printable(read.detail)}. Pass a JSON report of \`connascence analyze --format json\`.`);
  let value: unknown;
  try {
    value = parseJson(read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`The report ${shown} is not valid JSON: ${printable((error as Error).message)}.`);
  }
  return parseReport(value, shown);
}

/** Checks the fields compare uses; a ConfigError names the first one that is wrong. */
export function parseReport(value: unknown, shown: string): ComparedReport {
  const fail = (at: string, why: string): never => {
    throw new ConfigError(`The report ${shown} is not a connascence JSON report: ${at} ${why}. Pass a report of \`connascence analyze --format json\`.`);
  };
  if (!isRecord(value)) return fail('/', 'must be an object');
  if (typeof value.schemaVersion !== 'string' || !/^1\.\d+\.\d+$/.test(value.schemaVersion)) fail('/schemaVersion', 'must be a 1.x version');
  const summary = isRecord(value.summary) ? value.summary : fail('/summary', 'must be an object');
  const scores = isRecord(summary.scores) ? summary.scores : fail('/summary/scores', 'must be an object');
  for (const { key } of SCORES) if (typeof scores[key] !== 'number' || !Number.isFinite(scores[key])) fail(`/summary/scores/${key}`, 'must be a number');
  if (typeof summary.files !== 'number') fail('/summary/files', 'must be a number');
  const metrics = isRecord(value.metrics) ? value.metrics : fail('/metrics', 'must be an object');
  if (typeof metrics.durationMs !== 'number' || !(metrics.durationMs >= 0)) fail('/metrics/durationMs', 'must be a number of at least 0');
  if (!Array.isArray(value.findings)) return fail('/findings', 'must be an array');
  const findings = (value.findings as unknown[]).map((finding, i) => {
    if (!isRecord(finding)) return fail(`/findings/${i}`, 'must be an object');
    for (const key of ['ruleId', 'severity', 'file', 'message', 'fingerprint'] as const) if (typeof finding[key] !== 'string') fail(`/findings/${i}/${key}`, 'must be a string');
    if (typeof finding.line !== 'number') fail(`/findings/${i}/line`, 'must be a number');
    const { ruleId, severity, file, line, message, fingerprint } = finding as Record<string, string> & { line: number };
    return { ruleId, severity, file, line, message, fingerprint };
  });
  return {
    file: shown,
    findings,
    scores: Object.fromEntries(SCORES.map(({ key }) => [key, scores[key] as number])) as Record<ScoreKey, number>,
    files: summary.files as number,
    durationMs: metrics.durationMs as number,
  };
}

const round = (value: number): number => Math.round(value * 100) / 100 || 0; // never -0

/** Files per second of a run (0 when it took no measurable time). */
export function throughputOf(report: Pick<ComparedReport, 'files' | 'durationMs'>): number {
  return report.durationMs > 0 ? round(report.files / (report.durationMs / 1000)) : 0;
}

export function compareReports(base: ComparedReport, head: ComparedReport, limits: CompareLimits): Comparison {
  // Matched by rule and fingerprint, as multisets: two findings alike in one file are two.
  const keyOf = (f: FindingChange): string => `${f.ruleId}\u0000${f.fingerprint}`;
  const pool = new Map<string, FindingChange[]>();
  for (const finding of base.findings) {
    const list = pool.get(keyOf(finding));
    if (list) list.push(finding);
    else pool.set(keyOf(finding), [finding]);
  }
  const added: FindingChange[] = [];
  for (const finding of head.findings) if (!pool.get(keyOf(finding))?.pop()) added.push(finding);
  const removed = [...pool.values()].flat();
  const rules = new Map<string, { added: number; removed: number }>();
  const tally = (ruleId: string, field: 'added' | 'removed'): void => {
    const entry = rules.get(ruleId) ?? { added: 0, removed: 0 };
    entry[field]++;
    rules.set(ruleId, entry);
  };
  for (const f of added) tally(f.ruleId, 'added');
  for (const f of removed) tally(f.ruleId, 'removed');
  const byRule = [...rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([ruleId, counts]) => ({ ruleId, ...counts }));
  const regressions: string[] = [];
  const scores = SCORES.map(({ key, label, higherIsBetter }) => {
    const change = round(head.scores[key] - base.scores[key]);
    const worseBy = round(higherIsBetter ? -change : change);
    if (worseBy > limits.maxScoreDrop) regressions.push(`score ${key} got worse by ${worseBy} points (${base.scores[key]} -> ${head.scores[key]}; at most ${limits.maxScoreDrop}, --max-score-drop)`);
    return { key, label, base: base.scores[key], head: head.scores[key], change, worseBy };
  });
  const baseRate = throughputOf(base);
  const headRate = throughputOf(head);
  const changePercent = baseRate > 0 ? round(((headRate - baseRate) / baseRate) * 100) : 0;
  if (limits.maxSlowdown !== undefined && baseRate > 0 && -changePercent > limits.maxSlowdown) {
    regressions.push(`throughput fell by ${round(-changePercent)}% (${baseRate} -> ${headRate} files/s; at most ${limits.maxSlowdown}%, --max-slowdown)`);
  }
  const order = (a: FindingChange, b: FindingChange): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { base: base.file, head: head.file, added: added.sort(order), removed: removed.sort(order), byRule, scores, throughput: { base: baseRate, head: headRate, changePercent }, regressions };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

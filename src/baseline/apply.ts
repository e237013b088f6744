/**
 * An analysis marked against its baseline, for `connascence analyze`: each finding new or unchanged,
 * the new ones counted per severity (what the gate counts), the fixed entries listed.
 *
 * With a cache, the last comparison is kept per file (memo.ts): a run that changed a few files reads
 * neither the baseline nor the findings of the other files again. Without one, or when the memo does
 * not stand for this run, the baseline is read and compared in full (compare.ts).
 */
import type { AnalysisResult } from '../model/analysis.js';
import type { FileFindings } from '../model/file-findings.js';
import type { BaselineSummary } from '../model/baseline-summary.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { BaselineMemoCache } from '../cache/baseline-memo-cache.js';
import type { EntryAuth } from '../cache/entry-auth.js';
import { compareWithBaseline, runScope, seenPaths } from './compare.js';
import { readBaseline } from './format.js';
import type { MatchState } from './match.js';
import { buildMemo, compareWithMemo, decodeMemo, decodeMemoEntries, encodeMemo, encodeMemoEntries, memoKey, type MemoEntries } from './memo.js';

export interface OpenBaseline {
  file: string;
  /** The file's stat stamp: any write changes it. It keys stored reports and the memo without reading the file. */
  stamp: string;
}

export interface BaselinedRun {
  /** The result whose findings carry `baselineState` (parsed on first use only). */
  result: AnalysisResult;
  newBySeverity: Record<Severity, number>;
  newByRule: Record<string, number>;
  summary: BaselineSummary;
}

export function applyBaseline(result: AnalysisResult, opened: OpenBaseline, input: { include: readonly string[]; cacheDir?: string; cacheAuth?: EntryAuth }): BaselinedRun {
  const groups = result.byFile;
  const scope = runScope(result.root, seenPaths(result), input.include);
  const key = memoKey(result.root, opened.file, opened.stamp);
  const memos = input.cacheDir !== undefined && groups ? memoSlots(new BaselineMemoCache(input.cacheDir, input.cacheAuth), result.root, opened.file) : undefined;
  const stored = memos?.read('memo');
  const memo = stored === undefined ? undefined : decodeMemo(stored);
  let entries: MemoEntries | undefined;
  const entriesOf: MemoEntries = (path) => {
    entries ??= decodeMemoEntries(memos?.read('entries') ?? '', key);
    return entries(path);
  };
  const fast = memo && groups ? compareWithMemo(memo, key, groups, scope, entriesOf) : undefined;
  if (fast) {
    if (fast.changed) memos!.write('memo', encodeMemo(fast.memo));
    const summary = { file: opened.file, new: fast.newCount, unchanged: fast.unchangedCount, absent: fast.absent, stale: fast.stale, statesByFile: fast.statesByFile };
    return { result: marked(result, groups!, fast.statesByFile), newBySeverity: fast.newBySeverity, newByRule: fast.newByRule, summary };
  }
  const baseline = readBaseline(opened.file);
  const findings = result.findings;
  const comparison = compareWithBaseline({ root: result.root, file: opened.file, baseline, findings, seen: seenPaths(result), include: input.include });
  const statesByFile = new Map<string, MatchState[]>();
  findings.forEach((finding, i) => {
    const list = statesByFile.get(finding.file);
    if (list) list.push(comparison.states[i]!);
    else statesByFile.set(finding.file, [comparison.states[i]!]);
  });
  if (memos && comparison.exactOnly) {
    memos.write('entries', encodeMemoEntries(key, comparison.byPath));
    memos.write('memo', encodeMemo(buildMemo(key, groups!, comparison.byPath, comparison.states, new Set(comparison.taken.values()))));
  }
  const newBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const newByRule: Record<string, number> = {};
  findings.forEach((finding, i) => {
    if (comparison.states[i] !== 'new') return;
    newBySeverity[finding.severity]++;
    newByRule[finding.ruleId] = (newByRule[finding.ruleId] ?? 0) + 1;
  });
  const summary = { file: opened.file, new: comparison.newCount, unchanged: comparison.unchangedCount, absent: comparison.absent, stale: comparison.stale, statesByFile };
  return { result: groups ? marked(result, groups, statesByFile) : withFindings(result, findings.map((finding, i) => ({ ...finding, baselineState: comparison.states[i] }))), newBySeverity, newByRule, summary };
}

/** The two records of a root's memo for one baseline file (best effort: a failed write is a memo miss next time). */
function memoSlots(cache: BaselineMemoCache, root: string, file: string) {
  return {
    read: (part: 'memo' | 'entries'): string | undefined => cache.read(BaselineMemoCache.slot(root, file, part)),
    write: (part: 'memo' | 'entries', text: string): void => void cache.write(BaselineMemoCache.slot(root, file, part), text),
  };
}

/** The result with findings that carry their states: copies, made when a report asks for them (a JSON report reads the states by file instead). */
function marked(result: AnalysisResult, groups: readonly FileFindings[], statesByFile: ReadonlyMap<string, readonly MatchState[]>): AnalysisResult {
  let findings: Finding[] | undefined;
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(result)) as AnalysisResult;
  Object.defineProperty(copy, 'findings', {
    enumerable: true,
    configurable: true,
    get: () =>
      (findings ??= groups.flatMap((group) => {
        const states = statesByFile.get(group.path);
        return group.findings.map((finding, i) => ({ ...finding, baselineState: states?.[i] ?? 'new' }));
      })),
    set: (value: Finding[]) => (findings = value),
  });
  return copy;
}

function withFindings(result: AnalysisResult, findings: Finding[]): AnalysisResult {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(result)) as AnalysisResult;
  Object.defineProperty(copy, 'findings', { value: findings, enumerable: true, configurable: true, writable: true });
  return copy;
}

/**
 * Applies the suppression comments (FileFacts.directives, kept in each file's summary so that cached
 * judgements carry them) to a run's findings, after every rule ran and before a baseline or the gate
 * look at them: a suppressed finding leaves the findings and the counts, and is listed apart with
 * its reason. Comments that suppress nothing are UNUSED_SUPPRESSION findings; comments that cannot
 * suppress as written (no rule id, an unknown id, a misplaced file directive, a missing required
 * reason, a `disable` without its `enable` before the end of the file) are INVALID_SUPPRESSION
 * findings and suppress nothing.
 */
import type { DirectiveFact } from '../facts/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { findRule } from '../rules/index.js';
import { formatMessage, SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { FileFindings } from '../model/file-findings.js';
import { seal } from './run-rules.js';
import type { AnalysisResult } from '../model/analysis.js';

export type SuppressedFinding = Finding & { suppression: { kind: DirectiveFact['kind']; line: number; reason?: string } };

const DIRECTIVE_RULES = new Set(['UNUSED_SUPPRESSION', 'INVALID_SUPPRESSION']);

interface Active {
  fact: DirectiveFact;
  used: Set<string>;
}

/** Whether `directive` covers a finding of `rule` at `line`, given the regions open at that line. */
function covers(directive: DirectiveFact, rule: string, line: number, lastLine: number): boolean {
  if (!directive.rules.includes(rule)) return false;
  if (directive.kind === 'disable-next-line') return line === directive.endLine + 1;
  if (directive.kind === 'disable-line') return line >= directive.line && line <= directive.endLine;
  if (directive.kind === 'disable-file') return true;
  return directive.kind === 'disable' && line >= directive.line && line <= lastLine;
}

/**
 * The line each `disable` region ends on: the first later `enable` of the same rule. A rule with no
 * such `enable` before the end of the file is missing from the map: the comment is then invalid and
 * suppresses nothing, so that it cannot act as a switch for the rest of the file (that is what
 * `disable-file`, in the first comment block, is for). One pass from the end: linear in the comments.
 */
function regionEnds(directives: readonly DirectiveFact[]): Map<DirectiveFact, Map<string, number>> {
  const ends = new Map<DirectiveFact, Map<string, number>>();
  const nextEnable = new Map<string, number>();
  for (let i = directives.length - 1; i >= 0; i--) {
    const directive = directives[i]!;
    if (directive.kind === 'enable') for (const rule of directive.rules) nextEnable.set(rule, directive.line);
    else if (directive.kind === 'disable') {
      const byRule = new Map<string, number>();
      for (const rule of directive.rules) if (nextEnable.has(rule)) byRule.set(rule, nextEnable.get(rule)!);
      ends.set(directive, byRule);
    }
  }
  return ends;
}

export interface SuppressionOutcome<T extends AnalysisResult> {
  result: T;
  suppressed: SuppressedFinding[];
}

export function applySuppressions<T extends AnalysisResult>(result: T, policy: ResolvedPolicy, options: { requireReason: boolean }): SuppressionOutcome<T> {
  const withDirectives = result.files.filter((file) => file.directives !== undefined && file.directives.length > 0);
  if (withDirectives.length === 0) return { result, suppressed: [] };
  const byPath = new Map((result.byFile ?? []).map((group) => [group.path, group.findings]));
  if (!result.byFile) for (const finding of result.findings) (byPath.get(finding.file) ?? byPath.set(finding.file, []).get(finding.file)!).push(finding);
  const suppressed: SuppressedFinding[] = [];
  const replaced = new Map<string, Finding[]>();
  const delta = { bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>, byRule: {} as Record<string, number> };
  const count = (finding: Finding, by: number): void => {
    delta.bySeverity[finding.severity] += by;
    delta.byRule[finding.ruleId] = (delta.byRule[finding.ruleId] ?? 0) + by;
  };
  for (const file of withDirectives) {
    const directives = file.directives!;
    const ends = regionEnds(directives);
    const problems = new Map<DirectiveFact, string>();
    for (const directive of directives) {
      if (directive.problem) problems.set(directive, directive.problem);
      else if (directive.kind !== 'enable' && options.requireReason && directive.reason === undefined) problems.set(directive, 'has no reason after "--" (the config sets requireSuppressionReason)');
      else {
        const unknown = directive.rules.find((id) => !findRule(id));
        const unclosed = directive.kind === 'disable' ? directive.rules.filter((id) => !ends.get(directive)?.has(id)) : [];
        if (unknown !== undefined) problems.set(directive, `names "${unknown}", which is not a rule`);
        else if (unclosed.length > 0) problems.set(directive, `has no matching connascence-enable ${unclosed.join(', ')} before the end of the file (use connascence-disable-file in the first comment block to switch a rule off for a whole file)`);
      }
    }
    const active: Active[] = directives.filter((d) => d.kind !== 'enable' && !problems.has(d)).map((fact) => ({ fact, used: new Set() }));
    const kept: Finding[] = [];
    for (const finding of byPath.get(file.path) ?? []) {
      const by = DIRECTIVE_RULES.has(finding.ruleId) ? undefined : active.find((a) => covers(a.fact, finding.ruleId, finding.line, ends.get(a.fact)?.get(finding.ruleId) ?? 0));
      if (!by) {
        kept.push(finding);
        continue;
      }
      by.used.add(finding.ruleId);
      suppressed.push({ ...finding, suppression: { kind: by.fact.kind, line: by.fact.line, ...(by.fact.reason !== undefined ? { reason: by.fact.reason } : {}) } });
      count(finding, -1);
    }
    const reported: Finding[] = [];
    const report = (id: string, messageId: string, directive: DirectiveFact, data: Record<string, string>, key: string): void => {
      const setting = policy.rules.get(id);
      const rule = findRule(id);
      if (!setting?.enabled || !rule) return;
      const finding: Finding = { ruleId: id, severity: setting.severity, file: file.path, line: directive.line, column: directive.column, message: formatMessage(rule.meta.messages[messageId]!, data), fingerprint: key };
      reported.push(finding);
      count(finding, 1);
    };
    for (const [directive, problem] of problems) report('INVALID_SUPPRESSION', 'invalid', directive, { directive: `connascence-${directive.kind}`, problem }, `${directive.kind}:${directive.rules.join(',')}`);
    for (const { fact, used } of active) {
      for (const rule of fact.rules) if (!used.has(rule)) report('UNUSED_SUPPRESSION', 'unused', fact, { directive: `connascence-${fact.kind}`, rule }, `${fact.kind}:${rule}`);
    }
    if (reported.length > 0 || kept.length !== (byPath.get(file.path) ?? []).length) replaced.set(file.path, [...kept, ...seal(reported)].sort(compare));
  }
  if (replaced.size === 0) return { result, suppressed };
  const groups = new Map((result.byFile ?? []).map((group) => [group.path, group]));
  for (const [path, findings] of replaced) groups.set(path, FileFindings.of(path, findings));
  const byFile = [...groups.values()].filter((group) => group.count > 0 || replaced.has(group.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const summary = { ...result.summary, bySeverity: { ...result.summary.bySeverity }, byRule: { ...result.summary.byRule } };
  for (const severity of SEVERITIES) summary.bySeverity[severity] += delta.bySeverity[severity];
  for (const [rule, by] of Object.entries(delta.byRule)) {
    const now = (summary.byRule[rule] ?? 0) + by;
    if (now > 0) summary.byRule[rule] = now;
    else delete summary.byRule[rule];
  }
  const findings = byFile.flatMap((group) => group.findings);
  return { result: { ...result, byFile, findings, summary } as T, suppressed };
}

function compare(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

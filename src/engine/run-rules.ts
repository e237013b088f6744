import { createHash } from 'node:crypto';
import type { FileFacts } from '../facts/types.js';
import type { ResolvedPolicy, ResolvedRule } from '../policy/types.js';
import { ALL_RULES } from '../rules/index.js';
import { formatMessage, type Finding, type Report, type Rule } from '../rules/types.js';

const FINGERPRINT_LENGTH = 16;

type FindingBuilder = (report: Report, file: string) => Finding;

/** Turns the reports of one rule into findings: severity from the policy, message from the rule's templates. */
const findingBuilder = (rule: Rule, setting: ResolvedRule): FindingBuilder => (report, file) => toFinding(rule, setting, { ...report, file: report.file ?? file });

function toFinding(rule: Rule, setting: ResolvedRule, report: Report & { file: string }): Finding {
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity: setting.severity,
    file: report.file,
    line: report.line,
    column: report.column ?? 1,
    message: formatMessage(rule.meta.messages[report.messageId] ?? report.messageId, report.data),
    fingerprint: report.key,
  };
  if (report.endLine !== undefined) finding.endLine = report.endLine;
  if (report.endColumn !== undefined) finding.endColumn = report.endColumn;
  if (report.related && report.related.length > 0) finding.related = report.related;
  return finding;
}

function runRule(rule: Rule, setting: ResolvedRule, files: readonly FileFacts[]): Finding[] {
  const context = { options: setting.options };
  const build = findingBuilder(rule, setting);
  const relevant = files.filter((facts) => rule.meta.languages.includes(facts.language));
  if (rule.scope === 'project') return rule.check(relevant, context).map((report) => build(report, ''));
  return relevant.flatMap((facts) => rule.check(facts, context).map((report) => build(report, facts.path)));
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * Stable fingerprints: sha1(rule, file, key) — never the line, so a finding keeps its identity
 * when code above it moves. Equal keys in one file get an occurrence suffix, in sorted order.
 */
function assignFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const base = `${finding.ruleId}\u0000${finding.file}\u0000${finding.fingerprint}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const input = count === 1 ? base : `${base}\u0000${count}`;
    finding.fingerprint = createHash('sha1').update(input).digest('hex').slice(0, FINGERPRINT_LENGTH);
  }
}

/** Runs every enabled rule of the policy: file rules per file of their languages, project rules once. */
export function runRules(files: readonly FileFacts[], policy: ResolvedPolicy): Finding[] {
  const findings: Finding[] = [];
  for (const rule of ALL_RULES) {
    const setting = policy.rules.get(rule.meta.id);
    if (!setting?.enabled) continue;
    for (const finding of runRule(rule, setting, files)) findings.push(finding);
  }
  findings.sort(compareFindings);
  assignFingerprints(findings);
  return findings;
}

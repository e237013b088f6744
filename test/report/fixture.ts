import type { AnalysisResult } from '../../src/model/analysis.js';
import { SEVERITIES, type Finding, type Severity } from '../../src/rules/types.js';

/** A message with every character the formats must escape: `|`, `%`, `,`, `:` and a newline. */
export const TRICKY_MESSAGE = 'Literal "a|b" repeated 3 times, 100% of uses:\nsee line 2';
export const NON_ASCII_FILE = 'src/données/café.py';

export const FINDINGS: Finding[] = [
  {
    ruleId: 'CON_POSITION',
    severity: 'medium',
    file: 'src/app.ts',
    line: 12,
    column: 3,
    endLine: 14,
    endColumn: 4,
    message: 'move takes 4 positional parameters (maximum 3).',
    fingerprint: 'CON_POSITION:src/app.ts:move',
  },
  {
    ruleId: 'SEC_SECRET',
    severity: 'critical',
    file: 'src/app.ts',
    line: 3,
    column: 7,
    message: 'Hard-coded credential assigned to password.',
    fingerprint: 'SEC_SECRET:src/app.ts:password',
  },
  {
    ruleId: 'DUPLICATION',
    severity: 'high',
    file: 'lib/util.js',
    line: 40,
    column: 1,
    endLine: 52,
    message: '13 duplicated lines (also in src/app.ts).',
    fingerprint: 'DUPLICATION:lib/util.js:abc123',
    related: [
      { file: 'src/app.ts', line: 20, endLine: 32, message: 'clone partner' },
      { file: NON_ASCII_FILE, line: 5 },
    ],
  },
  {
    ruleId: 'CON_VALUES',
    severity: 'low',
    file: NON_ASCII_FILE,
    line: 2,
    column: 11,
    message: TRICKY_MESSAGE,
    fingerprint: 'CON_VALUES:src/données/café.py:a|b',
  },
  {
    ruleId: 'PARSE_ERROR',
    severity: 'high',
    file: 'broken.py',
    line: 1,
    column: 1,
    message: 'Syntax error: unexpected indent.',
    fingerprint: 'PARSE_ERROR:broken.py',
  },
  {
    ruleId: 'LEGACY_UNKNOWN_RULE',
    severity: 'low',
    file: 'lib/util.js',
    line: 7,
    column: 2,
    message: 'A finding whose rule id no rule declares.',
    fingerprint: 'LEGACY_UNKNOWN_RULE:lib/util.js:x',
  },
];

function countBy(findings: readonly Finding[], key: (f: Finding) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[key(f)] = (counts[key(f)] ?? 0) + 1;
  return counts;
}

/** A hand-built result: four analysed files (one unparsable), two skipped, six findings. */
export function makeResult(findings: Finding[] = FINDINGS): AnalysisResult {
  const counts = countBy(findings, (f) => f.severity);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, counts[s] ?? 0])) as Record<Severity, number>;
  return {
    root: '/tmp/projét root',
    policy: 'standard',
    findings,
    files: [
      { path: 'src/app.ts', language: 'typescript', lines: 120, codeLines: 100, functions: 8, parseError: false, test: false, generated: false },
      { path: 'lib/util.js', language: 'javascript', lines: 80, codeLines: 60, functions: 5, parseError: false, test: false, generated: true },
      { path: NON_ASCII_FILE, language: 'python', lines: 30, codeLines: 25, functions: 2, parseError: false, test: true, generated: false },
      { path: 'broken.py', language: 'python', lines: 4, codeLines: 4, functions: 0, parseError: true, test: false, generated: false },
    ],
    skipped: [
      { path: 'assets/logo.png', reason: 'binary', detail: 'contains NUL bytes' },
      { path: 'vendor/huge.min.js', reason: 'too-large', detail: '2.5 MiB exceeds --max-file-size 1 MiB' },
    ],
    summary: {
      files: 4,
      lines: 234,
      codeLines: 189,
      functions: 15,
      bySeverity,
      byRule: countBy(findings, (f) => f.ruleId),
      skipped: 2,
      parseErrors: 1,
      tests: 1,
      generated: 1,
      scores: { nasaCompliance: 93.33, duplication: 93.12, connascenceIndex: 121.69, overall: 72.14 },
    },
    metrics: {
      durationMs: 412.7,
      phases: { discover: 10.2, parse: 350.1, rules: 40.3 },
      cache: { hits: 3, misses: 1, hitRate: 0.75, corrupt: 0, writeErrors: 0 },
    },
    enabledRules: ['CON_POSITION', 'CON_VALUES', 'DUPLICATION', 'SEC_SECRET', 'PARSE_ERROR'],
  };
}

/** `count` low findings in one file, for caps and ordering. */
export function manyFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, i) => ({
    ruleId: 'CON_VALUES',
    severity: 'low' as const,
    file: 'src/many.ts',
    line: i + 1,
    column: 1,
    message: `finding ${i + 1}`,
    fingerprint: `CON_VALUES:src/many.ts:${i}`,
  }));
}

export const OPTIONS = { color: false, toolVersion: '0.1.0', gate: { failOn: 'high', passed: false, failing: 3 } };

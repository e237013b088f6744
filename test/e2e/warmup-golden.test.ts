import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../helpers/cli.js';

const CORPUS = join(PROJECT_ROOT, 'warmup-fixtures');
const GOLDEN = join(CORPUS, 'expected-findings.json');

interface Golden {
  policy: string;
  findings: string[];
}

/** `file:line RULE_ID` for every finding, sorted: what the corpus must produce. */
function analyzeCorpus(policy: string): string[] {
  // Run from the corpus: its paths are then relative to it, as the golden file lists them.
  const result = runCli(['analyze', '.', '--format', 'json', '--policy', policy, '--fail-on', 'none'], { cwd: CORPUS });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { findings: Array<{ file: string; line: number; ruleId: string }> };
  return report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
}

describe('warmup-fixtures golden findings', () => {
  it('analyze reproduces exactly the golden findings of the corpus', () => {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden[];
    expect(golden.map((g) => g.policy)).toEqual(['standard', 'nasa-compliance']);
    const actual = golden.map(({ policy }) => ({ policy, findings: analyzeCorpus(policy) }));
    // Regenerate after a deliberate detector change: UPDATE_GOLDEN=1 npx vitest run test/e2e, then review the diff.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(golden);
  });
});

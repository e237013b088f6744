import { describe, expect, it } from 'vitest';
import { computeScores } from '../../src/engine/scores.js';
import { emptyFacts, type FileFacts, type FunctionFact } from '../../src/facts/types.js';
import type { Finding } from '../../src/rules/types.js';

function file(path: string, codeLines: number, functions: Array<Pick<FunctionFact, 'line' | 'endLine' | 'lengthLines'>>): FileFacts {
  const facts = emptyFacts({ path, language: 'typescript', content: '' }, codeLines);
  facts.codeLines = codeLines;
  facts.functions = functions as FunctionFact[];
  return facts;
}

const finding = (over: Partial<Finding>): Finding => ({ ruleId: 'X', severity: 'low', file: 'a.ts', line: 1, column: 1, message: '', fingerprint: '', ...over });

describe('computeScores', () => {
  it('weights NASA compliance by function length', () => {
    const files = [file('a.ts', 100, [{ line: 1, endLine: 30, lengthLines: 30 }, { line: 40, endLine: 49, lengthLines: 10 }])];
    const scores = computeScores(files, [finding({ ruleId: 'NASA_2_UNBOUNDED_LOOP', line: 45 })]);
    expect(scores.nasaCompliance).toBe(75);
  });

  it('counts duplicated lines of both clone sides once', () => {
    const files = [file('a.ts', 100, []), file('b.ts', 100, [])];
    const clone = finding({ ruleId: 'DUPLICATION', line: 1, endLine: 10, related: [{ file: 'b.ts', line: 5, endLine: 14 }] });
    const again = finding({ ruleId: 'DUPLICATION', line: 5, endLine: 10 });
    expect(computeScores(files, [clone, again]).duplication).toBe(90);
  });

  it('computes the connascence index as weighted findings per 1000 code lines', () => {
    const files = [file('a.ts', 500, [])];
    const scores = computeScores(files, [finding({ severity: 'critical' }), finding({ severity: 'high' }), finding({ severity: 'low' })]);
    expect(scores.connascenceIndex).toBe(32);
    expect(scores.overall).toBeCloseTo(0.4 * 100 + 0.3 * 100 + (0.3 * 100) / (1 + 3.2), 1);
  });

  it('gives a clean project full marks and a zero index', () => {
    expect(computeScores([file('a.ts', 10, [{ line: 1, endLine: 3, lengthLines: 3 }])], [])).toEqual({ nasaCompliance: 100, duplication: 100, connascenceIndex: 0, overall: 100 });
  });
});

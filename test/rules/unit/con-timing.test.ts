import { describe, expect, it } from 'vitest';
import { conTiming } from '../../../src/rules/connascence/con-timing.js';
import type { CallFact } from '../../../src/facts/types.js';
import { check, lines, makeFacts } from '../helpers.js';

const calls: CallFact[] = [
  { kind: 'timing', callee: 'setTimeout', detail: '500', line: 2, column: 1 },
  { kind: 'dynamic-code', callee: 'eval', line: 3, column: 1 },
  { kind: 'timing', callee: 'time.sleep', line: 4, column: 5 },
];

describe('CON_TIMING', () => {
  it('reports timing calls with their delay', () => {
    const reports = check(conTiming, makeFacts({ calls }));
    expect(lines(reports)).toEqual([2, 4]);
    expect(reports[0]!.data).toEqual({ callee: 'setTimeout', delay: '500' });
  });

  it('does not judge test files (the runner leaves them out, policy/file-kinds.ts)', () => {
    expect(conTiming.meta.judgesTests).toBe(false);
  });

  it('is off in lenient only', () => {
    expect(conTiming.meta.presets.lenient.enabled).toBe(false);
    expect(conTiming.meta.presets.standard.enabled).toBe(true);
  });
});

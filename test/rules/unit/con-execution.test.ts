import { describe, expect, it } from 'vitest';
import { conExecution } from '../../../src/rules/connascence/con-execution.js';
import { check, lines, makeFacts, makeFunction } from '../helpers.js';

describe('CON_EXECUTION', () => {
  const facts = makeFacts({
    functions: [
      makeFunction({ name: 'bump', line: 3, globalWrites: [{ line: 4, column: 3, name: 'count' }, { line: 5, column: 3, name: 'count' }, { line: 6, column: 3, name: 'total' }] }),
      makeFunction({ name: 'read', line: 10 }),
    ],
  });

  it('reports one finding per function that writes module-level state, listing the names once', () => {
    const reports = check(conExecution, facts);
    expect(lines(reports)).toEqual([3]);
    expect(reports[0]!.data).toEqual({ name: 'bump', names: 'count, total' });
  });

  it('is off in lenient only', () => {
    expect(conExecution.meta.presets.lenient.enabled).toBe(false);
    expect(conExecution.meta.presets.strict.enabled).toBe(true);
    expect(conExecution.meta.presets['nasa-compliance'].enabled).toBe(true);
  });
});

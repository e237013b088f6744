import { describe, expect, it } from 'vitest';
import { nasa1Recursion, callGraph } from '../../../src/rules/nasa/nasa-1-recursion.js';
import { nasa2UnboundedLoop } from '../../../src/rules/nasa/nasa-2-unbounded-loop.js';
import { nasa4FunctionLength } from '../../../src/rules/nasa/nasa-4-function-length.js';
import { nasa5Assertions } from '../../../src/rules/nasa/nasa-5-assertions.js';
import { nasa6Scope } from '../../../src/rules/nasa/nasa-6-scope.js';
import { nasa8DynamicCode } from '../../../src/rules/nasa/nasa-8-dynamic-code.js';
import { PRESETS } from '../../../src/rules/types.js';
import { check, lines, makeFacts, makeFunction } from '../helpers.js';

const enabledIn = (rule: { meta: { presets: Record<string, { enabled: boolean }> } }): boolean[] => PRESETS.map((p) => rule.meta.presets[p]!.enabled);

describe('NASA_1_RECURSION', () => {
  it('reports direct recursion at the function', () => {
    const facts = makeFacts({ functions: [makeFunction({ name: 'fact', line: 2, recursionLines: [4, 5] }), makeFunction({ name: 'other', line: 8 })] });
    const reports = check(nasa1Recursion, facts);
    expect(lines(reports)).toEqual([2]);
    expect(reports[0]!.data).toEqual({ name: 'fact', line: 4 });
  });

  it('reports a same-file call cycle once, at its first member, listing the members', () => {
    const facts = makeFacts({
      functions: [
        makeFunction({ name: 'isEven', line: 1, callees: [1] }),
        makeFunction({ name: 'isOdd', line: 5, callees: [0] }),
        makeFunction({ name: 'main', line: 9, callees: [0] }),
      ],
    });
    const reports = check(nasa1Recursion, facts);
    expect(lines(reports)).toEqual([1]);
    expect(reports[0]!.data).toMatchObject({ cycle: 'isEven -> isOdd -> isEven', members: 'isEven (line 1), isOdd (line 5)', count: 2 });
  });

  it('reports direct recursion alone, without a mutual finding for the self-loop', () => {
    const functions = [makeFunction({ name: 'walk', line: 1, recursionLines: [2], callees: [0] }), makeFunction({ name: 'other', line: 4 })];
    expect(callGraph(functions)).toEqual([[], []]);
    expect(check(nasa1Recursion, makeFacts({ functions })).map((r) => r.messageId)).toEqual(['direct']);
  });

  it('finds a three-function cycle once, at the first member in line order, and is off in lenient', () => {
    const functions = [
      makeFunction({ name: 'c', line: 9, callees: [1] }),
      makeFunction({ name: 'a', line: 1, callees: [2] }),
      makeFunction({ name: 'b', line: 5, callees: [0] }),
    ];
    const reports = check(nasa1Recursion, makeFacts({ functions }));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.line).toBe(1);
    expect(reports[0]!.data!.members).toBe('a (line 1), b (line 5), c (line 9)');
    expect(enabledIn(nasa1Recursion)).toEqual([true, true, false, true]);
  });
});

describe('NASA_2_UNBOUNDED_LOOP', () => {
  it('reports each unbounded loop', () => {
    const facts = makeFacts({ functions: [makeFunction({ name: 'run', unboundedLoops: [{ line: 3, column: 3 }, { line: 9, column: 5 }] })] });
    expect(lines(check(nasa2UnboundedLoop, facts))).toEqual([3, 9]);
    expect(enabledIn(nasa2UnboundedLoop)).toEqual([true, true, false, true]);
  });
});

describe('NASA_4_FUNCTION_LENGTH', () => {
  const facts = makeFacts({ functions: [40, 41, 60, 61, 100, 101].map((n) => makeFunction({ name: `f${n}`, line: n, lengthLines: n })) });

  it('flags functions longer than 60/40/100/60 lines', () => {
    expect(lines(check(nasa4FunctionLength, facts, 'standard'))).toEqual([61, 100, 101]);
    expect(lines(check(nasa4FunctionLength, facts, 'strict'))).toEqual([41, 60, 61, 100, 101]);
    expect(lines(check(nasa4FunctionLength, facts, 'lenient'))).toEqual([101]);
    expect(lines(check(nasa4FunctionLength, facts, 'nasa-compliance'))).toEqual([61, 100, 101]);
  });

  it('counts code lines and leaves test-suite callbacks alone', () => {
    const functions = [
      makeFunction({ line: 1, lengthLines: 90, codeLines: 50 }),
      makeFunction({ line: 100, lengthLines: 70, codeLines: 61 }),
      makeFunction({ line: 200, lengthLines: 90, codeLines: 90, testCallback: true }),
    ];
    const reports = check(nasa4FunctionLength, makeFacts({ functions }));
    expect(lines(reports)).toEqual([100]);
    expect(reports[0]!.data!.lines).toBe(61);
  });
});

describe('NASA_5_ASSERTIONS', () => {
  const facts = makeFacts({
    functions: [
      makeFunction({ line: 1, lengthLines: 10, assertions: 0 }),
      makeFunction({ line: 20, lengthLines: 11, assertions: 1 }),
      makeFunction({ line: 40, lengthLines: 11, assertions: 2 }),
      makeFunction({ line: 60, lengthLines: 30, assertions: 0, isTest: true }),
    ],
  });

  it('flags functions over 10 lines with fewer than 2 assertions, skipping tests', () => {
    expect(lines(check(nasa5Assertions, facts, 'nasa-compliance'))).toEqual([20]);
  });

  it('is enabled only in nasa-compliance', () => {
    expect(enabledIn(nasa5Assertions)).toEqual([false, false, false, true]);
  });
});

describe('NASA_6_SCOPE', () => {
  it('reports every module-level mutable binding', () => {
    const facts = makeFacts({ moduleState: [{ name: 'cache', kind: 'let', line: 1, column: 5 }, { name: 'counter', kind: 'global', line: 7, column: 5 }] });
    const reports = check(nasa6Scope, facts, 'strict');
    expect(lines(reports)).toEqual([1, 7]);
    expect(reports.map((r) => r.key)).toEqual(['let:cache', 'global:counter']);
  });

  it('is enabled in strict and nasa-compliance', () => {
    expect(enabledIn(nasa6Scope)).toEqual([false, true, false, true]);
  });
});

describe('NASA_8_DYNAMIC_CODE', () => {
  it('reports dynamic-code calls only, in every preset', () => {
    const facts = makeFacts({
      calls: [
        { kind: 'dynamic-code', callee: 'eval', line: 2, column: 1 },
        { kind: 'shell', callee: 'os.system', line: 3, column: 1 },
        { kind: 'dynamic-code', callee: 'new Function', line: 4, column: 1 },
      ],
    });
    expect(lines(check(nasa8DynamicCode, facts))).toEqual([2, 4]);
    expect(enabledIn(nasa8DynamicCode)).toEqual([true, true, true, true]);
  });
});

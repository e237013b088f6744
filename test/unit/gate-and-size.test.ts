import { describe, expect, it } from 'vitest';
import { parseSize } from '../../src/cli/size.js';
import { evaluateGate } from '../../src/policy/gate.js';
import type { Finding, Severity } from '../../src/rules/types.js';

const finding = (severity: Severity): Finding => ({ ruleId: 'X', severity, file: 'a.ts', line: 1, column: 1, message: 'm', fingerprint: 'f' });

describe('gate', () => {
  it('fails at or above the threshold only', () => {
    const findings = [finding('medium'), finding('low')];
    expect(evaluateGate(findings, 'high').passed).toBe(true);
    expect(evaluateGate(findings, 'medium')).toEqual({ failOn: 'medium', passed: false, failing: 1, reasons: ['1 finding at or above medium'] });
    expect(evaluateGate(findings, 'low').failing).toBe(2);
    expect(evaluateGate([finding('critical')], 'none').passed).toBe(true);
    expect(evaluateGate([finding('critical')], 'critical').passed).toBe(false);
  });

  it('fails on every budget exceeded, named with its counts, even with failOn none', () => {
    const findings = [finding('high'), finding('high'), finding('low'), { ...finding('low'), ruleId: 'Y' }];
    const gate = evaluateGate(findings, 'none', { total: 3, high: 1, low: 2, medium: 0, rules: { Y: 0, X: 5 } });
    expect(gate).toEqual({ failOn: 'none', passed: false, failing: 0, reasons: ['budget total: 4 > 3', 'budget high: 2 > 1', 'budget Y: 1 > 0'] });
    // Within every budget: the failOn threshold still counts beside them.
    expect(evaluateGate(findings, 'high', { total: 10 }).reasons).toEqual(['2 findings at or above high']);
    expect(evaluateGate(findings, 'critical', { total: 4, high: 2 }).passed).toBe(true);
  });
});

describe('parseSize', () => {
  it('reads bytes and binary/decimal units', () => {
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('1MiB')).toBe(1048576);
    expect(parseSize('2KiB')).toBe(2048);
    expect(parseSize('2kb')).toBe(2000);
    expect(parseSize('1.5m')).toBe(1572864);
  });
  it('rejects nonsense with a usage error', () => {
    expect(() => parseSize('lots')).toThrow(/Invalid size/);
    expect(() => parseSize('0')).toThrow(/at least 1 byte/);
  });
});

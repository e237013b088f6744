import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/engine/run-rules.js';
import { defaultPolicy } from '../../../src/policy/presets.js';
import { ALL_RULES } from '../../../src/rules/index.js';
import { PRESETS, SEVERITIES } from '../../../src/rules/types.js';
import { makeFacts, makeFunction, makeLiteral, onlyRule } from '../helpers.js';

const CATALOG = [
  'CON_POSITION', 'CON_MEANING', 'CON_VALUES', 'CON_ALGORITHM', 'CON_EXECUTION', 'CON_TIMING', 'CON_TYPE', 'GOD_OBJECT', 'COMPLEXITY', 'NESTING',
  'NASA_1_RECURSION', 'NASA_2_UNBOUNDED_LOOP', 'NASA_4_FUNCTION_LENGTH', 'NASA_5_ASSERTIONS', 'NASA_6_SCOPE', 'NASA_8_DYNAMIC_CODE', 'DUPLICATION',
  'ARCH_CYCLE', 'ARCH_FAN_OUT', 'SEC_SHELL', 'SEC_DESERIALIZE', 'SEC_SECRET', 'SEC_SOURCE_ENCODING', 'PARSE_ERROR', 'SKIPPED_FILE', 'INVALID_SUPPRESSION', 'UNUSED_SUPPRESSION',
];

describe('rule registry', () => {
  it('registers every catalog rule in catalog order', () => {
    expect(ALL_RULES.map((r) => r.meta.id)).toEqual(CATALOG);
  });

  it('gives every rule complete metadata and documentation', () => {
    for (const { meta } of ALL_RULES) {
      expect(SEVERITIES).toContain(meta.defaultSeverity);
      expect(meta.description.length).toBeGreaterThan(10);
      for (const section of [meta.docs.whatItDoes, meta.docs.whyIsThisBad, meta.docs.example, meta.docs.useInstead]) expect(section.length).toBeGreaterThan(10);
      for (const preset of PRESETS) expect(Object.keys(meta.presets[preset].options)).toEqual(Object.keys(meta.presets.standard.options));
      for (const key of Object.keys(meta.presets.standard.options)) expect(meta.docs.options?.[key], `${meta.id} option ${key}`).toBeTruthy();
    }
  });
});

describe('defaultPolicy', () => {
  it('builds the preset from the rules', () => {
    const policy = defaultPolicy('strict');
    expect(policy).toMatchObject({ preset: 'strict', include: [], exclude: [], includeTests: false });
    expect(policy.rules.get('CON_POSITION')).toEqual({ id: 'CON_POSITION', enabled: true, severity: 'medium', options: { threshold: 2 } });
    expect(policy.rules.get('CON_TYPE')!.enabled).toBe(true);
    expect(defaultPolicy('standard').rules.get('CON_TYPE')!.enabled).toBe(false);
    expect(policy.rules.size).toBe(CATALOG.length);
  });

  it('does not share option arrays with the rule metadata', () => {
    const policy = defaultPolicy('standard');
    (policy.rules.get('CON_MEANING')!.options.allow as number[]).push(99);
    expect(defaultPolicy('standard').rules.get('CON_MEANING')!.options.allow).toEqual([0, 1, -1, 2]);
  });
});

describe('runRules', () => {
  const a = makeFacts({
    path: 'src/b.ts',
    functions: [makeFunction({ name: 'late', line: 9, positionalParams: 4 }), makeFunction({ name: 'early', line: 2, column: 5, positionalParams: 4, complexity: 30 })],
    literals: [makeLiteral(42, { line: 2, column: 5 })],
  });
  const b = makeFacts({ path: 'src/a.py', functions: [makeFunction({ name: 'f', line: 1, positionalParams: 5 })] });

  it('runs enabled rules, sorts by file, line, column, rule and formats messages', () => {
    const findings = runRules([a, b], defaultPolicy('standard'));
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      'src/a.py:1:1:CON_POSITION',
      'src/b.ts:2:5:COMPLEXITY',
      'src/b.ts:2:5:CON_MEANING',
      'src/b.ts:2:5:CON_POSITION',
      'src/b.ts:9:1:CON_POSITION',
    ]);
    expect(findings[0]!.message).toBe('f takes 5 positional parameters (maximum 3).');
    expect(findings[0]!.severity).toBe('medium');
  });

  it('uses the severity and options of the policy and skips disabled rules', () => {
    const policy = onlyRule('CON_POSITION');
    policy.rules.set('CON_POSITION', { id: 'CON_POSITION', enabled: true, severity: 'critical', options: { threshold: 4 } });
    const findings = runRules([a, b], policy);
    expect(findings.map((f) => `${f.file}:${f.severity}`)).toEqual(['src/a.py:critical']);
  });

  it('only runs file rules on files of their languages', () => {
    const js = makeFacts({ path: 'a.js', functions: [makeFunction({ exported: true, anyInSignature: [{ line: 1, column: 1 }] })] });
    expect(runRules([js], onlyRule('CON_TYPE', 'strict'))).toEqual([]);
  });

  it('fingerprints by rule, file and key: stable when lines move, unique per finding', () => {
    const before = runRules([a], onlyRule('CON_POSITION'));
    const moved = makeFacts({ ...a, functions: a.functions.map((fn) => ({ ...fn, line: fn.line + 10 })) });
    const after = runRules([moved], onlyRule('CON_POSITION'));
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(before[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const twins = makeFacts({ path: 'x.ts', functions: [makeFunction({ name: 'f', line: 1, positionalParams: 4 }), makeFunction({ name: 'f', line: 5, positionalParams: 4 })] });
    const prints = runRules([twins], onlyRule('CON_POSITION')).map((f) => f.fingerprint);
    expect(new Set(prints).size).toBe(2);
  });

  it('puts project findings on the file the rule names', () => {
    const x = makeFacts({ path: 'x.ts', functions: [makeFunction({ name: 'p', bodyHash: 'h' })] });
    const y = makeFacts({ path: 'y.ts', functions: [makeFunction({ name: 'q', line: 4, bodyHash: 'h' })] });
    const findings = runRules([y, x], onlyRule('CON_ALGORITHM'));
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['x.ts:1', 'y.ts:4']);
    expect(findings[0]!.related).toEqual([{ file: 'y.ts', line: 4, endLine: 8, message: 'same algorithm: q' }]);
  });
});

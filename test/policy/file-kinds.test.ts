/**
 * Test and generated files are a matter of the judgement: the same facts, judged by fewer rules.
 * Real front-ends, real rules; only the policy differs between the cases.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/engine/run-rules.js';
import type { FileFacts } from '../../src/facts/types.js';
import { extractFacts, languageOf } from '../../src/languages/index.js';
import { hasGeneratedMarker, isMinified } from '../../src/languages/shared/generated.js';
import { DEFAULT_TEST_GLOBS, DEFAULT_VENDORED_GLOBS, testMatcher } from '../../src/policy/file-kinds.js';
import { defaultPolicy } from '../../src/policy/presets.js';
import type { ResolvedPolicy } from '../../src/policy/types.js';
import { ALL_RULES } from '../../src/rules/index.js';

/** Magic numbers (CON_MEANING), a literal timer (CON_TIMING), eval (NASA_8) and a secret (SEC_SECRET). */
const TS = [
  'export function poll(done: () => void): number {',
  '  setTimeout(done, 750);',
  '  eval(String(done));',
  '  return 86400 * 7;',
  '}',
  'export const config = { password: "Tr0ub4dor&3-horse" };',
  '',
].join('\n');
const PY = ['import time', '', 'def poll(done):', '    time.sleep(750)', '    eval(done)', '    return 86400 * 7', '', 'db_password = "Tr0ub4dor&3-horse"', ''].join('\n');

async function factsOf(files: Record<string, string>): Promise<FileFacts[]> {
  const out: FileFacts[] = [];
  for (const [path, content] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) out.push(await extractFacts({ path, language: languageOf(path)!, content }));
  return out;
}

function policy(change: Partial<ResolvedPolicy> = {}): ResolvedPolicy {
  return Object.assign(defaultPolicy('standard'), change);
}

/** Rule ids fired per file, sorted and deduplicated. */
function rulesByFile(facts: readonly FileFacts[], settings: ResolvedPolicy): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const finding of runRules(facts, settings)) (out[finding.file] ??= []).push(finding.ruleId);
  for (const key of Object.keys(out)) out[key] = [...new Set(out[key])].sort();
  return out;
}

const ALL_ON_SOURCE = ['CON_MEANING', 'CON_TIMING', 'NASA_8_DYNAMIC_CODE', 'SEC_SECRET'];
const IN_TESTS = ['NASA_8_DYNAMIC_CODE', 'SEC_SECRET'];

describe('test files', () => {
  it('are the default globs: __tests__/, test/, tests/, spec/, *.test.*, *.spec.*, test_*.py, *_test.py, conftest.py, tests.py', () => {
    const isTest = testMatcher(DEFAULT_TEST_GLOBS);
    for (const path of ['__tests__/a.js', 'src/__tests__/a.ts', 'test/a.ts', 'pkg/test/b.py', 'tests/c.py', 'spec/d.ts', 'src/a.test.tsx', 'a.spec.mjs', 'pkg/test_mod.py', 'pkg/mod_test.py', 'conftest.py', 'pkg/conftest.py', 'app/tests.py'])
      expect(isTest(path), path).toBe(true);
    for (const path of ['src/a.ts', 'testing/a.py', 'src/contest.py', 'pkg/attest.py', 'src/latest.ts', 'src/protest_test.ts.bak', 'pkg/mytests.py'])
      expect(isTest(path), path).toBe(false);
  });

  it('are judged by the rules that apply to tests only, unless includeTests is set', async () => {
    const facts = await factsOf({ 'src/poll.ts': TS, 'src/poll.test.ts': TS, 'pkg/poll.py': PY, 'tests/test_poll.py': PY });
    expect(rulesByFile(facts, policy())).toEqual({ 'src/poll.ts': ALL_ON_SOURCE, 'src/poll.test.ts': IN_TESTS, 'pkg/poll.py': ALL_ON_SOURCE, 'tests/test_poll.py': IN_TESTS });
    expect(rulesByFile(facts, policy({ includeTests: true }))).toEqual({ 'src/poll.ts': ALL_ON_SOURCE, 'src/poll.test.ts': ALL_ON_SOURCE, 'pkg/poll.py': ALL_ON_SOURCE, 'tests/test_poll.py': ALL_ON_SOURCE });
  });

  it('follow the config globs, which replace the defaults', async () => {
    const facts = await factsOf({ 'qa/poll.ts': TS, 'src/poll.test.ts': TS });
    expect(rulesByFile(facts, policy({ tests: ['qa/**'] }))).toEqual({ 'qa/poll.ts': IN_TESTS, 'src/poll.test.ts': ALL_ON_SOURCE });
  });

  it('leave the project rules that skip tests: no clone between two test files', async () => {
    const body = Array.from({ length: 12 }, (_, i) => `  total += values[${i}] * weights[${i}] - offsets[${i}];`).join('\n');
    const clone = `export function score(values: number[], weights: number[], offsets: number[]): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
    const dup = (settings: ResolvedPolicy, files: Record<string, string>) => factsOf(files).then((f) => runRules(f, settings).filter((x) => x.ruleId === 'DUPLICATION').map((x) => x.file));
    expect(await dup(policy(), { 'src/a.ts': clone, 'src/b.ts': clone })).toEqual(['src/b.ts']);
    expect(await dup(policy(), { 'test/a.ts': clone, 'test/b.ts': clone })).toEqual([]);
    expect(await dup(policy({ includeTests: true }), { 'test/a.ts': clone, 'test/b.ts': clone })).toEqual(['test/b.ts']);
  });

  it('are skipped by the rules the README lists, and only those', () => {
    const skip = ALL_RULES.filter((rule) => rule.meta.judgesTests === false).map((rule) => rule.meta.id).sort();
    expect(skip).toEqual(['CON_ALGORITHM', 'CON_MEANING', 'CON_TIMING', 'CON_VALUES', 'DUPLICATION', 'GOD_OBJECT', 'NASA_4_FUNCTION_LENGTH', 'NASA_5_ASSERTIONS']);
  });
});

describe('generated files', () => {
  it('are recognised by a marker in their first lines', () => {
    for (const header of ['// Code generated by protoc-gen-go. DO NOT EDIT.', '# @generated by pants', '/* This file is auto-generated */', '// AUTOGENERATED FILE', '# This file was automatically generated', '"""DO NOT EDIT: made by tools/gen.py"""'])
      expect(hasGeneratedMarker(`${header}\nexport const a = 1;\n`), header).toBe(true);
    expect(hasGeneratedMarker('// A generator of reports.\nexport function generate() {}\n')).toBe(false);
    expect(hasGeneratedMarker('/** Edit with care. */\nconst generated = true;\n')).toBe(false);
    expect(hasGeneratedMarker(`${'\n'.repeat(10)}// @generated\n`)).toBe(false);
    // A comment about markers quotes them: that is not a claim that the file was generated.
    expect(hasGeneratedMarker('/** Files marked (`@generated`, `DO NOT EDIT`) are skipped. */\n')).toBe(false);
    expect(hasGeneratedMarker('# A header saying "auto-generated" makes a file generated.\n')).toBe(false);
  });

  it('are judged by the safety rules only by default, fully or not at all as the config says', async () => {
    const facts = await factsOf({ 'src/gen.ts': `// @generated\n${TS}`, 'pkg/gen.py': `# Code generated by gen. DO NOT EDIT.\n${PY}` });
    expect(facts.map((f) => f.generated)).toEqual([true, true]);
    expect(rulesByFile(facts, policy())).toEqual({ 'pkg/gen.py': IN_TESTS, 'src/gen.ts': IN_TESTS });
    expect(rulesByFile(facts, policy({ generated: 'full' }))).toEqual({ 'pkg/gen.py': ALL_ON_SOURCE, 'src/gen.ts': ALL_ON_SOURCE });
    expect(rulesByFile(facts, policy({ generated: 'skip' }))).toEqual({});
  });

  it('keep the safety rules judging them when they are tests too', async () => {
    const facts = await factsOf({ 'test/gen.test.ts': `// @generated\n${TS}` });
    expect(rulesByFile(facts, policy({ includeTests: true }))).toEqual({ 'test/gen.test.ts': IN_TESTS });
  });

  it('the safety rules are SEC_*, NASA_8_DYNAMIC_CODE, PARSE_ERROR and SKIPPED_FILE', () => {
    expect(ALL_RULES.filter((rule) => rule.meta.safety === true).map((rule) => rule.meta.id).sort()).toEqual(['NASA_8_DYNAMIC_CODE', 'PARSE_ERROR', 'SEC_DESERIALIZE', 'SEC_SECRET', 'SEC_SHELL', 'SEC_SOURCE_ENCODING', 'SKIPPED_FILE']);
  });

  it('include minified code: non-blank lines averaging over 200 characters', async () => {
    const part = (n: number): string => `function poll${n}(done){setTimeout(done,750);eval(String(done));return 86400*7}var config${n}={password:"Tr0ub4dor&3-horse"};`;
    const minified = `${[1, 2, 3].map(part).join('')}\n`;
    expect(isMinified(minified)).toBe(true);
    expect(isMinified(TS)).toBe(false);
    // One long line among ordinary ones (a regular expression, a data string) is hand-written code.
    expect(isMinified(`${TS}export const pattern = "${'a'.repeat(700)}";\n${TS}`)).toBe(false);
    const facts = await factsOf({ 'static/app.js': minified });
    expect(facts[0]!.generated).toBe(true);
    expect(rulesByFile(facts, policy())).toEqual({ 'static/app.js': IN_TESTS });
  });
});

describe('vendored files', () => {
  it('are the default globs: vendor/, vendored/, third_party/, third-party/, *.min.js', () => {
    const isVendored = testMatcher(DEFAULT_VENDORED_GLOBS);
    for (const path of ['vendor/a.js', 'static/js/vendor/select2/select2.full.js', 'pkg/_vendored/x/vendored/b.py', 'third_party/c.py', 'web/third-party/d.ts', 'static/jquery.min.js', 'dist/app.min.mjs'])
      expect(isVendored(path), path).toBe(true);
    for (const path of ['src/vendors.ts', 'src/vendor.py', 'src/min.js', 'src/admin.js', 'lib/party.py'])
      expect(isVendored(path), path).toBe(false);
  });

  it('are judged like generated files, and the config globs replace the defaults', async () => {
    const facts = await factsOf({ 'static/vendor/poll.ts': TS, 'src/poll.ts': TS, 'lib/ext/poll.py': PY });
    expect(rulesByFile(facts, policy())).toEqual({ 'static/vendor/poll.ts': IN_TESTS, 'src/poll.ts': ALL_ON_SOURCE, 'lib/ext/poll.py': ALL_ON_SOURCE });
    expect(rulesByFile(facts, policy({ vendored: ['lib/ext/**'] }))).toEqual({ 'static/vendor/poll.ts': ALL_ON_SOURCE, 'src/poll.ts': ALL_ON_SOURCE, 'lib/ext/poll.py': IN_TESTS });
    expect(rulesByFile(facts, policy({ generated: 'full' }))).toEqual({ 'static/vendor/poll.ts': ALL_ON_SOURCE, 'src/poll.ts': ALL_ON_SOURCE, 'lib/ext/poll.py': ALL_ON_SOURCE });
  });
});

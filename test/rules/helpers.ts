import { FACTS_SCHEMA_VERSION, type FileFacts, type FunctionFact, type LiteralFact, type Language } from '../../src/facts/types.js';
import { defaultPolicy } from '../../src/policy/presets.js';
import type { ResolvedPolicy } from '../../src/policy/types.js';
import type { PresetName, Report, Rule } from '../../src/rules/types.js';

function languageFromPath(path: string): Language {
  if (path.endsWith('.py')) return 'python';
  return /\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript';
}

export function makeFacts(overrides: Partial<FileFacts> = {}): FileFacts {
  const path = overrides.path ?? 'src/a.ts';
  return {
    schema: FACTS_SCHEMA_VERSION,
    path,
    language: languageFromPath(path),
    lines: 100,
    codeLines: 80,
    generated: false,
    functions: [],
    classes: [],
    literals: [],
    imports: [],
    moduleState: [],
    calls: [],
    secrets: [],
    tokens: { hashes: [], lines: [] },
    directives: [],
    ...overrides,
  };
}

export function makeFunction(overrides: Partial<FunctionFact> = {}): FunctionFact {
  const line = overrides.line ?? 1;
  const lengthLines = overrides.lengthLines ?? 5;
  return {
    name: 'fn',
    line,
    column: 1,
    endLine: line + lengthLines - 1,
    endColumn: 2,
    positionalParams: 0,
    totalParams: 0,
    lengthLines,
    codeLines: overrides.codeLines ?? lengthLines,
    complexity: 1,
    maxDepth: 0,
    assertions: 0,
    statements: 1,
    recursionLines: [],
    callees: [],
    unboundedLoops: [],
    globalWrites: [],
    exported: false,
    anyInSignature: [],
    unannotatedParams: [],
    isTest: false,
    ...overrides,
  };
}

export function makeLiteral(value: string | number, overrides: Partial<LiteralFact> = {}): LiteralFact {
  const kind = typeof value === 'number' ? 'number' : 'string';
  return { line: 1, column: 1, kind, value: String(value), raw: String(value), context: 'other', ...overrides };
}

/** The preset's options for `rule`, with overrides. */
export function contextFor(rule: Rule, preset: PresetName = 'standard', options: Record<string, unknown> = {}): { options: Rule['meta']['presets']['standard']['options'] } {
  return { options: { ...rule.meta.presets[preset].options, ...(options as Rule['meta']['presets']['standard']['options']) } };
}

/** Runs a rule directly with a preset's options; file rules get one file, project rules the list. */
export function check(rule: Rule, input: FileFacts | FileFacts[], preset: PresetName = 'standard', options: Record<string, unknown> = {}): Report[] {
  const context = contextFor(rule, preset, options);
  if (rule.scope === 'project') return rule.check(Array.isArray(input) ? input : [input], context);
  if (rule.scope === 'skipped') throw new Error(`${rule.meta.id} judges skipped files, not facts`);
  if (rule.scope === 'directive') throw new Error(`${rule.meta.id} is reported while suppressions are applied, not from facts`);
  if (Array.isArray(input)) return input.flatMap((facts) => rule.check(facts, context));
  return rule.check(input, context);
}

export const lines = (reports: readonly Report[]): number[] => reports.map((r) => r.line);

/** A policy of the preset with every rule but `ruleId` turned off (`ruleId` keeps its preset setting). */
export function onlyRule(ruleId: string, preset: PresetName = 'standard'): ResolvedPolicy {
  const policy = defaultPolicy(preset);
  for (const [id, setting] of policy.rules) policy.rules.set(id, { ...setting, enabled: id === ruleId && setting.enabled });
  return policy;
}

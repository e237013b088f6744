import type { Rule, RuleOptions, RuleSetting } from '../rules/types.js';
import { PRESETS } from '../rules/types.js';

export interface RuleListing {
  id: string;
  family: string;
  severity: string;
  languages: readonly string[];
  description: string;
  presets: Record<string, RuleSetting>;
  /** Judges test files by default (policy/file-kinds.ts). */
  judgesTests: boolean;
  /** A safety rule: judges generated files too, by default. */
  safety: boolean;
}

export function listRules(rules: readonly Rule[]): RuleListing[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    family: meta.family,
    severity: meta.defaultSeverity,
    languages: meta.languages,
    description: meta.description,
    presets: meta.presets,
    judgesTests: meta.judgesTests !== false,
    safety: meta.safety === true,
  }));
}

function describeSetting(setting: RuleSetting): string {
  if (!setting.enabled) return 'off';
  const numeric = Object.entries(setting.options).filter(([, v]) => typeof v === 'number');
  return numeric.length === 0 ? 'on' : numeric.map(([, v]) => String(v)).join('/');
}

/** A table: id, severity, one column per preset (thresholds or on/off), description. */
export function renderRuleTable(rules: readonly Rule[]): string {
  const header = ['RULE', 'SEVERITY', ...PRESETS, 'TESTS', 'GENERATED', 'DESCRIPTION'];
  const rows = rules.map(({ meta }) => [meta.id, meta.defaultSeverity, ...PRESETS.map((p) => describeSetting(meta.presets[p])), meta.judgesTests === false ? 'no' : 'yes', meta.safety === true ? 'yes' : 'no', meta.description]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const legend = 'Thresholds per preset; several numbers are the rule options in order (see --explain ID). TESTS: judges test files by default; GENERATED: judges generated files by default.';
  return [line(header), ...rows.map(line), '', legend].join('\n');
}

function describeOptions(options: RuleOptions): string {
  const entries = Object.entries(options);
  return entries.length === 0 ? '' : ` (${entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')})`;
}

/** Ruff-style documentation of one rule, from the rule's own file. */
export function renderRuleExplanation(rule: Rule): string {
  const { meta } = rule;
  const docs = meta.docs;
  const sections = [
    `${meta.id} (${meta.family}, default severity ${meta.defaultSeverity}; ${meta.languages.join(', ')})`,
    '',
    meta.description,
    '',
    '## What it does',
    docs.whatItDoes,
    '',
    '## Why is this bad?',
    docs.whyIsThisBad,
    '',
    '## Example',
    docs.example,
    '',
    '## Use instead',
    docs.useInstead,
  ];
  if (docs.options && Object.keys(docs.options).length > 0) {
    sections.push('', '## Options', ...Object.entries(docs.options).map(([k, v]) => `- ${k}: ${v}`));
  }
  sections.push('', '## Presets', ...PRESETS.map((p) => `- ${p}: ${meta.presets[p].enabled ? 'on' : 'off'}${describeOptions(meta.presets[p].options)}`));
  sections.push('', '## Files it judges', `- test files: ${testCell(meta)}`, `- generated files: ${generatedCell(meta)}`);
  return sections.join('\n');
}

const testCell = (meta: Rule['meta']): string => (meta.judgesTests === false ? 'no (`includeTests` to judge them)' : 'yes');
const generatedCell = (meta: Rule['meta']): string => (meta.safety === true ? 'yes (a safety rule)' : 'no (`generated: "full"` to judge them)');

/** The catalog as a Markdown table (the README embeds it; a test keeps the two in sync). */
export function renderRuleMarkdown(rules: readonly Rule[]): string {
  const header = `| id | severity | ${PRESETS.join(' | ')} | tests | generated | what it flags |`;
  const divider = `|${' --- |'.repeat(PRESETS.length + 5)}`;
  const rows = rules.map(({ meta }) => {
    const cells = [`\`${meta.id}\``, meta.defaultSeverity, ...PRESETS.map((p) => describeSetting(meta.presets[p])), meta.judgesTests === false ? 'no' : 'yes', meta.safety === true ? 'yes' : 'no', meta.description.replace(/\|/g, '\\|')];
    return `| ${cells.join(' | ')} |`;
  });
  return [header, divider, ...rows].join('\n');
}

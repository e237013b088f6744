import type { Rule } from '../rules/types.js';
import { PRESETS, SEVERITIES } from '../rules/types.js';
import { GENERATED_MODES } from './file-kinds.js';

type JsonSchema = Record<string, unknown>;

function ruleSchema(rule: Rule): JsonSchema {
  // Each option's schema is the rule's own (RuleMeta.optionSchemas: types and bounds).
  const properties: Record<string, JsonSchema> = {};
  for (const key of Object.keys(rule.meta.presets.standard.options)) properties[key] = { ...(rule.meta.optionSchemas?.[key] ?? {}) };
  return {
    oneOf: [
      { enum: ['off', 'on', ...SEVERITIES] },
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean' },
          severity: { enum: [...SEVERITIES] },
          options: { type: 'object', additionalProperties: false, properties },
        },
      },
    ],
  };
}

/** JSON schema of `connascence.config.json`, built from the rules' own option lists. */
export function configSchema(rules: readonly Rule[]): JsonSchema {
  const ruleProps: Record<string, JsonSchema> = {};
  for (const rule of rules) ruleProps[rule.meta.id] = ruleSchema(rule);
  const globs = { type: 'array', items: { type: 'string', minLength: 1 } };
  const count = { type: 'integer', minimum: 0 };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      policy: { enum: [...PRESETS] },
      failOn: { enum: [...SEVERITIES, 'none'] },
      include: globs,
      exclude: globs,
      tests: globs,
      vendored: globs,
      includeTests: { type: 'boolean' },
      generated: { enum: [...GENERATED_MODES] },
      maxFileSize: { type: 'integer', minimum: 1 },
      baseline: { type: 'string', minLength: 1, maxLength: 4096 },
      requireSuppressionReason: { type: 'boolean' },
      budgets: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...Object.fromEntries(['total', ...SEVERITIES].map((key) => [key, count])),
          rules: { type: 'object', additionalProperties: false, properties: Object.fromEntries(rules.map((rule) => [rule.meta.id, count])) },
        },
      },
      reports: { type: 'array', maxItems: 16, items: { type: 'string', minLength: 1, maxLength: 4096 } },
      rules: { type: 'object', additionalProperties: false, properties: ruleProps },
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files', 'rules'],
          properties: { files: { ...globs, minItems: 1 }, rules: { type: 'object', additionalProperties: false, properties: ruleProps } },
        },
      },
    },
  };
}

import type { Rule } from '../rules/types.js';
import { PRESETS, SEVERITIES } from '../rules/types.js';
import { GENERATED_MODES } from './file-kinds.js';

type JsonSchema = Record<string, unknown>;

function optionSchema(value: unknown): JsonSchema {
  if (typeof value === 'number') return { type: 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (Array.isArray(value)) return { type: 'array', items: { type: ['number', 'string'] } };
  return { type: 'string' };
}

function ruleSchema(rule: Rule): JsonSchema {
  const options = rule.meta.presets.standard.options;
  const properties: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries(options)) properties[key] = optionSchema(value);
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
      rules: { type: 'object', additionalProperties: false, properties: ruleProps },
    },
  };
}

import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/rules/index.js';
import { PRESETS } from '../../src/rules/types.js';

/** Issue 14, item 9: every rule option has a JSON schema in its rule's meta, which every preset value meets. */
describe('rule option schemas', () => {
  for (const rule of ALL_RULES) {
    it(`${rule.meta.id}: one schema per option, with bounds for numbers, met by every preset`, () => {
      const keys = new Set(PRESETS.flatMap((preset) => Object.keys(rule.meta.presets[preset].options)));
      expect(Object.keys(rule.meta.optionSchemas ?? {}).sort()).toEqual([...keys].sort());
      for (const [key, schema] of Object.entries(rule.meta.optionSchemas ?? {})) {
        if (schema.type === 'integer') expect(Number.isSafeInteger(schema.minimum) && Number.isSafeInteger(schema.maximum), key).toBe(true);
        if (schema.type === 'array') expect(schema.maxItems, key).toBeGreaterThan(0);
        for (const preset of PRESETS) {
          const value = rule.meta.presets[preset].options[key];
          if (value === undefined) continue;
          if (schema.type === 'integer') {
            expect(Number.isInteger(value) && (value as number) >= (schema.minimum as number) && (value as number) <= (schema.maximum as number), `${preset} ${key}`).toBe(true);
          } else expect(Array.isArray(value), `${preset} ${key}`).toBe(true);
        }
      }
    });
  }
});

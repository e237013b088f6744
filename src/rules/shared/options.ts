import type { OptionSchema, RuleOptions } from '../types.js';

/** An integer option between `minimum` and `maximum` (RuleMeta.optionSchemas). */
export function integerOption(minimum: number, maximum: number): OptionSchema {
  return { type: 'integer', minimum, maximum };
}

/** The largest magnitude a number of an allow list may have: beyond it a value is no literal of real code. */
const MAX_LISTED_NUMBER = 1e15;

/** A list option of numbers, at most `maxItems` of them. */
export function numberListOption(maxItems = 1000): OptionSchema {
  return { type: 'array', maxItems, items: { type: 'number', minimum: -MAX_LISTED_NUMBER, maximum: MAX_LISTED_NUMBER } };
}

/** Reads a numeric list option; anything that is not a finite number is dropped. */
export function numberList(value: RuleOptions[string] | undefined): number[] {
  if (!Array.isArray(value)) return [];
  return value.map(Number).filter((n) => Number.isFinite(n));
}

/** Reads a numeric option, falling back when it is missing or not a number. */
export function numberOption(value: RuleOptions[string] | undefined, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/**
 * A key that stays the same when lines move: the value plus its occurrence number
 * (`42#1`, `42#2`), counted in the order the facts list them.
 */
export function occurrenceKey(seen: Map<string, number>, value: string): string {
  const count = (seen.get(value) ?? 0) + 1;
  seen.set(value, count);
  return `${value}#${count}`;
}

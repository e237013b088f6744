import type { RuleOptions } from '../types.js';

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

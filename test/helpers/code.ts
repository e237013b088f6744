/** A block of statements long enough for a DUPLICATION clone and a CON_ALGORITHM body. */
export const cloneBlock = (name: string): string =>
  [
    `export function ${name}(items: number[], limit: number): number {`,
    '  let total = 0;',
    '  for (const item of items) {',
    '    if (item > limit) total += item * 2;',
    '    else if (item < 0) total -= item;',
    '    else total += 1;',
    '  }',
    '  const average = items.length === 0 ? 0 : total / items.length;',
    '  console.log("total", total, "average", average);',
    '  return Math.round(total + average * 3);',
    '}',
    '',
  ].join('\n');

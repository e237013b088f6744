/**
 * Bounded cost (issue 30): no regular expression in the source tree backtracks super-linearly. Each
 * literal is checked for the shapes that do (test/helpers/regex-shape.ts); the checker itself is
 * tested on the patterns that were quadratic before, and each fixed pattern on its attack input.
 * `npm run bench` (bench/attack.js) times every one on pumped input at three sizes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.js';
import { backtrackingShapes, regexesIn } from '../helpers/regex-shape.js';
import { JAVASCRIPT, PYTHON } from '../../src/languages/shared/hidden-code.js';
import { CLOUD_KEYS_ALL } from '../../src/languages/shared/secrets.js';

/**
 * Patterns built at run time, each exported so that the check reads what was built: the bounded
 * gaps of the skipped-file scan, and the vendor key shapes again with the `g` flag.
 */
const BUILT: Record<string, readonly RegExp[]> = {
  'src/languages/shared/hidden-code.ts': [...PYTHON, ...JAVASCRIPT].map((p) => p.regex),
  'src/languages/shared/secrets.ts': CLOUD_KEYS_ALL.map((k) => k.pattern),
};

/** Reviewed: shapes the checker flags that cannot fail from every start of a run. */
const REVIEWED: Record<string, string> = {
  // `\p{Lu}+(?![\p{Ll}])` fails only on a run of one capital before a lower-case letter; longer runs match
  '\\p{Lu}?[\\p{Ll}\\p{M}]+|\\p{Lu}+(?![\\p{Ll}])|\\p{Lu}': 'a match ends every try',
};

describe('regular expressions of src/', () => {
  const found = regexesIn(join(PROJECT_ROOT, 'src'), PROJECT_ROOT);

  it('finds the literals (the scan works)', () => {
    expect(found.length).toBeGreaterThan(100);
    expect(found.some((r) => r.where.startsWith('src/rules/connascence/con-values.ts'))).toBe(true);
  });

  it('builds no pattern at run time (every pattern is a literal the check reads)', () => {
    expect(found.filter((r) => r.flags === 'dynamic' && BUILT[r.where.replace(/:\d+$/, '')] === undefined).map((r) => r.where)).toEqual([]);
  });

  it('has no backtracking shape in the patterns built at run time', () => {
    const built = Object.entries(BUILT).flatMap(([where, regexes]) => regexes.map((r) => ({ where, pattern: `/${r.source}/${r.flags}`, shapes: backtrackingShapes(r.source, r.flags) })));
    expect(built.length).toBeGreaterThan(10);
    expect(built.filter((r) => r.shapes.length > 0)).toEqual([]);
  });

  it('has no nested, adjacent-overlapping, leading or crossing unbounded quantifier', () => {
    const bad = found
      .filter((r) => r.flags !== 'dynamic' && REVIEWED[r.source] === undefined)
      .map((r) => ({ where: r.where, pattern: `/${r.source}/${r.flags}`, shapes: backtrackingShapes(r.source, r.flags) }))
      .filter((r) => r.shapes.length > 0);
    expect(bad).toEqual([]);
  });

  it('every reviewed exception is still in the tree', () => {
    for (const source of Object.keys(REVIEWED)) expect(found.some((r) => r.source === source), source).toBe(true);
  });
});

describe('the shape check', () => {
  it.each([
    ['nested', '(a+)+$'],
    ['nested', '^(?:\\w+\\s*)*x$'],
    ['adjacent', '^\\s*(\\d+)\\s*([a-z]*)\\s*$'],
    ['adjacent', '%(?:\\([^)]*\\))?[-#0 +]*\\d*(?:\\.\\d+)?[sdifrxXeEgGoc]'],
    ['crossing', '%(?:\\([^)]*\\))?[sd]'],
    ['crossing', '\\bcode generated\\b.*\\bdo not edit\\b'],
    ['leading', '\\s*[\\r\\n]+\\s*'],
    ['leading', '["\']+$'],
    ['leading', '\\/+$'],
    ['crossing', '(?:[\\w.@~+-]+\\/)*[\\w.@~+-]+\\.(?:[cm]?[jt]sx?|pyi?)'],
  ])('flags the %s shape in /%s/ (patterns that were quadratic here)', (shape, source) => {
    expect(backtrackingShapes(source, '').map((s) => s.split(':')[0])).toContain(shape);
  });

  it.each([
    '^[0-9a-f]{64}$',
    '(?:^|\\.)\\w*(?:Enum|Flag|Choices)$',
    '^(?:\\w+\\s*\\.\\s*)*TypedDict$',
    '-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----',
    '%(?:\\([^)]{0,64}\\))?[-#0 +]*(?:[1-9]\\d*)?(?:\\.\\d+)?[sd]',
    '\\s+',
  ])('passes the linear /%s/', (source) => {
    expect(backtrackingShapes(source, '')).toEqual([]);
  });
});

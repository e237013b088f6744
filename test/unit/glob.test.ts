import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlobs, MAX_GLOB_ALTERNATIVES } from '../../src/discovery/glob.js';
import { DEFAULT_TEST_GLOBS, DEFAULT_VENDORED_GLOBS } from '../../src/policy/file-kinds.js';
import { ConfigError } from '../../src/errors.js';

const PATTERNS = [
  ...DEFAULT_TEST_GLOBS,
  ...DEFAULT_VENDORED_GLOBS,
  '*.ts', '**/*.ts', 'src/**', 'src/**/*.py', '**/*.{ts,tsx}', 'src/{a,b{c,d}}/*.js', 'a?c.ts', '[ab]*.py', '[^a]*.py', '[a-c]x.ts',
  '**/.hidden/**', '.*', './src/*.ts', 'src/*/x.ts', '**/__init__.py', 'a/**/b/**/c.ts', 'lib/a**b.js', 'x\\*y.ts', 'tests/*', '**',
];
const PATHS = [
  'a.ts', 'src/a.ts', 'src/b/c.ts', 'src/x.tsx', 'b.py', 'ab.py', 'cb.py', 'bx.ts', 'abc.ts', 'axc.ts', '.eslintrc.js', 'src/.hidden/a.py',
  'src/a/b.js', 'src/bc/x.js', 'src/bd/x.js', 'src/be/x.js', 'pkg/test/x.ts', 'pkg/tests/y.py', 'tests/a.py', 'tests/deep/a.py', 'x/y.test.ts',
  'x/test_y.py', 'x/y_test.py', 'conftest.py', 'vendor/a.js', 'a/vendor/b.js', 'a.min.js', 'a/b/c.ts', 'a/x/b/y/c.ts', 'lib/aXYb.js', 'x*y.ts',
  'xzy.ts', 'src/__init__.py', 'a/spec/b.ts', 'a/__tests__/b.js',
];

describe('linear glob matcher', () => {
  for (const pattern of PATTERNS) {
    it(`matches what picomatch (dot: true) matches: ${pattern}`, () => {
      const ours = compileGlobs([pattern], 'test');
      const theirs = picomatch(pattern, { dot: true });
      for (const path of PATHS) expect(ours(path), `${pattern} on ${path}`).toBe(theirs(path));
    });
  }

  it('reads [!a] as a negated class, as POSIX, git and .gitignore do (picomatch reads it as the set {!, a})', () => {
    const bang = compileGlobs(['[!a]*.py'], 'test');
    const caret = compileGlobs(['[^a]*.py'], 'test');
    for (const path of PATHS) expect(bang(path), path).toBe(caret(path));
    expect(bang('b.py')).toBe(true);
    expect(bang('ab.py')).toBe(false);
  });

  it('matches patterns that make backtracking matchers hang at once, and gives the right answer', () => {
    const long = `src/${'a'.repeat(250)}.ts`;
    const deep = `${Array.from({ length: 200 }, () => 'a').join('/')}/x.ts`;
    const started = performance.now();
    expect(compileGlobs([`**/${'*a'.repeat(40)}b`], 'test')(long)).toBe(false);
    expect(compileGlobs([`**/${'*a'.repeat(40)}.ts`], 'test')(long)).toBe(true);
    expect(compileGlobs(['{*a,*a}{*a,*a}{*a,*a}{*a,*a}b'], 'test')(long)).toBe(false);
    expect(compileGlobs([Array(12).fill('**').join('/a/') + '/b'], 'test')(deep)).toBe(false);
    expect(compileGlobs([Array(12).fill('**').join('/a/') + '/x.ts'], 'test')(deep)).toBe(true);
    // Not a timed test: a bound a hundred times above what it takes, which a backtracking matcher misses by minutes.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses patterns it cannot match as written, with an error naming the setting', () => {
    for (const [pattern, message] of [
      ['x'.repeat(2000), /longer than 1024/],
      ['{a,b}'.repeat(9), new RegExp(`more than ${MAX_GLOB_ALTERNATIVES} alternatives`)],
      ['!src/**', /negated patterns/],
      ['src/+(a|b).ts', /extended globs/],
      ['src//a.ts', /empty path segment/],
      ['src/', /write "src\/\*\*"/],
      ['', /empty/],
    ] as const) {
      expect(() => compileGlobs([pattern], '--include'), pattern).toThrow(ConfigError);
      expect(() => compileGlobs([pattern], '--include'), pattern).toThrow(message);
    }
  });
});

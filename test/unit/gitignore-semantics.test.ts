/**
 * `.gitignore` and `exclude` read with git's rules by the linear matcher (issue 30). Each case is
 * checked against real git (`git check-ignore`) when git is on the PATH, so the expectations are
 * git's, not ours.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IgnoreStack } from '../../src/discovery/gitignore.js';

/** [gitignore text, path (directories end with `/`), ignored?] */
const CASES: Array<[string, string, boolean]> = [
  ['*.tmp', 'a.tmp', true],
  ['*.tmp', 'deep/er/a.tmp', true],
  ['*.tmp\n!keep.tmp', 'keep.tmp', false],
  ['*.tmp\n!keep.tmp', 'x/keep.tmp', false],
  ['!keep.tmp\n*.tmp', 'keep.tmp', true],
  ['build/', 'build/', true],
  ['build/', 'build', false],
  ['build/', 'src/build/', true],
  ['/build', 'build', true],
  ['/build', 'src/build', false],
  ['src/gen', 'src/gen', true],
  ['src/gen', 'lib/src/gen', false],
  ['**/gen', 'a/b/gen', true],
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a/**', 'a/x', true],
  ['a/**', 'a/x/y.js', true],
  ['a/**', 'a/', false],
  ['#comment', '#comment', false],
  ['\\#hash', '#hash', true],
  ['\\!bang', '!bang', true],
  ['trail   ', 'trail', true],
  ['trail\\ ', 'trail ', true],
  ['f?o.js', 'fxo.js', true],
  ['f?o.js', 'f/o.js', false],
  ['[ab].js', 'b.js', true],
  ['[!ab].js', 'b.js', false],
  ['[!ab].js', 'c.js', true],
  ['{a,b}.js', 'a.js', false],
  ['{a,b}.js', '{a,b}.js', true],
  ['\\*.js', '*.js', true],
  ['\\*.js', 'a.js', false],
  ['**/x/**/x/**/y', 'x/x/x/y', true],
  ['**/x/**/x/**/y', 'x/y', false],
  ['*.js\r', 'a.js', true],
];

function stackOf(text: string): IgnoreStack {
  const root = mkdtempSync(join(tmpdir(), 'gitignore-'));
  writeFileSync(join(root, '.gitignore'), text);
  const stack = new IgnoreStack();
  stack.loadGitignore(root, '');
  return stack;
}

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('gitignore semantics', () => {
  it.each(CASES)('%j: %s ignored = %s', (text, path, ignored) => {
    expect(stackOf(text).ignores(path)).toBe(ignored);
  });

  it.runIf(hasGit)('agrees with git check-ignore on every case', () => {
    const disagree: string[] = [];
    for (const [text, path, ignored] of CASES) {
      const root = mkdtempSync(join(tmpdir(), 'gitignore-git-'));
      spawnSync('git', ['init', '-q', root]);
      writeFileSync(join(root, '.gitignore'), text);
      const target = path.endsWith('/') ? path.slice(0, -1) : path;
      if (path.endsWith('/')) mkdirSync(join(root, target), { recursive: true });
      const result = spawnSync('git', ['-C', root, 'check-ignore', '-q', '--no-index', target], { encoding: 'utf8' });
      if ((result.status === 0) !== ignored) disagree.push(`${JSON.stringify(text)} ${path}: git says ${result.status === 0}`);
    }
    expect(disagree).toEqual([]);
  });

  it('a deeper .gitignore decides before the one above it, both ways', () => {
    const root = mkdtempSync(join(tmpdir(), 'gitignore-'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, '.gitignore'), '*.gen.js\nlocal.js\n');
    writeFileSync(join(root, 'sub', '.gitignore'), '!*.gen.js\n/only-here.js\n');
    const stack = new IgnoreStack();
    stack.loadGitignore(root, '');
    stack.loadGitignore(join(root, 'sub'), 'sub');
    expect(stack.ignores('sub/a.gen.js')).toBe(false);
    expect(stack.ignores('sub/local.js')).toBe(true);
    expect(stack.ignores('sub/only-here.js')).toBe(true);
    expect(stack.ignores('sub/deeper/only-here.js')).toBe(false);
    stack.pop();
    expect(stack.ignores('a.gen.js')).toBe(true);
  });

  it('the config exclude list wins over a .gitignore negation', () => {
    const root = mkdtempSync(join(tmpdir(), 'gitignore-'));
    writeFileSync(join(root, '.gitignore'), '!vendor/\n');
    const stack = new IgnoreStack(['vendor/', '*.min.js', '!keep.min.js']);
    stack.loadGitignore(root, '');
    expect(stack.ignores('vendor/')).toBe(true);
    expect(stack.ignores('a/b.min.js')).toBe(true);
    expect(stack.ignores('keep.min.js')).toBe(false);
  });
});

import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/discovery/defaults.js';
import { readSource } from '../../src/discovery/read.js';
import { discover } from '../../src/discovery/walk.js';
import { makeTree } from '../helpers/cli.js';

describe('discover', () => {
  it('finds analysable files in sorted order with languages, skipping .d.ts and unknown extensions', () => {
    const root = makeTree({ 'b.py': '', 'a/x.tsx': '', 'a/y.d.ts': '', 'c.mjs': '', 'readme.md': '', 'z.cjs': '' });
    const found = discover(root);
    expect(found.files.map((f) => `${f.path}:${f.language}`)).toEqual(['a/x.tsx:typescript', 'b.py:python', 'c.mjs:javascript', 'z.cjs:javascript']);
  });

  it('applies nested .gitignore files only below their folder, and exclude patterns', () => {
    const root = makeTree({
      'pkg/.gitignore': '*.gen.ts\n',
      'pkg/a.gen.ts': '',
      'pkg/a.ts': '',
      'b.gen.ts': '',
      'tmp/c.py': '',
    });
    expect(discover(root, { exclude: ['tmp/'] }).files.map((f) => f.path)).toEqual(['b.gen.ts', 'pkg/a.ts']);
    expect(discover(root, { gitignore: false }).files.map((f) => f.path)).toEqual(['b.gen.ts', 'pkg/a.gen.ts', 'pkg/a.ts', 'tmp/c.py']);
  });

  it('matches include globs against root-relative paths', () => {
    const root = makeTree({ 'src/a.ts': '', 'scripts/b.py': '', 'other/c.ts': '' });
    expect(discover(root, { include: ['src/**', '**/*.py'] }).files.map((f) => f.path)).toEqual(['scripts/b.py', 'src/a.ts']);
  });

  it('follows a symlinked folder once and reports cycles', () => {
    const root = makeTree({ 'real/a.py': '' });
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    symlinkSync('.', join(root, 'real', 'self'));
    const found = discover(root);
    expect(found.files.map((f) => f.path)).toEqual(['alias/a.py']);
    expect(found.skipped.filter((s) => s.reason === 'symlink-loop').length).toBeGreaterThan(0);
  });

  it('does not follow a link whose target is outside the root, and lists it as skipped', () => {
    const outside = makeTree({ 'secret.py': 'password = "x"\n', 'pkg/mod.ts': 'export {}\n', '.gitignore': 'keep.py\n' });
    const root = makeTree({ 'keep.py': '', 'inside/a.py': '' });
    symlinkSync(join(outside, 'secret.py'), join(root, 'leak.py'));
    symlinkSync(join(outside, 'pkg'), join(root, 'pkg'));
    symlinkSync('/', join(root, 'slash'));
    symlinkSync('..', join(root, 'up'));
    symlinkSync(join(root, 'inside', 'a.py'), join(root, 'alias.py'));
    symlinkSync(join(outside, '.gitignore'), join(root, '.gitignore'));
    const found = discover(root);
    expect(found.files.map((f) => f.path)).toEqual(['alias.py', 'inside/a.py', 'keep.py']);
    const outsideRoot = found.skipped.filter((s) => s.reason === 'outside-root');
    expect(outsideRoot.map((s) => s.path).sort()).toEqual(['.gitignore', 'leak.py', 'pkg', 'slash', 'up']);
    expect(outsideRoot[0]!.detail).toContain('link outside the root');
  });

  it('does not read a .gitignore that is not a regular file', () => {
    const root = makeTree({ 'a.py': '' });
    symlinkSync('/dev/zero', join(root, '.gitignore'));
    const found = discover(root);
    expect(found.files.map((f) => f.path)).toEqual(['a.py']);
    expect(found.skipped).toEqual([expect.objectContaining({ path: '.gitignore', reason: 'outside-root' })]);
    const inner = makeTree({ 'a.py': '', 'dev/.keep': '' });
    symlinkSync(join(inner, 'dev'), join(inner, '.gitignore'));
    expect(discover(inner).skipped).toEqual([expect.objectContaining({ path: '.gitignore', reason: 'unreadable' })]);
  });

  it('reports a file that vanished before it was read as unreadable', async () => {
    const root = makeTree({ 'a.py': 'x = 1\n' });
    const [file] = discover(root).files;
    rmSync(file!.absolute);
    const outcome = readSource(file!, DEFAULT_MAX_FILE_SIZE);
    expect(outcome).toEqual({ ok: false, skipped: expect.objectContaining({ path: 'a.py', reason: 'unreadable' }) });
  });

  it('skips a template named like source, and reads source that merely contains template-like text', () => {
    const root = makeTree({
      'templates/map.js': '{% load l10n %}\nvar map = {{ module }};\n',
      'templates/page.py': '\n  {# a Jinja comment #}\n',
      'views/erb.js': '<% if (user) { %>hi<% } %>\n',
      'src/ok.js': "const tag = '{% block %}';\n",
    });
    const outcomes = discover(root).files.map((file) => readSource(file, DEFAULT_MAX_FILE_SIZE));
    const skipped = outcomes.flatMap((o) => (o.ok ? [] : [`${o.skipped.path}:${o.skipped.reason}`]));
    expect(skipped).toEqual(['templates/map.js:template', 'templates/page.py:template', 'views/erb.js:template']);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });
});

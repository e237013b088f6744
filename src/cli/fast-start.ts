/**
 * The fast start of the commands that CI jobs and containers run on every start (analyze,
 * validate-environment, warmup-cache, merge): bin/run.js calls `fastStart` before loading oclif, which
 * costs ~100 ms of module loading and configuration on every run. When argv is one that the
 * command's spec parses exactly as oclif would (flag-spec.ts), the command's action runs here with
 * no oclif at all; anything else (help, a usage error, another command) returns undefined and goes
 * to oclif, which handles it as always. CONNASCENCE_FAST_START=off sends everything to oclif.
 */
import { EXIT } from '../errors.js';
import { inertText, printable } from '../printable.js';
import type { CommandAction, CommandIO } from './command-io.js';
import { describeFailure } from './failure.js';
import { parseArgv } from './flag-spec.js';

const ACTIONS: Record<string, () => Promise<CommandAction>> = {
  analyze: () => import('./actions/analyze.js'),
  'validate-environment': () => import('./actions/validate-environment.js'),
  'warmup-cache': () => import('./actions/warmup-cache.js'),
  merge: () => import('./actions/merge.js'),
};

/** Argv that the fast start leaves to oclif though it parses: `merge --watch` ends its process itself (commands/merge.ts). */
const toOclif = (argv: readonly string[]): boolean => argv[0] === 'merge' && argv.some((arg) => arg === '--watch' || arg.startsWith('--watch='));

/** The exit code of the command argv names, run without oclif; undefined when oclif must run it. */
export async function fastStart(argv: readonly string[], version: string, env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  const load = argv.length > 0 && env.CONNASCENCE_FAST_START !== 'off' && Object.hasOwn(ACTIONS, argv[0]!) ? ACTIONS[argv[0]!] : undefined;
  if (!load || toOclif(argv)) return undefined;
  const command = await load();
  const parsed = parseArgv(command.spec, argv.slice(1));
  if (!parsed) return undefined;
  // A reader that stops early (`| head`) closes the pipe: end quietly, as oclif does, instead of
  // crashing. Any other failure to write (a full disk, /dev/full) is one line and exit 3.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`Error: cannot write to standard output: ${printable(error.message)}\n`);
    process.exit(EXIT.environment);
  });
  const io: CommandIO = {
    out: (line) => process.stdout.write(`${line}\n`),
    // Every line on standard error is inert (printable.ts inertLine), as BaseCommand's.
    err: (line) => process.stderr.write(`${inertText(line)}\n`),
    version,
  };
  try {
    return await command.action(parsed, io);
  } catch (error) {
    const failure = describeFailure(error instanceof Error ? error : new Error(String(error)));
    for (const line of failure.lines) io.err(line);
    return failure.exitCode;
  }
}

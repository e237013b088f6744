import { EXIT } from '../errors.js';

/**
 * What a command that threw prints and exits with (docs/architecture.md "Reports and exit codes"): errors that carry an
 * `exitCode` (ConfigError 2, EnvironmentError 3) print their message only; anything else is an
 * internal error (4) whose stack is shown only with DEBUG set.
 */
export function describeFailure(error: Error & { exitCode?: number }): { exitCode: number; lines: string[] } {
  if (typeof error.exitCode === 'number') return { exitCode: error.exitCode, lines: [`Error: ${error.message}`] };
  const lines = [`Internal error: ${error.message}`];
  lines.push(process.env.DEBUG ? (error.stack ?? '') : 'This is a bug in connascence. Run again with DEBUG=1 for the stack trace and report it.');
  return { exitCode: EXIT.internal, lines };
}

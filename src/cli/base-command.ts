import { Command, Errors } from '@oclif/core';
import { EXIT } from '../errors.js';

/**
 * Maps errors to the exit codes of DESIGN.md: errors that carry an `exitCode` (ConfigError 2,
 * EnvironmentError 3) print their message only; anything unexpected is an internal error (4)
 * whose stack is shown only with DEBUG set.
 */
export abstract class BaseCommand extends Command {
  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error;
    if (error.oclif?.exit !== undefined) {
      // oclif's own parse errors (unknown flag, bad option value) are usage errors.
      const code = error.oclif.exit === 0 ? 0 : EXIT.usage;
      if (code !== 0) this.logToStderr(`Error: ${error.message}\nSee more help with --help`);
      return this.exit(code);
    }
    if (typeof error.exitCode === 'number') {
      this.logToStderr(`Error: ${error.message}`);
      return this.exit(error.exitCode);
    }
    this.logToStderr(`Internal error: ${error.message}`);
    if (process.env.DEBUG) this.logToStderr(error.stack ?? '');
    else this.logToStderr('This is a bug in connascence. Run again with DEBUG=1 for the stack trace and report it.');
    return this.exit(EXIT.internal);
  }
}

import { Command, Errors } from '@oclif/core';
import { EXIT } from '../errors.js';
import type { CommandIO } from './command-io.js';
import { describeFailure } from './failure.js';

/**
 * Maps errors to the exit codes of DESIGN.md (describeFailure); oclif's own parse errors (unknown
 * flag, bad option value) are usage errors.
 */
export abstract class BaseCommand extends Command {
  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error;
    if (error.oclif?.exit !== undefined) {
      const code = error.oclif.exit === 0 ? 0 : EXIT.usage;
      const more = 'See more help with --help';
      if (code !== 0) this.logToStderr(`Error: ${error.message}${error.message.includes(more) ? '' : `\n${more}`}`);
      return this.exit(code);
    }
    const failure = describeFailure(error);
    for (const line of failure.lines) this.logToStderr(line);
    return this.exit(failure.exitCode);
  }

  /** Where a command action (cli/actions) writes, through oclif. */
  protected get io(): CommandIO {
    return { out: (line) => this.log(line), err: (line) => this.logToStderr(line), version: this.config.version };
  }

  /** Ends with the exit code an action returned (oclif exits 0 by itself). */
  protected finish(exitCode: number): void {
    if (exitCode !== EXIT.passed) this.exit(exitCode);
  }
}

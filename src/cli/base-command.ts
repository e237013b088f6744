import { Command, Errors } from '@oclif/core';
import { EXIT } from '../errors.js';
import type { CommandAction } from './command-io.js';
import { describeFailure } from './failure.js';
import { inertText } from '../printable.js';

/**
 * Maps errors to the exit codes of docs/architecture.md "Reports and exit codes" (describeFailure); oclif's own parse errors (unknown
 * flag, bad option value) are usage errors.
 */
export abstract class BaseCommand extends Command {
  /** Every line on standard error is inert (printable.ts inertLine): no message can be a workflow command or paint the terminal. */
  public override logToStderr(message = '', ...args: unknown[]): void {
    super.logToStderr(inertText(message), ...args);
  }

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

  /**
   * Runs a command action (cli/actions) on this command's parsed flags and arguments, writing through
   * oclif, and exits with its code (oclif exits 0 by itself).
   */
  protected async runAction(action: CommandAction['action']): Promise<void> {
    const { args, flags } = await this.parse();
    const exitCode = await action({ args, flags }, { out: (line) => this.log(line), err: (line) => this.logToStderr(line), version: this.config.version });
    if (exitCode !== EXIT.passed) this.exit(exitCode);
  }
}

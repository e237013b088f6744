import type { CommandSpec, ParsedArgv } from './flag-spec.js';

/** What a command action (cli/actions) needs from the CLI around it: oclif's command, or the fast start. */
export interface CommandIO {
  /** A line on standard output. */
  out(line: string): void;
  /** A line on standard error. */
  err(line: string): void;
  /** The package version. */
  version: string;
}

/** A module of cli/actions: the command's flags and arguments, and what it does with them (its exit code). */
export interface CommandAction {
  spec: CommandSpec;
  action(parsed: ParsedArgv, io: CommandIO): Promise<number>;
}

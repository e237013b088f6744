/** What a command action (cli/actions) needs from the CLI around it: oclif's command, or the fast start. */
export interface CommandIO {
  /** A line on standard output. */
  out(line: string): void;
  /** A line on standard error. */
  err(line: string): void;
  /** The package version. */
  version: string;
}

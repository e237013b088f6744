/** Exit codes of every command (docs/architecture.md "Reports and exit codes"). */
export const EXIT = {
  passed: 0,
  gateFailed: 1,
  usage: 2,
  environment: 3,
  internal: 4,
} as const;

/** A usage or configuration error: exit code 2; the message says what to change. */
export class ConfigError extends Error {
  readonly exitCode: number = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The environment cannot do what was asked (Docker unreachable, unwritable cache...): exit code 3. */
export class EnvironmentError extends Error {
  readonly exitCode: number = EXIT.environment;
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

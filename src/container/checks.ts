/** One line of `validate-environment`: what was checked, what was found, and what to do about it. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  value: string;
  /** What to do when the status is not ok. */
  hint?: string;
  durationMs: number;
}

export type Check = () => Promise<Omit<CheckResult, 'durationMs' | 'id' | 'title'>> | Omit<CheckResult, 'durationMs' | 'id' | 'title'>;

export interface NamedCheck {
  id: string;
  title: string;
  run: Check;
}

/** Runs every check in order; a check that throws is a failure with its message, never a crash. */
/**
 * Runs the checks concurrently (they are independent: while one waits for a module or a wasm
 * compilation, another runs), and returns their results in the given order. A check's
 * `durationMs` is from the start of all checks to its own end.
 */
export async function runChecks(checks: readonly NamedCheck[]): Promise<CheckResult[]> {
  return Promise.all(checks.map(runCheck));
}

async function runCheck(check: NamedCheck): Promise<CheckResult> {
  const started = performance.now();
  let outcome: Awaited<ReturnType<Check>>;
  try {
    outcome = await check.run();
  } catch (error) {
    outcome = { status: 'fail', value: error instanceof Error ? error.message : String(error), hint: 'unexpected error while checking; run with DEBUG=1 and report it' };
  }
  return { id: check.id, title: check.title, ...outcome, durationMs: Math.round(performance.now() - started) };
}

export function overallStatus(results: readonly CheckResult[], strict: boolean): 'passed' | 'failed' {
  const failing = results.filter((r) => r.status === 'fail' || (strict && r.status === 'warn'));
  return failing.length === 0 ? 'passed' : 'failed';
}

/** An `npm doctor`-like table. */
export function renderChecks(results: readonly CheckResult[]): string {
  const rows = results.map((r) => [r.title, r.status === 'ok' ? 'ok' : r.status === 'warn' ? 'warning' : 'FAILED', r.value, r.status === 'ok' ? '' : (r.hint ?? '')]);
  const header = ['Check', 'Status', 'Value', 'Recommendation'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

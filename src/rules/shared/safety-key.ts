/**
 * The key (the fingerprint before it is sealed with the rule and the file: engine/run-rules.ts) of
 * a safety finding: what is called, the function it is in (enclosing.ts) and, for a call, what it
 * runs, loads or evaluates (CallFact.argument). A baseline entry then accepts this construct only,
 * never a second call of the same function elsewhere in the file or with other data.
 */
export function safetyKey(what: string, scope: string, argument?: string): string {
  return argument === undefined ? `${what}\u0000${scope}` : `${what}\u0000${scope}\u0000${argument}`;
}

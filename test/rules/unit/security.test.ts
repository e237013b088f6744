import { describe, expect, it } from 'vitest';
import type { CallFact } from '../../../src/facts/types.js';
import { parseError } from '../../../src/rules/parse/parse-error.js';
import { secDeserialize } from '../../../src/rules/security/sec-deserialize.js';
import { secSecret } from '../../../src/rules/security/sec-secret.js';
import { secShell } from '../../../src/rules/security/sec-shell.js';
import { PRESETS } from '../../../src/rules/types.js';
import { check, lines, makeFacts } from '../helpers.js';

const calls: CallFact[] = [
  { kind: 'shell', callee: 'child_process.exec', line: 1, column: 1, detail: 'template literal' },
  { kind: 'deserialize', callee: 'pickle.loads', line: 2, column: 1 },
  { kind: 'shell', callee: 'os.system', line: 3, column: 1 },
  { kind: 'timing', callee: 'setTimeout', line: 4, column: 1 },
];

describe('security rules', () => {
  it('SEC_SHELL reports shell calls', () => {
    const reports = check(secShell, makeFacts({ calls }));
    expect(lines(reports)).toEqual([1, 3]);
    expect(reports[0]!.data).toEqual({ callee: 'child_process.exec', detail: ' (template literal)' });
  });

  it('SEC_DESERIALIZE reports unsafe deserialisation', () => {
    expect(lines(check(secDeserialize, makeFacts({ calls })))).toEqual([2]);
  });

  it('SEC_SECRET reports secrets by kind, never with the value', () => {
    const facts = makeFacts({
      secrets: [
        { kind: 'private-key', name: 'private key block', line: 1, column: 1 },
        { kind: 'cloud-key', name: 'AWS access key id', line: 2, column: 1 },
        { kind: 'credential-assignment', name: 'password', line: 3, column: 1 },
      ],
    });
    expect(check(secSecret, facts).map((r) => r.messageId)).toEqual(['private-key', 'cloud-key', 'credential-assignment']);
  });

  it('are critical and on in every preset', () => {
    for (const rule of [secShell, secDeserialize, secSecret]) {
      expect(rule.meta.defaultSeverity).toBe('critical');
      for (const preset of PRESETS) expect(rule.meta.presets[preset].enabled).toBe(true);
    }
  });
});

describe('PARSE_ERROR', () => {
  it('reports the parse error position and message', () => {
    const reports = check(parseError, makeFacts({ parseError: { line: 3, column: 7, message: 'Unexpected token' } }));
    expect(reports).toEqual([{ messageId: 'parse', data: { message: 'Unexpected token' }, line: 3, column: 7, key: 'parse-error' }]);
    expect(check(parseError, makeFacts())).toEqual([]);
  });

  it('is high severity and on in every preset', () => {
    expect(parseError.meta.defaultSeverity).toBe('high');
    for (const preset of PRESETS) expect(parseError.meta.presets[preset].enabled).toBe(true);
  });
});

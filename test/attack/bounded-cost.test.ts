/**
 * Bounded cost (issue 30): each hostile input of the attack corpus (bench/attack-inputs.js), at its
 * largest size, runs through the real CLI to completion with the right exit code and output. Time and
 * memory at three sizes are measured by `npm run bench` (bench/attack.js), not here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_INPUTS } from '../../bench/attack-inputs.js';
import { runCli } from '../helpers/cli.js';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

interface Report {
  files: Array<{ path: string }>;
  findings: Array<{ ruleId: string; message: string; related?: unknown[] }>;
}

describe('hostile inputs at their largest size', () => {
  it.each(HOSTILE_INPUTS.map((input) => [input.name, input] as const))('%s: completes', (_name, input) => {
    const root = mkdtempSync(join(tmpdir(), 'connascence-attack-'));
    try {
      const n = input.sizes[2];
      input.write(root, n);
      const result = runCli(input.args(root));
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.code, result.stderr.slice(0, 300)).toBe(input.exit);
      if (input.exit === 2) {
        expect(result.stderr).toContain('JSON nested deeper than 128 levels');
        return;
      }
      const report = JSON.parse(result.stdout) as Report;
      if (input.name.includes('CON_ALGORITHM')) {
        const clones = report.findings.filter((f) => f.ruleId === 'CON_ALGORITHM');
        expect(clones).toHaveLength(n);
        // related locations capped, the total kept in the message: linear in the copies
        expect(clones.every((f) => (f.related?.length ?? 0) === 10)).toBe(true);
        expect(clones[0]!.message).toContain(`${n} copies in total`);
      } else {
        expect(report.files).toHaveLength(1);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

#!/usr/bin/env node
// `npm run bench` (bounded cost, issue 30): every input of the attack corpus (bench/attack-inputs.js)
// at three sizes, each run by the real CLI as a child process; wall time and peak RSS (GNU time
// `%M` when installed, else VmHWM polled from /proc). PASS when 4x the input takes under 6x the
// time (linear, with room for noise and the fixed start-up) and under 4x the memory; FAIL otherwise.
// Exit 1 with --strict when any input FAILs or ends with another exit code than expected.
//
// Usage: node bench/attack.js [--strict] [--only SUBSTRING]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_INPUTS } from './attack-inputs.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'run.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const strict = process.argv.includes('--strict');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function run(args) {
  const command = TIME ? TIME : process.execPath;
  const argv = TIME ? ['-f', '%M', process.execPath, CLI, ...args] : [CLI, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' }, timeout: 900_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const lines = (result.stderr ?? '').trim().split('\n');
  const rssKb = TIME ? Number(lines[lines.length - 1]) : NaN;
  return { seconds, rssMb: rssKb / 1024, code: result.status ?? -1 };
}

let failed = false;
console.log('input | size | time s | peak RSS MB | exit');
for (const input of HOSTILE_INPUTS) {
  if (only && !input.name.includes(only)) continue;
  const rows = input.sizes.map((n) => {
    const root = mkdtempSync(join(os.tmpdir(), 'connascence-attack-'));
    try {
      input.write(root, n);
      const measured = run(input.args(root));
      console.log(`${input.name} | ${n} | ${measured.seconds.toFixed(2)} | ${measured.rssMb.toFixed(0)} | ${measured.code}`);
      return { n, ...measured };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  const timeRatio = rows[2].seconds / rows[0].seconds;
  const memoryRatio = rows[2].rssMb / rows[0].rssMb;
  const exits = rows.every((r) => r.code === input.exit);
  const pass = exits && timeRatio < 6 && !(memoryRatio >= 4);
  if (!pass) failed = true;
  console.log(`${pass ? 'PASS' : 'FAIL'} ${input.name}: 4x input -> ${timeRatio.toFixed(2)}x time, ${memoryRatio.toFixed(2)}x memory${exits ? '' : `, exit codes ${rows.map((r) => r.code).join('/')} (expected ${input.exit})`}`);
}
process.exit(strict && failed ? 1 : 0);

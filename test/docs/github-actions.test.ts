/**
 * docs/ci/github-actions.yml: the example workflow is parsed, checked for what a sharded gate needs
 * (a container job on the analysis-runtime image, the shard matrix from `ci matrix`, one artifact
 * per shard, a merge job that downloads them all, one SARIF upload with one category), and its
 * commands are run for real on a tree, job after job, as the runner would run them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, fixtureCopies, makeTree, PROJECT_ROOT } from '../helpers/cli.js';

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  id?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  container?: { image: string };
  strategy?: { matrix: unknown; 'fail-fast'?: boolean };
  outputs?: Record<string, string>;
  steps: Step[];
}

const workflow = parse(readFileSync(join(PROJECT_ROOT, 'docs/ci/github-actions.yml'), 'utf8')) as { jobs: Record<string, Job> };
const { plan, shard, merge } = workflow.jobs as { plan: Job; shard: Job; merge: Job };

/** Runs a step's shell command with `connascence` on PATH, as the container's would be. */
function runStep(command: string, cwd: string, env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const bin = mkdtempSync(join(tmpdir(), 'connascence-bin-'));
  writeFileSync(join(bin, 'connascence'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'connascence'), 0o755);
  const result = spawnSync('bash', ['-e', '-c', command], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env, PATH: `${bin}:${process.env.PATH}` } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('docs/ci/github-actions.yml', () => {
  it('has the jobs a sharded gate needs', () => {
    for (const job of [plan, shard, merge]) expect(job.container?.image).toMatch(/analysis-runtime/);
    expect(plan.steps.some((s) => s.run?.includes('connascence ci matrix'))).toBe(true);
    expect(plan.outputs?.matrix).toBe('${{ steps.plan.outputs.matrix }}');
    expect(shard.needs).toBe('plan');
    expect(shard.strategy?.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    const upload = shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(String(upload.with?.name)).toContain('${{ strategy.job-index }}');
    expect(merge.needs).toBe('shard');
    const download = merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ pattern: 'connascence-partial-*', 'merge-multiple': true });
    const sarif = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(sarif).toHaveLength(1);
    expect(typeof sarif[0]!.with?.category).toBe('string');
  });

  it('keeps the facts cache outside the checkout and seals the partials with the CI secret (README "Trust model")', () => {
    const cache = shard.steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    expect(cache.with?.path).toBe('${{ runner.temp }}/connascence-cache');
    const analyze = shard.steps.find((s) => s.run?.includes('connascence analyze'))!;
    expect(analyze.run).toContain('--cache-dir "$RUNNER_TEMP/connascence-cache"');
    expect(shard.steps.indexOf(cache)).toBeLessThan(shard.steps.indexOf(analyze));
    const mergeStep = merge.steps.find((s) => s.run?.includes('connascence merge'))!;
    for (const step of [analyze, mergeStep]) expect(step.env?.CONNASCENCE_PARTIAL_KEY).toBe('${{ secrets.CONNASCENCE_PARTIAL_KEY }}');
    // Every command that uses a cache names it: nothing is cached inside the checkout.
    for (const step of Object.values(workflow.jobs).flatMap((job) => job.steps)) {
      if (step.run && /connascence (analyze|warmup-cache)/.test(step.run)) expect(step.run).toMatch(/--cache-dir|--no-cache/);
    }
  });

  it('runs as written: plan, every shard, merge into one SARIF run and the step summary', () => {
    const root = makeTree(fixtureCopies(3));
    const runs = (job: Job): string[] => job.steps.flatMap((s) => (s.run ? [s.run] : []));
    // The runner's temp folder, and the repository secret that seals the partials.
    const runnerTemp = mkdtempSync(join(tmpdir(), 'connascence-runner-temp-'));
    const secret = 'a-random-secret-of-the-repository';
    const stepEnv = (job: Job, command: string): Record<string, string> => {
      const env = job.steps.find((s) => s.run === command)?.env ?? {};
      return { RUNNER_TEMP: runnerTemp, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('${{ secrets.CONNASCENCE_PARTIAL_KEY }}', secret)])) };
    };
    // Plan: as written (auto), and with three shards so that the merge has several partials.
    const output = join(mkdtempSync(join(tmpdir(), 'connascence-gh-')), 'output');
    for (const command of runs(plan)) expect(runStep(command, root, { GITHUB_OUTPUT: output }).code).toBe(0);
    expect(readFileSync(output, 'utf8')).toMatch(/^matrix=\{"shard":\["1\/\d+"/);
    writeFileSync(output, '');
    for (const command of runs(plan)) expect(runStep(command.replace('--shards auto', '--shards 3'), root, { GITHUB_OUTPUT: output }).code).toBe(0);
    const matrix = JSON.parse(readFileSync(output, 'utf8').trim().replace(/^matrix=/, '')) as { shard: string[] };
    expect(matrix.shard).toEqual(['1/3', '2/3', '3/3']);
    // Shards: each in its own checkout, its partial "uploaded" to one folder (download-artifact merge-multiple).
    const downloaded = join(root, 'partials');
    mkdirSync(downloaded);
    matrix.shard.forEach((value, index) => {
      const checkout = makeTree(fixtureCopies(3));
      for (const command of runs(shard)) {
        const result = runStep(command.replaceAll('${{ matrix.shard }}', value).replaceAll('${{ strategy.job-index }}', String(index)), checkout, stepEnv(shard, command));
        expect(result.code, result.stderr).toBe(0);
      }
      expect(existsSync(join(checkout, '.connascence')), 'no cache inside the checkout').toBe(false);
      for (const name of readdirSync(checkout).filter((n) => n.endsWith('.partial'))) copyFileSync(join(checkout, name), join(downloaded, name));
    });
    expect(readdirSync(downloaded)).toHaveLength(3);
    // The facts cache was filled outside the checkouts, and the partials are sealed with the secret.
    expect(readdirSync(join(runnerTemp, 'connascence-cache')).some((name) => name.startsWith('facts-v'))).toBe(true);
    for (const name of readdirSync(downloaded)) expect(readFileSync(join(downloaded, name), 'utf8')).toContain('"trailer":{"hmac-sha256":');
    const summary = join(mkdtempSync(join(tmpdir(), 'connascence-gh-')), 'summary.md');
    writeFileSync(summary, '');
    for (const command of runs(merge)) {
      const result = runStep(command, root, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, ...stepEnv(merge, command) });
      expect([0, 1], result.stderr).toContain(result.code);
      expect(result.stdout).toMatch(/^Gate: /m);
    }
    const log = JSON.parse(readFileSync(join(root, 'results.sarif'), 'utf8')) as { runs: unknown[] };
    expect(log.runs).toHaveLength(1);
    expect(readFileSync(summary, 'utf8')).toContain('## connascence report');
  });
});

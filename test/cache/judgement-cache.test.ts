import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStore } from '../../src/cache/disk-store.js';
import { JUDGEMENT_FORMAT, JUDGEMENTS_DIR, JudgementCache, policyKey, runKey, slotOf, type Judgement, type RunKeyInput } from '../../src/cache/judgement-cache.js';
import { defaultPolicy } from '../../src/policy/presets.js';
import { tempDir } from './helpers.js';

const input = (): RunKeyInput => ({
  toolVersion: '1.0.0',
  policy: defaultPolicy('standard'),
  maxFileSize: 1024,
  files: [
    { path: 'src/a.ts', key: 'a'.repeat(64) },
    { path: 'src/b.ts', key: 'b'.repeat(64) },
  ],
  skipped: [{ path: 'big.js', reason: 'too-large', detail: '2 MiB' }],
});

const judgement: Judgement = {
  findings: [
    { ruleId: 'COMPLEXITY', severity: 'medium', file: 'src/a.ts', line: 3, column: 1, message: 'm', fingerprint: '0123456789abcdef' },
    {
      ruleId: 'DUPLICATION', severity: 'low', file: 'src/a.ts', line: 5, column: 2, endLine: 9, endColumn: 4, message: 'clone', fingerprint: 'fedcba9876543210',
      related: [{ file: 'src/b.ts', line: 1, endLine: 5, message: 'original' }],
    },
  ],
  files: [{ path: 'src/a.ts', language: 'typescript', lines: 10, codeLines: 8, functions: 1, parseError: false }],
  skipped: [],
  summary: {
    files: 1,
    lines: 10,
    codeLines: 8,
    functions: 1,
    bySeverity: { critical: 0, high: 0, medium: 1, low: 0 },
    byRule: { COMPLEXITY: 1 },
    skipped: 0,
    parseErrors: 0,
    scores: { nasaCompliance: 100, duplication: 100, connascenceIndex: 1, overall: 90 },
  },
  enabledRules: ['COMPLEXITY'],
};

describe('judgement cache keys', () => {
  it('does not depend on the order of the files', () => {
    const base = input();
    expect(runKey({ ...base, files: [...base.files].reverse() })).toBe(runKey(base));
  });

  it('changes with every input the findings depend on', () => {
    const base = runKey(input());
    const strict = defaultPolicy('standard');
    strict.rules.get('COMPLEXITY')!.options.threshold = 3;
    const variants: RunKeyInput[] = [
      { ...input(), toolVersion: '1.0.1' },
      { ...input(), policy: defaultPolicy('strict') },
      { ...input(), policy: strict },
      { ...input(), maxFileSize: 2048 },
      { ...input(), files: [{ path: 'src/a.ts', key: 'c'.repeat(64) }, input().files[1]!] },
      { ...input(), files: [{ path: 'src/moved.ts', key: 'a'.repeat(64) }, input().files[1]!] },
      { ...input(), files: input().files.slice(1) },
      { ...input(), skipped: [] },
    ];
    const keys = variants.map(runKey);
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives one slot per root and policy', () => {
    const policy = defaultPolicy('standard');
    expect(slotOf('/a', policy)).toBe(slotOf('/a', defaultPolicy('standard')));
    expect(slotOf('/b', policy)).not.toBe(slotOf('/a', policy));
    expect(slotOf('/a', defaultPolicy('strict'))).not.toBe(slotOf('/a', policy));
    expect(policyKey(policy)).toContain('COMPLEXITY');
  });
});

describe('JudgementCache', () => {
  it('returns the stored judgement only for the same run key, and keeps one entry per slot', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'd'.repeat(64);
    expect(cache.read(slot, 'k1')).toEqual({ status: 'miss' });
    expect(cache.write(slot, 'k1', judgement)).toBeUndefined();
    expect(cache.read(slot, 'k1')).toEqual({ status: 'hit', judgement });
    expect(cache.read(slot, 'k2')).toEqual({ status: 'miss' });
    expect(cache.write(slot, 'k2', judgement)).toBeUndefined();
    expect(new JudgementCache(dir).read(slot, 'k2')).toEqual({ status: 'hit', judgement });
    expect(readdirSync(join(dir, JUDGEMENTS_DIR)).filter((name) => !name.startsWith('.'))).toEqual([slot]);
  });

  it('reports a damaged entry as corrupt', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'e'.repeat(64);
    cache.write(slot, 'k1', judgement);
    writeFileSync(join(dir, JUDGEMENTS_DIR, slot), 'garbage');
    expect(cache.read(slot, 'k1').status).toBe('corrupt');
    // A well-formed entry (valid checksum) whose findings are not the stored tuples.
    new DiskStore({ dir: join(dir, JUDGEMENTS_DIR), pathOf: (d, k) => join(d, k) }).write(slot, JSON.stringify({ format: JUDGEMENT_FORMAT, runKey: 'k1', judgement: { ...judgement, findings: [{ ruleId: 'X' }] } }));
    expect(cache.read(slot, 'k1').status).toBe('corrupt');
  });

  it('treats an entry of another format (an older version of connascence) as a miss, not as corrupt', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'f'.repeat(64);
    new DiskStore({ dir: join(dir, JUDGEMENTS_DIR), pathOf: (d, k) => join(d, k) }).write(slot, JSON.stringify({ runKey: 'k1', judgement }));
    expect(cache.read(slot, 'k1')).toEqual({ status: 'miss' });
    cache.write(slot, 'k1', judgement);
    expect(cache.read(slot, 'k1')).toEqual({ status: 'hit', judgement });
  });
});

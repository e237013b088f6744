import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskStore } from '../../src/cache/disk-store.js';
import { JUDGEMENT_FORMAT, JUDGEMENTS_DIR, JudgementCache, policyKey, runKey, slotOf, type Judgement, type JudgementLookup, type RunKeyInput } from '../../src/cache/judgement-cache.js';
import { byFile } from '../../src/model/file-findings.js';
import { FINDING_INDENT, findingLines } from '../../src/model/finding-lines.js';
import type { Finding } from '../../src/rules/types.js';
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

const findings: Finding[] = [
  { ruleId: 'COMPLEXITY', severity: 'medium', file: 'src/a.ts', line: 3, column: 1, message: 'm', fingerprint: '0123456789abcdef' },
  {
    ruleId: 'DUPLICATION', severity: 'low', file: 'src/a.ts', line: 5, column: 2, endLine: 9, endColumn: 4, message: 'clone "x"\n', fingerprint: 'fedcba9876543210',
    related: [{ file: 'src/b.ts', line: 1, endLine: 5, message: 'original' }],
  },
  { ruleId: 'NASA_6_SCOPE', severity: 'high', file: 'src/b.ts', line: 2, column: 1, message: 'é ü 𝄞', fingerprint: '1111111111111111' },
];

const judgement: Judgement = {
  byFile: byFile(findings),
  files: [
    { path: 'src/a.ts', language: 'typescript', lines: 10, codeLines: 8, functions: 1, parseError: false, test: false, generated: false },
    { path: 'src/b.ts', language: 'typescript', lines: 4, codeLines: 4, functions: 0, parseError: false, test: false, generated: false },
  ],
  skipped: [],
  summary: {
    files: 2,
    lines: 14,
    codeLines: 12,
    functions: 1,
    bySeverity: { critical: 0, high: 1, medium: 1, low: 1 },
    byRule: { COMPLEXITY: 1, DUPLICATION: 1, NASA_6_SCOPE: 1 },
    skipped: 0,
    parseErrors: 0,
    tests: 0,
    generated: 0,
    scores: { nasaCompliance: 100, duplication: 100, connascenceIndex: 1, overall: 90 },
  },
  enabledRules: ['COMPLEXITY'],
};

/** A judgement as plain data: its findings per file, parsed from whatever form they are held in. */
function plain(lookup: JudgementLookup): unknown {
  if (lookup.status !== 'hit') return lookup;
  const { byFile: groups, ...rest } = lookup.judgement;
  return { status: 'hit', judgement: { ...rest, byFile: groups.map((group) => ({ path: group.path, tally: group.tally, findings: group.findings, json: group.json })) } };
}

const expected = plain({ status: 'hit', judgement });

const basis = { settings: 's1', files: [{ path: 'src/a.ts', key: 'a'.repeat(64), spans: [1, 3, 3] }, { path: 'src/b.ts', key: 'b'.repeat(64), spans: [] }] };

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
    expect(cache.writeBase(slot, 'k1', judgement, basis)).toBeUndefined();
    expect(plain(cache.read(slot, 'k1'))).toEqual(expected);
    expect(cache.read(slot, 'k2')).toEqual({ status: 'miss' });
    expect(cache.writeBase(slot, 'k2', judgement, basis)).toBeUndefined();
    expect(plain(new JudgementCache(dir).read(slot, 'k2'))).toEqual(expected);
    expect(readdirSync(join(dir, JUDGEMENTS_DIR)).filter((name) => !name.startsWith('.'))).toEqual([slot]);
  });

  it('reports a damaged entry as corrupt', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'e'.repeat(64);
    cache.writeBase(slot, 'k1', judgement, basis);
    writeFileSync(join(dir, JUDGEMENTS_DIR, slot), 'garbage');
    expect(cache.read(slot, 'k1').status).toBe('corrupt');
    // Well-formed entries (valid checksum) whose findings do not add up: lengths past the end, a bad tally.
    const { byFile: groups, ...rest } = judgement;
    const store = new DiskStore({ dir: join(dir, JUDGEMENTS_DIR), pathOf: (d, k) => join(d, k) });
    store.write(slot, `${JSON.stringify({ format: JUDGEMENT_FORMAT, runKey: 'k1', judgement: rest, groups: [['src/a.ts', 999, groups[0]!.tally]] })}\n{}`);
    expect(cache.read(slot, 'k1').status).toBe('corrupt');
    store.write(slot, `${JSON.stringify({ format: JUDGEMENT_FORMAT, runKey: 'k1', judgement: rest, groups: [['src/a.ts', 2, { bySeverity: 1 }]] })}\n{}`);
    expect(cache.read(slot, 'k1').status).toBe('corrupt');
  });

  it('treats an entry of another format (an older version of connascence) as a miss, not as corrupt', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'f'.repeat(64);
    new DiskStore({ dir: join(dir, JUDGEMENTS_DIR), pathOf: (d, k) => join(d, k) }).write(slot, JSON.stringify({ runKey: 'k1', judgement }));
    expect(cache.read(slot, 'k1')).toEqual({ status: 'miss' });
    new DiskStore({ dir: join(dir, JUDGEMENTS_DIR), pathOf: (d, k) => join(d, k) }).write(slot, JSON.stringify({ format: 3, runKey: 'k1', judgement: { findings: [] } }));
    expect(cache.read(slot, 'k1')).toEqual({ status: 'miss' });
    expect(cache.previous(slot)).toBeUndefined();
    cache.writeBase(slot, 'k1', judgement, basis);
    expect(plain(cache.read(slot, 'k1'))).toEqual(expected);
  });

  it('treats an intact entry written by another release (other extractor version) as a quiet miss: no corruption to warn about', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = '9'.repeat(64);
    cache.writeBase(slot, 'k1', judgement, basis);
    const file = join(dir, JUDGEMENTS_DIR, slot);
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    const fields = bytes.subarray(0, newline).toString('utf8').split(' ');
    fields[2] = 'older';
    writeFileSync(file, Buffer.concat([Buffer.from(fields.join(' ')), bytes.subarray(newline)]));
    const fresh = new JudgementCache(dir);
    expect(fresh.read(slot, 'k1')).toEqual({ status: 'miss' });
    expect(fresh.previous(slot)).toBeUndefined();
    expect(fresh.corruption).toBeUndefined();
  });

  it("keeps each file's findings as the JSON report lines, parsed back to the same findings", () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'a'.repeat(64);
    cache.writeBase(slot, 'k1', judgement, basis);
    const lookup = cache.read(slot, 'k1');
    expect(lookup.status).toBe('hit');
    const groups = lookup.status === 'hit' ? lookup.judgement.byFile : [];
    expect(groups.map((g) => g.path)).toEqual(['src/a.ts', 'src/b.ts']);
    expect(groups.map((g) => g.json)).toEqual(judgement.byFile.map((g) => findingLines(g.findings, FINDING_INDENT)));
    expect(groups.flatMap((g) => g.findings)).toEqual(findings);
  });

  it('gives the last run of a slot, whatever its run key, with its basis and settings', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'b'.repeat(64);
    expect(cache.previous(slot)).toBeUndefined();
    cache.writeBase(slot, 'k1', judgement, basis);
    expect(new JudgementCache(dir).read(slot, 'k2')).toEqual({ status: 'miss' });
    const previous = new JudgementCache(dir).previous(slot)!;
    expect(previous).toMatchObject({ runKey: 'k1', settings: 's1', basis: { files: basis.files }, base: { runKey: 'k1' } });
    expect(previous.judgement.byFile.flatMap((g) => g.findings)).toEqual(findings);
    expect([...previous.base.groups]).toEqual(previous.judgement.byFile);
  });

  it('keeps the rule states of a base, for that run only', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = 'c'.repeat(64);
    const states = new Map([['DUPLICATION', Uint8Array.of(1, 2, 3, 4)], ['OTHER', new Uint8Array(0)]]);
    expect(cache.writeBase(slot, 'k1', judgement, basis, states)).toBeUndefined();
    const previous = new JudgementCache(dir).previous(slot)!;
    expect(cache.readStates(slot, previous)).toEqual(new Map([...states].map(([id, base]) => [id, { base }])));
    expect(cache.readStates(slot, { ...previous, base: { ...previous.base, runKey: 'k2' } })).toBeUndefined();
    writeFileSync(join(dir, 'states-v1', slot), 'garbage');
    expect(cache.readStates(slot, previous)).toBeUndefined();
    expect(cache.writeBase(slot, 'k1', judgement, basis)).toBeUndefined();
    expect(readdirSync(join(dir, 'states-v1')).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it('stores a run as a patch over the last base: its own groups, the dropped ones, and the rules\' patches', () => {
    const dir = tempDir();
    const cache = new JudgementCache(dir);
    const slot = '9'.repeat(64);
    cache.writeBase(slot, 'k1', judgement, basis, new Map([['DUPLICATION', Uint8Array.of(1, 2, 3, 4)]]));
    const previous = new JudgementCache(dir).previous(slot)!;
    // src/a.ts keeps its stored group; src/b.ts has none any more; src/c.ts is new.
    const newer: Finding = { ruleId: 'COMPLEXITY', severity: 'low', file: 'src/c.ts', line: 1, column: 1, message: 'c', fingerprint: '2222222222222222' };
    const next: Judgement = { ...judgement, byFile: [previous.judgement.byFile[0]!, ...byFile([newer])] };
    const nextBasis = { ...basis, files: [...basis.files, { path: 'src/c.ts', key: 'c'.repeat(64), spans: [] }] };
    expect(cache.writePatch(slot, 'k2', previous, next, nextBasis, new Map([['DUPLICATION', Uint8Array.of(9)]]))).toBeUndefined();
    // The base is not rewritten: only the patch.
    expect(readdirSync(join(dir, 'patches-v1')).filter((name) => !name.startsWith('.'))).toEqual([slot]);
    const again = new JudgementCache(dir);
    expect(plain(again.read(slot, 'k1'))).toEqual(expected);
    const hit = again.read(slot, 'k2');
    expect(hit.status === 'hit' && hit.judgement.byFile.flatMap((g) => g.findings)).toEqual([findings[0], findings[1], newer]);
    const last = new JudgementCache(dir).previous(slot)!;
    expect(last).toMatchObject({ runKey: 'k2', base: { runKey: 'k1' }, basis: { files: nextBasis.files } });
    expect(last.judgement.byFile.map((g) => [g.path, last.base.groups.has(g)])).toEqual([['src/a.ts', true], ['src/c.ts', false]]);
    expect(cache.readStates(slot, last)).toEqual(new Map([['DUPLICATION', { base: Uint8Array.of(1, 2, 3, 4), patch: Uint8Array.of(9) }]]));
    // A new base drops the patch.
    cache.writeBase(slot, 'k3', judgement, basis);
    expect(readdirSync(join(dir, 'patches-v1')).filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(new JudgementCache(dir).read(slot, 'k2')).toEqual({ status: 'miss' });
  });
});

/**
 * The judgement cache: the outcome of the rules (findings, per-file summaries, summary) of the last
 * run, stored next to the facts cache. Facts are cached per file and never depend on the policy;
 * judgements depend on everything, so an entry is only reused when the run key matches exactly:
 * tool version, extractor and facts versions, the resolved policy, the size limit, and the
 * (path, facts key) of every file with the skipped files. One entry per analysed root and policy
 * (a slot), overwritten by each run, so the store never grows with the history of a project.
 *
 *   <cache dir>/judgements-v1/<slot>      slot = sha256(root, policy key)
 *
 * Entries use the checksummed, atomically written format of the facts entries (entry-format.ts):
 * a corrupt or foreign entry is a miss, counted, and rewritten by the run.
 */
import { createHash } from 'node:crypto';
import type { AnalysisResult } from '../engine/types.js';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import type { Finding } from '../rules/types.js';
import { recordStore, type DiskStore } from './disk-store.js';
import { JUDGEMENTS_DIR, recordSlot } from './layout.js';
import { EXTRACTOR_VERSION } from './key.js';

export { JUDGEMENTS_DIR } from './layout.js';

/** What a judgement entry holds: everything of an AnalysisResult that the rules decided. */
export type Judgement = Pick<AnalysisResult, 'findings' | 'files' | 'skipped' | 'summary' | 'enabledRules'>;

/**
 * A finding as stored: a tuple instead of an object (10^5 findings write and parse much faster
 * without their repeated keys). Optional fields are null when absent.
 */
type StoredFinding = [
  ruleId: string,
  severity: Finding['severity'],
  file: string,
  line: number,
  column: number,
  endLine: number | null,
  endColumn: number | null,
  message: string,
  fingerprint: string,
  related: Finding['related'] | null,
];

/** Layout of a stored judgement; an entry of another format is a miss (and is overwritten). */
export const JUDGEMENT_FORMAT = 2;

interface StoredJudgement {
  format: number;
  runKey: string;
  judgement: Omit<Judgement, 'findings'> & { findings: StoredFinding[] };
}

function storeFinding(f: Finding): StoredFinding {
  return [f.ruleId, f.severity, f.file, f.line, f.column, f.endLine ?? null, f.endColumn ?? null, f.message, f.fingerprint, f.related ?? null];
}

/** The finding of a stored tuple, with the keys in the order the engine creates them; undefined when malformed. */
function loadFinding(row: unknown): Finding | undefined {
  if (!Array.isArray(row) || row.length !== STORED_FINDING_LENGTH) return undefined;
  const [ruleId, severity, file, line, column, endLine, endColumn, message, fingerprint, related] = row as StoredFinding;
  if (typeof ruleId !== 'string' || typeof file !== 'string' || typeof line !== 'number' || typeof message !== 'string') return undefined;
  const finding: Finding = { ruleId, severity, file, line, column, message, fingerprint };
  if (endLine !== null) finding.endLine = endLine;
  if (endColumn !== null) finding.endColumn = endColumn;
  if (related !== null) finding.related = related;
  return finding;
}

const STORED_FINDING_LENGTH = 10;

export type JudgementLookup = { status: 'hit'; judgement: Judgement } | { status: 'miss' } | { status: 'corrupt'; reason: string };

/** Stable text of a resolved policy: rules by id with their setting, then the file filters. */
export function policyKey(policy: ResolvedPolicy): string {
  const rules = [...policy.rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => [r.id, r.enabled, r.severity, sortedOptions(r.options)]);
  return JSON.stringify({ preset: policy.preset, rules, include: policy.include, exclude: policy.exclude, includeTests: policy.includeTests });
}

function sortedOptions(options: Record<string, unknown>): Array<[string, unknown]> {
  return Object.keys(options)
    .sort()
    .map((key) => [key, options[key]]);
}

export interface RunKeyInput {
  toolVersion: string;
  policy: ResolvedPolicy;
  maxFileSize: number;
  /** Every analysed file (relative path) with its facts key. */
  files: ReadonlyArray<{ path: string; key: string }>;
  /** Files found but not analysed, with the reason. */
  skipped: ReadonlyArray<{ path: string; reason: string; detail: string }>;
}

/** sha256 of everything the judgements of a run depend on (NUL-separated; paths sorted). */
export function runKey(input: RunKeyInput): string {
  const hash = createHash('sha256');
  hash.update(['connascence-judgement', input.toolVersion, EXTRACTOR_VERSION, String(FACTS_SCHEMA_VERSION), policyKey(input.policy), String(input.maxFileSize)].join('\0'));
  const byPath = <T extends { path: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of byPath(input.files)) hash.update(`\0f\0${file.path}\0${file.key}`);
  for (const skipped of byPath(input.skipped)) hash.update(`\0s\0${skipped.path}\0${skipped.reason}\0${skipped.detail}`);
  return hash.digest('hex');
}

export function slotOf(root: string, policy: ResolvedPolicy): string {
  return recordSlot(root, policyKey(policy));
}

export class JudgementCache {
  private readonly store: DiskStore;

  constructor(cacheDir: string) {
    this.store = recordStore(cacheDir, JUDGEMENTS_DIR);
  }

  read(slot: string, key: string): JudgementLookup {
    const result = this.store.read(slot);
    if (result.status !== 'hit') return result;
    // An intact entry of another run (the usual miss: some file changed) is told by its first bytes,
    // without parsing megabytes of findings: `write` puts the format and the run key first.
    if (!result.payload.startsWith(storedPrefix(key)) && result.payload.startsWith('{"format":')) return { status: 'miss' };
    const stored = parseStored(result.payload);
    if (!stored) return { status: 'corrupt', reason: 'not a judgement entry' };
    if (stored.format !== JUDGEMENT_FORMAT || stored.runKey !== key) return { status: 'miss' };
    const findings: Finding[] = [];
    for (const row of stored.judgement.findings) {
      const finding = loadFinding(row);
      if (!finding) return { status: 'corrupt', reason: 'malformed finding' };
      findings.push(finding);
    }
    return { status: 'hit', judgement: { ...stored.judgement, findings } };
  }

  /** Best effort, like facts writes: an error is returned for a warning, never thrown. */
  write(slot: string, key: string, judgement: Judgement): string | undefined {
    const stored: StoredJudgement = { format: JUDGEMENT_FORMAT, runKey: key, judgement: { ...judgement, findings: judgement.findings.map(storeFinding) } };
    const written = this.store.write(slot, JSON.stringify(stored));
    return written.ok ? undefined : written.error;
  }
}

/** How `write`'s JSON starts for an entry of this format and run key. */
function storedPrefix(key: string): string {
  return `{"format":${JUDGEMENT_FORMAT},"runKey":${JSON.stringify(key)},`;
}

function parseStored(payload: string): StoredJudgement | undefined {
  try {
    const value = JSON.parse(payload) as Partial<StoredJudgement> | null;
    const judgement = value?.judgement;
    if (typeof value?.runKey !== 'string' || !judgement || !Array.isArray(judgement.findings) || !Array.isArray(judgement.files) || !judgement.summary) return undefined;
    return value as StoredJudgement;
  } catch {
    return undefined;
  }
}

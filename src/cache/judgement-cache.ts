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
 * An entry also holds the basis of an incremental run (engine/incremental.ts): each file's facts key
 * and function spans. Next to it, the states the incremental project rules left (ProjectRule.incremental),
 * valid only with the judgement of the same run key:
 *
 *   <cache dir>/states-v1/<slot>          [u32 LE head length][head JSON][each rule's state bytes]
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
import { JUDGEMENTS_DIR, recordSlot, STATES_DIR } from './layout.js';
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
export const JUDGEMENT_FORMAT = 3;

/**
 * What an incremental run needs of the last run besides its judgement: every analysed file (sorted
 * by path) with its facts key, and the spans of its functions for the scores (line, endLine,
 * lengthLines of each, flattened).
 */
export interface Basis {
  files: Array<{ path: string; key: string; spans: number[] }>;
}

/** The last run of a slot, whatever its run key. */
export interface PreviousRun {
  runKey: string;
  /** Its settingsKey: an incremental run needs the same. */
  settings: string;
  judgement: Judgement;
  basis: Basis;
}

type StoredBasisFile = [path: string, key: string, spans: number[]];

interface StoredJudgement {
  format: number;
  runKey: string;
  judgement: Omit<Judgement, 'findings'> & { findings: StoredFinding[] };
  basis?: { settings: string; files: StoredBasisFile[] };
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

/** Everything of a run key but the files: runs of the same settings judge files alike. */
export type SettingsInput = Omit<RunKeyInput, 'files' | 'skipped'>;

function settingsText(input: SettingsInput): string {
  return ['connascence-judgement', input.toolVersion, EXTRACTOR_VERSION, String(FACTS_SCHEMA_VERSION), policyKey(input.policy), String(input.maxFileSize)].join('\0');
}

/** sha256 of what the judgements of any file depend on besides its facts: versions, policy, size limit. */
export function settingsKey(input: SettingsInput): string {
  return createHash('sha256').update(settingsText(input)).digest('hex');
}

/** sha256 of everything the judgements of a run depend on (NUL-separated; paths sorted). */
export function runKey(input: RunKeyInput): string {
  const hash = createHash('sha256');
  hash.update(settingsText(input));
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
  private readonly states: DiskStore;
  /** The payload of the last `read` that missed on an intact entry: `previous` parses it without reading it again. */
  private missed: { slot: string; payload: string } | undefined;

  constructor(cacheDir: string) {
    this.store = recordStore(cacheDir, JUDGEMENTS_DIR);
    this.states = recordStore(cacheDir, STATES_DIR);
  }

  read(slot: string, key: string): JudgementLookup {
    const result = this.store.read(slot);
    if (result.status !== 'hit') return result;
    // An intact entry of another run (the usual miss: some file changed) is told by its first bytes,
    // without parsing megabytes of findings: `write` puts the format and the run key first.
    if (!result.payload.startsWith(storedPrefix(key)) && result.payload.startsWith('{"format":')) {
      this.missed = { slot, payload: result.payload };
      return { status: 'miss' };
    }
    const stored = parseStored(result.payload);
    if (!stored) return { status: 'corrupt', reason: 'not a judgement entry' };
    if (stored.format !== JUDGEMENT_FORMAT || stored.runKey !== key) return { status: 'miss' };
    const judgement = loadJudgement(stored);
    return judgement ? { status: 'hit', judgement } : { status: 'corrupt', reason: 'malformed finding' };
  }

  /**
   * The last run of the slot whatever its run key, with its basis, for an incremental run; undefined
   * when there is none, it is of another format, or it is damaged (the run then judges anew).
   */
  previous(slot: string): PreviousRun | undefined {
    const payload = this.missed?.slot === slot ? this.missed.payload : readPayload(this.store, slot);
    this.missed = undefined;
    const stored = payload === undefined ? undefined : parseStored(payload);
    const basis = stored?.basis;
    if (!stored || stored.format !== JUDGEMENT_FORMAT || typeof basis?.settings !== 'string' || !Array.isArray(basis.files)) return undefined;
    const judgement = loadJudgement(stored);
    if (!judgement) return undefined;
    const files: Basis['files'] = [];
    for (const row of basis.files) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string' || !Array.isArray(row[2])) return undefined;
      files.push({ path: row[0], key: row[1], spans: row[2] });
    }
    return { runKey: stored.runKey, settings: basis.settings, judgement, basis: { files } };
  }

  /** Best effort, like facts writes: an error is returned for a warning, never thrown. */
  write(slot: string, key: string, judgement: Judgement, basis?: Basis & { settings: string }): string | undefined {
    const stored: StoredJudgement = { format: JUDGEMENT_FORMAT, runKey: key, judgement: { ...judgement, findings: judgement.findings.map(storeFinding) } };
    if (basis) stored.basis = { settings: basis.settings, files: basis.files.map((f) => [f.path, f.key, f.spans]) };
    const written = this.store.write(slot, JSON.stringify(stored));
    return written.ok ? undefined : written.error;
  }

  /** The rule states written with the judgement of run `key`; undefined when there are none for it, or they are damaged. */
  readStates(slot: string, key: string): Map<string, Uint8Array> | undefined {
    const result = this.states.readBytes(slot);
    return result.status === 'hit' ? decodeStates(result.bytes, key) : undefined;
  }

  /** Best effort: an error is returned for a warning. No states: the record is removed (an old one must not outlive its run). */
  writeStates(slot: string, key: string, states: ReadonlyMap<string, Uint8Array>): string | undefined {
    if (states.size === 0) return this.states.remove(slot);
    const written = this.states.write(slot, encodeStates(key, states));
    return written.ok ? undefined : written.error;
  }
}

function readPayload(store: DiskStore, slot: string): string | undefined {
  const result = store.read(slot);
  return result.status === 'hit' ? result.payload : undefined;
}

function loadJudgement(stored: StoredJudgement): Judgement | undefined {
  const findings: Finding[] = [];
  for (const row of stored.judgement.findings) {
    const finding = loadFinding(row);
    if (!finding) return undefined;
    findings.push(finding);
  }
  return { ...stored.judgement, findings };
}

/** Bytes of the little-endian length that starts a states record. */
const HEAD_LENGTH_BYTES = 4;

interface StatesHead {
  format: number;
  runKey: string;
  rules: Array<[id: string, bytes: number]>;
}

function encodeStates(runKey: string, states: ReadonlyMap<string, Uint8Array>): Buffer {
  const head: StatesHead = { format: JUDGEMENT_FORMAT, runKey, rules: [...states].map(([id, bytes]) => [id, bytes.byteLength]) };
  const headBytes = Buffer.from(JSON.stringify(head), 'utf8');
  const length = Buffer.alloc(HEAD_LENGTH_BYTES);
  length.writeUInt32LE(headBytes.length);
  return Buffer.concat([length, headBytes, ...states.values()]);
}

function decodeStates(data: Buffer, runKey: string): Map<string, Uint8Array> | undefined {
  if (data.length < HEAD_LENGTH_BYTES) return undefined;
  const headEnd = HEAD_LENGTH_BYTES + data.readUInt32LE(0);
  if (headEnd > data.length) return undefined;
  let head: Partial<StatesHead>;
  try {
    head = JSON.parse(data.subarray(HEAD_LENGTH_BYTES, headEnd).toString('utf8')) as Partial<StatesHead>;
  } catch {
    return undefined;
  }
  if (head.format !== JUDGEMENT_FORMAT || head.runKey !== runKey || !Array.isArray(head.rules)) return undefined;
  const states = new Map<string, Uint8Array>();
  let at = headEnd;
  for (const [id, bytes] of head.rules) {
    if (typeof id !== 'string' || !Number.isInteger(bytes) || bytes < 0 || at + bytes > data.length) return undefined;
    states.set(id, data.subarray(at, at + bytes));
    at += bytes;
  }
  return at === data.length ? states : undefined;
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

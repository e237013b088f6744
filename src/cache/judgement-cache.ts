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
 * An entry is one line of JSON (the run key first, the summaries, each file's findings tally, and the
 * basis of an incremental run: each file's facts key and function spans, see engine/incremental.ts),
 * then each file's findings as the JSON report writes them (model/file-findings.ts): a run that
 * reuses them writes a JSON report without parsing or stringifying a finding. With it, the states
 * the incremental project rules left (ProjectRule.incremental), valid only with the judgement of the
 * same run key:
 *
 *   <cache dir>/states-v1/<slot>          [u32 LE head length][head JSON][each rule's state bytes]
 *
 * Those two are a base. An incremental run (engine/incremental.ts) that changed little of it writes
 * a patch instead, in the judgement entry's format: the head of the run, the findings of the files
 * that differ from the base, the base's files it drops, and the rules' state patches (base64). Each
 * incremental run rewrites the patch against the same base, until it grows too large and a new base
 * is written (which removes the patch):
 *
 *   <cache dir>/patches-v1/<slot>
 *
 * Entries use the checksummed, atomically written format of the facts entries (entry-format.ts):
 * a corrupt or foreign entry is a miss, counted, and rewritten by the run.
 */
import { createHash } from 'node:crypto';
import { FileFindings, type FindingTally } from '../model/file-findings.js';
import type { FileSummary, SkippedFile, Summary } from '../model/analysis.js';
import { FACTS_SCHEMA_VERSION } from '../facts/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import type { RuleState } from '../rules/types.js';
import { recordStore, type DiskStore } from './disk-store.js';
import type { EntryAuth } from './entry-auth.js';
import { JUDGEMENTS_DIR, PATCHES_DIR, recordSlot, STATES_DIR } from './layout.js';
import { EXTRACTOR_VERSION } from './key.js';
import { parseJson } from '../bounded-json.js';

export { JUDGEMENTS_DIR } from './layout.js';

/** What a judgement entry holds: everything of an AnalysisResult that the rules decided, findings per file. */
export interface Judgement {
  /** The findings of each file that has any, in path order. */
  byFile: FileFindings[];
  files: FileSummary[];
  skipped: SkippedFile[];
  summary: Summary;
  enabledRules: string[];
}

/** Layout of a stored judgement; an entry of another format is a miss (and is overwritten). */
export const JUDGEMENT_FORMAT = 6;

/**
 * What an incremental run needs of the last run besides its judgement: every analysed file (sorted
 * by path) with its facts key, and the spans of its functions for the scores (line, endLine,
 * lengthLines of each, flattened).
 */
export interface Basis {
  files: Array<{ path: string; key: string; spans: number[] }>;
}

/** The last run of a slot, whatever its run key: its base, with its patch applied when it has one. */
export interface PreviousRun {
  runKey: string;
  /** Its settingsKey: an incremental run needs the same. */
  settings: string;
  judgement: Judgement;
  basis: Basis;
  /** The base: its run key, and its groups (the very objects) still in `judgement`. */
  base: { runKey: string; groups: ReadonlySet<FileFindings> };
  /** The rules' state patches of the patch, by rule id. */
  rulePatches: ReadonlyMap<string, Uint8Array>;
}

type StoredBasisFile = [path: string, key: string, spans: number[]];

/** The first line of an entry; each group is (path, length in UTF-8 bytes of its lines, tally). */
interface StoredHead {
  format: number;
  runKey: string;
  judgement: Omit<Judgement, 'byFile'>;
  groups: Array<[path: string, bytes: number, tally: FindingTally]>;
  basis?: { settings: string; files: StoredBasisFile[] };
  /** A patch's: the run key of the base it applies to, the base's groups it drops, the rules' state patches (base64). */
  base?: string;
  removed?: string[];
  rules?: Record<string, string>;
}

export type JudgementLookup = { status: 'hit'; judgement: Judgement } | { status: 'miss' } | { status: 'corrupt'; reason: string };

/** Stable text of a resolved policy: rules by id with their setting, then the file filters. */
export function policyKey(policy: ResolvedPolicy): string {
  const rules = [...policy.rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => [r.id, r.enabled, r.severity, sortedOptions(r.options)]);
  return JSON.stringify({ preset: policy.preset, rules, include: policy.include, exclude: policy.exclude, tests: policy.tests, vendored: policy.vendored, includeTests: policy.includeTests, generated: policy.generated, overrides: policy.overrides.map((o) => ({ files: o.files, rules: [...o.rules].sort(([a], [b]) => (a < b ? -1 : 1)) })) });
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
  private readonly patches: DiskStore;
  /** Entries read by `read` in this run, so that `previous` does not read them again. */
  private readonly seen = new Map<string, Buffer | undefined>();
  /** Why a record this cache read in this run was damaged (it is rewritten by the run), if one was. */
  corruption: string | undefined;

  /** `auth`: the cache is inside the checkout (cache/trust.ts), its records are sealed. */
  constructor(cacheDir: string, auth?: EntryAuth) {
    this.store = recordStore(cacheDir, JUDGEMENTS_DIR, auth);
    this.states = recordStore(cacheDir, STATES_DIR, auth);
    this.patches = recordStore(cacheDir, PATCHES_DIR, auth);
  }

  read(slot: string, key: string): JudgementLookup {
    const patch = this.patches.readBytes(slot);
    if (patch.status === 'corrupt') {
      this.corruption = patch.reason;
      return patch;
    }
    this.seen.set(`p${slot}`, patch.status === 'hit' ? patch.bytes : undefined);
    if (patch.status === 'hit' && startsWith(patch.bytes, storedPrefix(key))) {
      const last = this.previous(slot);
      return last?.runKey === key ? { status: 'hit', judgement: last.judgement } : { status: 'miss' };
    }
    const result = this.store.readBytes(slot);
    if (result.status !== 'hit') return result;
    this.seen.set(`b${slot}`, result.bytes);
    // An intact entry of another run (the usual miss: some file changed) is told by its first bytes,
    // without parsing megabytes of findings: `write` puts the format and the run key first.
    if (!startsWith(result.bytes, storedPrefix(key)) && startsWith(result.bytes, '{"format":')) return { status: 'miss' };
    const stored = parseStored(result.bytes);
    if (!stored) {
      this.corruption = 'not a judgement entry';
      return { status: 'corrupt', reason: this.corruption };
    }
    if (!stored.judgement || stored.head.runKey !== key) return { status: 'miss' };
    return { status: 'hit', judgement: stored.judgement };
  }

  /**
   * The last run of the slot whatever its run key (its base, patched), with its basis, for an
   * incremental run; undefined when there is none, it is of another format, or it is damaged (the
   * run then judges anew).
   */
  previous(slot: string): PreviousRun | undefined {
    const basePayload = this.payload(this.store, `b${slot}`, slot);
    const base = basePayload === undefined ? undefined : parseStored(basePayload);
    if (!base?.judgement) return undefined;
    const patchPayload = this.payload(this.patches, `p${slot}`, slot);
    const patch = patchPayload === undefined ? undefined : parseStored(patchPayload);
    if (patchPayload !== undefined && !patch) this.corruption ??= 'not a judgement patch';
    const applies = patch?.judgement !== undefined && patch.head.base === base.head.runKey;
    const head = applies ? patch.head : base.head;
    const basis = basisOf(head);
    if (!basis) return undefined;
    const judgement = applies ? patched(base.judgement, patch.judgement!, patch.head.removed ?? []) : base.judgement;
    const baseGroups = new Set(base.judgement.byFile);
    const rulePatches = new Map<string, Uint8Array>();
    for (const [id, text] of Object.entries((applies && patch.head.rules) || {})) rulePatches.set(id, new Uint8Array(Buffer.from(text, 'base64')));
    return {
      runKey: head.runKey,
      settings: basis.settings,
      judgement,
      basis: { files: basis.files },
      base: { runKey: base.head.runKey, groups: new Set(judgement.byFile.filter((g) => baseGroups.has(g))) },
      rulePatches,
    };
  }

  /** A record's payload: the one `read` saw in this run, or read now (a damaged one is noted, and counts as none). */
  private payload(store: DiskStore, seenKey: string, slot: string): Buffer | undefined {
    if (this.seen.has(seenKey)) return this.seen.get(seenKey);
    const result = store.readBytes(slot);
    if (result.status === 'corrupt') this.corruption ??= result.reason;
    return result.status === 'hit' ? result.bytes : undefined;
  }

  /**
   * Stores a base: the judgement and basis of run `key` with the rules' states, and drops the patch.
   * Best effort, like facts writes: an error is returned for a warning, never thrown.
   */
  writeBase(slot: string, key: string, judgement: Judgement, basis: Basis & { settings: string }, states: ReadonlyMap<string, Uint8Array> = new Map()): string | undefined {
    const written = this.store.write(slot, entryText({ format: JUDGEMENT_FORMAT, runKey: key }, judgement, judgement.byFile, basis));
    if (!written.ok) return written.error;
    const statesWritten = states.size === 0 ? { ok: true as const } : this.states.write(slot, encodeStates(key, states));
    if (states.size === 0) this.states.remove(slot);
    return (statesWritten.ok ? undefined : statesWritten.error) ?? this.patches.remove(slot);
  }

  /**
   * Stores run `key` as a patch over the base of `previous`: its head, the groups not from the base,
   * the base groups it drops, and the rules' state patches. Best effort (an error is returned).
   */
  writePatch(slot: string, key: string, previous: PreviousRun, judgement: Judgement, basis: Basis & { settings: string }, rulePatches: ReadonlyMap<string, Uint8Array>): string | undefined {
    const own = judgement.byFile.filter((group) => !previous.base.groups.has(group));
    const kept = new Set(judgement.byFile.map((group) => group.path));
    // A base group replaced by an own one needs no removal: the patch's group of a path wins.
    const removed = [...previous.base.groups].map((group) => group.path).filter((path) => !kept.has(path));
    const rules = Object.fromEntries([...rulePatches].map(([id, bytes]) => [id, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')]));
    const head = { format: JUDGEMENT_FORMAT, runKey: key, base: previous.base.runKey, removed, rules };
    const written = this.patches.write(slot, entryText(head, judgement, own, basis));
    return written.ok ? undefined : written.error;
  }

  /** The rule states of `previous`: the bases written with its base, with its patches; undefined when there are none for it, or they are damaged. */
  readStates(slot: string, previous: PreviousRun): Map<string, RuleState> | undefined {
    const result = this.states.readBytes(slot);
    const bases = result.status === 'hit' ? decodeStates(result.bytes, previous.base.runKey) : undefined;
    if (!bases) return undefined;
    const states = new Map<string, RuleState>();
    for (const [id, base] of bases) {
      const patch = previous.rulePatches.get(id);
      states.set(id, patch ? { base, patch } : { base });
    }
    return states;
  }
}

/** An entry's parts: its head line (the run key first, see storedPrefix), then the lines of `groups` as bytes. */
function entryText(start: Pick<StoredHead, 'format' | 'runKey'> & Partial<StoredHead>, judgement: Judgement, groups: readonly FileFindings[], basis: Basis & { settings: string }): Uint8Array[] {
  const { byFile: _all, ...rest } = judgement;
  const lines = groups.map((group) => group.bytes);
  const head: StoredHead = {
    ...start,
    judgement: rest,
    groups: groups.map((group, i) => [group.path, lines[i]!.byteLength, group.tally]),
    basis: { settings: basis.settings, files: basis.files.map((f) => [f.path, f.key, f.spans]) },
  };
  // `start` begins with the format and the run key, as storedPrefix expects.
  return [Buffer.from(`${JSON.stringify(head)}\n`, 'utf8'), ...lines];
}

function startsWith(bytes: Buffer, text: string): boolean {
  return bytes.subarray(0, Buffer.byteLength(text)).toString('utf8') === text;
}

/** The base judgement with a patch's head, groups and removals applied: groups in path order. */
function patched(base: Judgement, patch: Judgement, removed: readonly string[]): Judgement {
  const groups = new Map(base.byFile.map((group) => [group.path, group]));
  for (const path of removed) groups.delete(path);
  for (const group of patch.byFile) groups.set(group.path, group);
  const byFile = [...groups.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...patch, byFile };
}

function basisOf(head: StoredHead): { settings: string; files: Basis['files'] } | undefined {
  const basis = head.basis;
  if (typeof basis?.settings !== 'string' || !Array.isArray(basis.files)) return undefined;
  const files: Basis['files'] = [];
  for (const row of basis.files) {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string' || !Array.isArray(row[2])) return undefined;
    files.push({ path: row[0], key: row[1], spans: row[2] });
  }
  return { settings: basis.settings, files };
}

/** Bytes of the little-endian length that starts a states record. */
const HEAD_LENGTH_BYTES = 4;

interface StatesHead {
  format: number;
  runKey: string;
  rules: Array<[id: string, bytes: number]>;
}

/**
 * The head is padded with spaces, and each state with zeros, to multiples of STATE_ALIGNMENT: every
 * state starts at an aligned offset of the payload (which DiskStore reads aligned), so typed arrays
 * can view it in place.
 */
function encodeStates(runKey: string, states: ReadonlyMap<string, Uint8Array>): Uint8Array[] {
  const head: StatesHead = { format: JUDGEMENT_FORMAT, runKey, rules: [...states].map(([id, bytes]) => [id, bytes.byteLength]) };
  const text = JSON.stringify(head);
  const headBytes = Buffer.from(text.padEnd(text.length + padding(HEAD_LENGTH_BYTES + Buffer.byteLength(text)), ' '), 'utf8');
  const length = Buffer.alloc(HEAD_LENGTH_BYTES);
  length.writeUInt32LE(headBytes.length);
  return [length, headBytes, ...[...states.values()].flatMap((bytes) => [bytes, new Uint8Array(padding(bytes.byteLength))])];
}

const STATE_ALIGNMENT = 8;
const padding = (bytes: number): number => (STATE_ALIGNMENT - (bytes % STATE_ALIGNMENT)) % STATE_ALIGNMENT;

function decodeStates(data: Buffer, runKey: string): Map<string, Uint8Array> | undefined {
  if (data.length < HEAD_LENGTH_BYTES) return undefined;
  const headEnd = HEAD_LENGTH_BYTES + data.readUInt32LE(0);
  if (headEnd > data.length) return undefined;
  let head: Partial<StatesHead>;
  try {
    head = parseJson(data.subarray(HEAD_LENGTH_BYTES, headEnd).toString('utf8')) as Partial<StatesHead>;
  } catch {
    return undefined;
  }
  if (head.format !== JUDGEMENT_FORMAT || head.runKey !== runKey || !Array.isArray(head.rules)) return undefined;
  const states = new Map<string, Uint8Array>();
  let at = headEnd;
  for (const [id, bytes] of head.rules) {
    if (typeof id !== 'string' || !Number.isInteger(bytes) || bytes < 0 || at + bytes > data.length) return undefined;
    states.set(id, new Uint8Array(data.buffer, data.byteOffset + at, bytes));
    at += bytes + padding(bytes);
  }
  return at === data.length ? states : undefined;
}

/** How `write`'s JSON starts for an entry of this format and run key. */
function storedPrefix(key: string): string {
  return `{"format":${JUDGEMENT_FORMAT},"runKey":${JSON.stringify(key)},`;
}

/**
 * An entry's head and judgement (its findings left as stored text); no judgement for an entry of
 * another format (an older version: a miss); undefined when it is not an entry at all (corrupt).
 */
function parseStored(payload: Buffer): { head: StoredHead; judgement?: Judgement } | undefined {
  const newline = payload.indexOf(NEWLINE);
  let head: StoredHead;
  try {
    head = parseJson((newline < 0 ? payload : payload.subarray(0, newline)).toString('utf8')) as StoredHead;
  } catch {
    return undefined;
  }
  if (typeof head !== 'object' || head === null) return undefined;
  if (head.format !== JUDGEMENT_FORMAT) return { head };
  const judgement = head.judgement;
  if (newline < 0 || typeof head.runKey !== 'string' || !judgement || !Array.isArray(judgement.files) || !judgement.summary || !Array.isArray(head.groups)) return undefined;
  const byFile: FileFindings[] = [];
  let at = newline + 1;
  for (const group of head.groups) {
    if (!Array.isArray(group) || typeof group[0] !== 'string' || !Number.isInteger(group[1]) || group[1] < 0 || !isTally(group[2])) return undefined;
    byFile.push(FileFindings.storedBytes(group[0], payload.subarray(at, at + group[1]), group[2]));
    at += group[1];
  }
  if (at !== payload.length) return undefined;
  return { head, judgement: { ...judgement, byFile } };
}

const NEWLINE = 0x0a;

function isTally(value: unknown): value is FindingTally {
  const tally = value as Partial<FindingTally> | null;
  return !!tally && Array.isArray(tally.bySeverity) && typeof tally.byRule === 'object' && Array.isArray(tally.nasaLines) && Array.isArray(tally.duplicated);
}

/**
 * The report cache: the rendered report of the last run, replayed when a run would produce it again.
 * A report is a pure function of the run key (every file's content key, the policy, the versions: see
 * judgement-cache.ts) and of how it is rendered (format, colour, verbosity, gate threshold, tool
 * version): the render key covers both. On a match nothing is loaded, judged or rendered; only the
 * JSON report's `metrics`, which describe the run itself, are written anew (report/json.ts
 * spliceMetrics). One entry per analysed root, policy and format (a slot), overwritten by each run.
 *
 *   <cache dir>/reports-v1/<slot>      slot = sha256(root, policy key, format)
 *
 * An incremental run (engine/incremental.ts) does not store its report: the next run is most often
 * another edit, and a run with nothing changed renders again from the stored judgement (and stores
 * that report).
 *
 * Entries use the checksummed, atomically written entry format: a corrupt or foreign entry is a miss,
 * and the run that follows rewrites it. Writes are best effort.
 */
import { createHash } from 'node:crypto';
import type { SkippedFile } from '../model/analysis.js';
import type { GateResult } from '../policy/gate.js';
import { recordStore, type DiskStore } from './disk-store.js';
import type { EntryAuth } from './entry-auth.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { policyKey } from './judgement-cache.js';
import { recordSlot, REPORTS_DIR } from './layout.js';
import { parseJson } from '../bounded-json.js';

export { REPORTS_DIR } from './layout.js';
const FORMAT = 1;

/** What a replay needs besides the report text: the gate (exit code) and the counts of the messages. */
export interface ReplayMeta {
  renderKey: string;
  gate: GateResult;
  findings: number;
  files: number;
  skipped: SkippedFile[];
}

export interface Replay extends ReplayMeta {
  report: string;
}

export interface RenderKeyInput {
  runKey: string;
  format: string;
  toolVersion: string;
  color: boolean;
  verbose: boolean;
  failOn: string;
  /** The directory the report's paths are relative to (report/paths.ts): it changes the text. */
  pathBase: string;
  /** What the outcome depends on besides the files (session.ts PreparedAnalysis.outcomeKey: baseline, gate settings). */
  outcome: string;
  /** The report's own options (SARIF limits, annotation caps...), serialised. */
  options: string;
}

export function renderKey(input: RenderKeyInput): string {
  return createHash('sha256')
    .update(['connascence-report', input.runKey, input.format, input.toolVersion, String(input.color), String(input.verbose), input.failOn, input.pathBase, input.outcome, input.options].join('\0'))
    .digest('hex');
}

/** One slot per root, policy and report (format and destination kind: `sarif`, `markdown:summary`). */
export function reportSlot(root: string, policy: ResolvedPolicy, report: string): string {
  return recordSlot(root, policyKey(policy), report);
}

export class ReportCache {
  private readonly store: DiskStore;

  /** `auth`: the cache is inside the checkout (cache/trust.ts), its records are sealed. */
  constructor(cacheDir: string, auth?: EntryAuth) {
    this.store = recordStore(cacheDir, REPORTS_DIR, auth);
  }

  /** The stored report when it was rendered for `key`; undefined otherwise (absent, other run, corrupt). */
  read(slot: string, key: string): Replay | undefined {
    const result = this.store.read(slot);
    if (result.status !== 'hit') return undefined;
    const newline = result.payload.indexOf('\n');
    if (newline < 0) return undefined;
    const meta = parseMeta(result.payload.slice(0, newline));
    if (!meta || meta.renderKey !== key) return undefined;
    return { ...meta, report: result.payload.slice(newline + 1) };
  }

  /** Best effort: the error of a failed write, never thrown. */
  write(slot: string, replay: Replay): string | undefined {
    const { report, ...meta } = replay;
    const written = this.store.write(slot, `${JSON.stringify({ format: FORMAT, ...meta })}\n${report}`);
    return written.ok ? undefined : written.error;
  }
}

function parseMeta(line: string): ReplayMeta | undefined {
  try {
    const value = parseJson(line) as Partial<ReplayMeta> & { format?: unknown };
    if (value.format !== FORMAT || typeof value.renderKey !== 'string' || typeof value.findings !== 'number' || typeof value.files !== 'number') return undefined;
    if (!value.gate || typeof value.gate.passed !== 'boolean' || !Array.isArray(value.gate.reasons) || !Array.isArray(value.skipped)) return undefined;
    return { renderKey: value.renderKey, gate: value.gate, findings: value.findings, files: value.files, skipped: value.skipped };
  } catch {
    return undefined;
  }
}

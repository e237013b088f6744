import type { DirectiveFact, Language } from '../facts/types.js';
import type { Finding, PresetName, Severity } from '../rules/types.js';
import type { FileFindings } from './file-findings.js';
import { printable } from '../printable.js';

/** A file that was found but not analysed (binary, too large, unreadable, not UTF-8...). */
export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'unreadable' | 'not-regular' | 'not-utf8' | 'symlink-loop' | 'outside-root' | 'template';
  detail: string;
  /**
   * For a file over the size limit or binary-looking: the worst thing a scan of its text (no parse,
   * engine/scan-skipped.ts) found, which SKIPPED_FILE reports at that severity. `unscanned`: the
   * file is longer than the scan reads, and nothing decisive was found in what it read.
   */
  hidden?: HiddenInSkipped;
}

/** `Skipped a.py (too-large): …`: the line every command prints on standard error for a skipped file (every field escaped). */
export function describeSkipped(skipped: Pick<SkippedFile, 'path' | 'reason' | 'detail'>): string {
  return `Skipped ${printable(skipped.path)} (${printable(skipped.reason)}): ${printable(skipped.detail)}`;
}

export interface HiddenInSkipped {
  kind: 'shell' | 'dynamic-code' | 'deserialize' | 'secret' | 'unsafe-coding' | 'unscanned';
  /** A short label of what was found (`os.system(`, `private key block`). */
  what: string;
  line: number;
}

export interface FileSummary {
  path: string;
  language: Language;
  lines: number;
  codeLines: number;
  functions: number;
  parseError: boolean;
  /** A test file (the policy's `tests` globs): rules with `judgesTests: false` did not judge it. */
  test: boolean;
  /** A generated file (FileFacts.generated): judged as the policy's `generated` says. */
  generated: boolean;
  /** Its suppression comments (FileFacts.directives), when it has any: applied after the rules (engine/suppress.ts). */
  directives?: DirectiveFact[];
}

export interface Scores {
  /** 0..100: weighted share of functions without a NASA finding. */
  nasaCompliance: number;
  /** 0..100: (1 - duplicated lines / code lines) * 100. */
  duplication: number;
  /** Weighted findings per 1000 code lines (lower is better). */
  connascenceIndex: number;
  /** 0..100: combination documented in the README. */
  overall: number;
}

export interface Summary {
  files: number;
  lines: number;
  codeLines: number;
  functions: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
  skipped: number;
  parseErrors: number;
  /** Test files among `files`. */
  tests: number;
  /** Generated files among `files`. */
  generated: number;
  scores: Scores;
}

export interface Metrics {
  durationMs: number;
  phases: Record<string, number>;
  /** Threads that parsed files: 1 = the main thread (small inputs, --workers 1), more = the detector pool. */
  workers?: number;
  cache?: {
    hits: number;
    misses: number;
    hitRate: number;
    corrupt: number;
    /** Facts entries that could not be written (unwritable or full cache dir): those files are parsed again next run. */
    writeErrors: number;
    /**
     * The judgement cache: `hit` = findings reused from the last run of the same files and policy;
     * `incremental` = the last run's findings brought up to date for the files that changed
     * (engine/incremental.ts); `replayed` = the report itself was reused (same run, same rendering:
     * cache/report-cache.ts).
     */
    judgements?: 'hit' | 'incremental' | 'miss' | 'corrupt' | 'write-error' | 'replayed';
  };
}

export interface AnalysisResult {
  /** Absolute path of the analysed root. */
  root: string;
  policy: PresetName;
  findings: Finding[];
  /**
   * The same findings grouped by file (path order), when the engine has them so: a JSON report is
   * then written from each group's stored lines without touching `findings`.
   */
  byFile?: readonly FileFindings[];
  files: FileSummary[];
  skipped: SkippedFile[];
  summary: Summary;
  metrics: Metrics;
  /** Rules that were enabled for this run (ids), for SARIF rule metadata. */
  enabledRules: string[];
}

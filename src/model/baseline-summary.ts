/** A run's comparison with its baseline, as the reports show it (baseline/apply.ts makes it). */
export interface BaselineSummary {
  /** Absolute path of the baseline file. */
  file: string;
  new: number;
  unchanged: number;
  /** Entries no finding took, in files this run covered: fixed. Paths relative to the baseline's folder. */
  absent: ReadonlyArray<{ rule: string; path: string; fingerprint: string; message: string }>;
  /**
   * Entries whose file does not exist and that no finding took: a deleted file, a file moved without
   * evidence, or a path that never existed. Never matched by another file's findings. Paths relative
   * to the baseline's folder.
   */
  stale: ReadonlyArray<{ rule: string; path: string; fingerprint: string; message: string }>;
  /** The state of each finding by file (root-relative path), in report order: a JSON report adds them to stored lines without parsing them. */
  statesByFile?: ReadonlyMap<string, ReadonlyArray<'new' | 'unchanged'>>;
}


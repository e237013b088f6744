/** A run's comparison with its baseline, as the reports show it (baseline/apply.ts makes it). */
export interface BaselineSummary {
  /** Absolute path of the baseline file. */
  file: string;
  new: number;
  unchanged: number;
  /** Entries no finding took, in files this run covered: fixed. Paths relative to the baseline's folder. */
  absent: ReadonlyArray<{ rule: string; path: string; fingerprint: string; message: string }>;
  /** The state of each finding by file (root-relative path), in report order: a JSON report adds them to stored lines without parsing them. */
  statesByFile?: ReadonlyMap<string, ReadonlyArray<'new' | 'unchanged'>>;
}


/**
 * `connascence baseline create|update|prune|show` (README "Adopting on an existing codebase"). The
 * file format is baseline/format.ts, the matching baseline/match.ts; this runs the analysis and
 * writes the file atomically.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readBaseline, serializeBaseline, type Baseline, type BaselineEntry } from '../baseline/format.js';
import { baselineLocation, compareWithBaseline, entriesOf, filesOf, seenPaths } from '../baseline/compare.js';
import { ConfigError } from '../errors.js';
import { printable } from '../printable.js';
import { writeOutputFile } from '../fs/output-file.js';
import { loadConfig } from '../policy/config.js';
import { checkRoot } from './analyze.js';
import { analyseForFindings, type RunRequest } from './session.js';

export interface BaselineOutcome {
  file: string;
  /** Entries in the file now. */
  entries: number;
  /** Entries added and removed by this command. */
  added: number;
  removed: number;
  /** Of the removed, the stale ones: their file does not exist and no finding took them (a deleted file, a path that never existed). */
  stale: number;
  /** Entries kept as they were, or brought up to date (a renamed file's). */
  kept: number;
  /** Findings of this run the baseline does not hold (update without --add-new). */
  notAdded: number;
  messages: string[];
}

/** The baseline file of `prune` and `show`, which analyse nothing: the config is read for `baseline`. */
function fileOf(input: { directory: string; file?: string; config?: string }): string {
  const root = checkRoot(input.directory);
  const loaded = input.file === undefined ? loadConfig(root, input.config) : undefined;
  return baselineLocation({ root, flag: input.file, configured: loaded?.config.baseline, configPath: loaded?.path }).file;
}

/** Written through no link inside the root or the working directory (fs/output-file.ts). */
function write(file: string, baseline: Baseline, root?: string): void {
  writeOutputFile(file, serializeBaseline(baseline), 'the baseline', root === undefined ? [] : [root]);
}

/** Every finding of the run as an entry; refuses to replace an existing file unless `force`. */
export async function createBaseline(request: RunRequest, input: { file?: string; force: boolean }): Promise<BaselineOutcome> {
  const run = await analyseForFindings(request);
  const { file } = baselineLocation({ root: run.root, flag: input.file, configured: run.configuredBaseline, configPath: run.configPath });
  if (existsSync(file) && !input.force) {
    throw new ConfigError(`The baseline ${printable(file)} exists already. Run \`connascence baseline update\` to remove what was fixed (--add-new to accept the new findings too), or pass --force to write it anew.`);
  }
  const entries = entriesOf(run.root, file, run.result.findings);
  write(file, { entries, files: filesOf(run.root, file, entries) }, run.root);
  return { file, entries: entries.length, added: entries.length, removed: 0, stale: 0, kept: 0, notAdded: 0, messages: run.messages };
}

/**
 * The ratchet: entries no finding matches any more (fixed) are removed, and so are stale ones (their
 * file does not exist: a deleted file, a path that never existed, or a file that moved without
 * evidence); entries a finding matched are kept (brought up to the finding's path and fingerprint
 * when its file moved), entries of files outside this run are left alone; new findings are added
 * only with `addNew`. The content hash of each file with entries is recorded anew.
 */
export async function updateBaseline(request: RunRequest, input: { file?: string; addNew: boolean }): Promise<BaselineOutcome> {
  const run = await analyseForFindings(request);
  const { file } = baselineLocation({ root: run.root, flag: input.file, configured: run.configuredBaseline, configPath: run.configPath });
  const baseline = readBaseline(file);
  const findings = run.result.findings;
  const comparison = compareWithBaseline({ root: run.root, file, baseline, findings, seen: seenPaths(run.result), include: run.include });
  const kept: BaselineEntry[] = entriesOf(run.root, file, [...comparison.taken.keys()].map((i) => findings[i]!));
  const added = input.addNew ? entriesOf(run.root, file, findings.filter((_, i) => comparison.states[i] === 'new')) : [];
  const entries = [...comparison.outOfScope, ...kept, ...added];
  write(file, { entries, files: filesOf(run.root, file, entries, baseline.files) }, run.root);
  const removed = comparison.absent.length + comparison.stale.length;
  return { file, entries: entries.length, added: added.length, removed, stale: comparison.stale.length, kept: kept.length + comparison.outOfScope.length, notAdded: input.addNew ? 0 : comparison.newCount, messages: run.messages };
}

/** Drops the entries of files that no longer exist (stale entries); reads no source. */
export function pruneBaseline(input: { directory: string; file?: string; config?: string }): BaselineOutcome {
  const file = fileOf(input);
  const baseline = readBaseline(file);
  const folder = dirname(file);
  const exists = new Map<string, boolean>();
  const entries = baseline.entries.filter((entry) => {
    let there = exists.get(entry.path);
    if (there === undefined) exists.set(entry.path, (there = existsSync(resolve(folder, entry.path))));
    return there;
  });
  write(file, { entries, files: baseline.files ?? [] }, checkRoot(input.directory));
  const removed = baseline.entries.length - entries.length;
  return { file, entries: entries.length, added: 0, removed, stale: removed, kept: entries.length, notAdded: 0, messages: [] };
}

export interface BaselineShow {
  file: string;
  entries: number;
  files: number;
  byRule: Record<string, number>;
}

export function showBaseline(input: { directory: string; file?: string; config?: string }): BaselineShow {
  const file = fileOf(input);
  const baseline = readBaseline(file);
  const byRule: Record<string, number> = {};
  for (const entry of baseline.entries) byRule[entry.rule] = (byRule[entry.rule] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { file, entries: baseline.entries.length, files: new Set(baseline.entries.map((entry) => entry.path)).size, byRule: sorted };
}

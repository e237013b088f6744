/**
 * Incremental runs. When a few files changed since the last run of the same root, policy and
 * settings, the judgement is the last one brought up to date instead of judged anew:
 *
 * - only the changed files' facts are loaded or parsed, and only they go through the file rules
 *   (a file rule's findings depend on its file alone); every other file keeps its last findings,
 *   as the text they were stored as (never parsed unless a report other than JSON needs them);
 * - a project rule keeps its last findings when what it reads (ProjectRule.reads) is the same in
 *   the old and new facts of every changed file; otherwise it updates them from the state it left
 *   (ProjectRule.incremental), loading only the facts of the files it looks at again;
 * - summaries and scores come from the last run's per-file summaries and function spans (the basis)
 *   for unchanged files.
 *
 * The result is exactly the judgement of a full run (tested against full runs edit after edit).
 * Whatever does not fit (files added or removed, other settings, too many changes, a rule that
 * cannot be updated, a facts entry gone) falls back to judging anew.
 */
import type { Basis, Judgement, JudgementCache, PreviousRun } from '../cache/judgement-cache.js';
import type { FactsStore } from '../cache/types.js';
import type { FileFacts } from '../facts/types.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { findRule } from '../rules/index.js';
import type { Finding, LazyFile, RuleState } from '../rules/types.js';
import type { FileKey } from './collect.js';
import { basisFile, judgementOf, scoreFileOf, summarizeFile } from './judge.js';
import { FileFindings } from '../model/file-findings.js';
import { compareFindings, type RuleRunner } from './run-rules.js';
import type { SkippedFile } from '../model/analysis.js';

/** With more changed files than this share of all, judging anew costs about as much. */
const MAX_CHANGED_SHARE = 0.25;

/**
 * The files whose facts changed since `previous`, when an incremental run can start from it: same
 * settings, the same files (none added or removed) and the same skipped ones, at least one and at
 * most a quarter of them changed. Undefined otherwise.
 */
export function changedSince(previous: PreviousRun, settings: string, files: readonly FileKey[], skipped: readonly SkippedFile[]): Set<string> | undefined {
  if (previous.settings !== settings || previous.basis.files.length !== files.length) return undefined;
  if (JSON.stringify(sortedSkipped(previous.judgement.skipped)) !== JSON.stringify(sortedSkipped(skipped))) return undefined;
  const lastKey = new Map(previous.basis.files.map((f) => [f.path, f.key]));
  const changed = new Set<string>();
  for (const file of files) {
    const key = lastKey.get(file.path);
    if (key === undefined) return undefined;
    if (key !== file.key) changed.add(file.path);
  }
  if (changed.size === 0 || changed.size > Math.max(1, files.length * MAX_CHANGED_SHARE)) return undefined;
  return changed;
}

function sortedSkipped(skipped: readonly SkippedFile[]): SkippedFile[] {
  return [...skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(({ path, reason, detail }) => ({ path, reason, detail }));
}

/** A facts entry an incremental run needed is gone (pruned meanwhile): judge anew. */
class MissingFacts extends Error {}

export interface IncrementalInput {
  /** Has run the file rules on the changed files' facts (and only those). */
  runner: RuleRunner;
  previous: PreviousRun;
  /** The rule states of the previous run. */
  states: ReadonlyMap<string, RuleState>;
  /** Every analysed file with its facts key now. */
  keys: readonly FileKey[];
  /** The new facts of the changed files. */
  changed: readonly FileFacts[];
  store: FactsStore;
  policy: ResolvedPolicy;
}

/** The judgement and basis of this run from the last one (see the module comment); undefined when it must be judged anew. */
export function judgeIncrementally(input: IncrementalInput): { judgement: Judgement; basis: Basis } | undefined {
  const { previous, store, runner } = input;
  const keyOf = new Map(input.keys.map((f) => [f.path, f.key]));
  const changedFacts = new Map(input.changed.map((f) => [f.path, f]));
  const lastBasis = new Map(previous.basis.files.map((f) => [f.path, f]));
  const files: LazyFile[] = previous.judgement.files.map(({ path, language, generated }) => ({
    path,
    language,
    generated,
    facts: () => changedFacts.get(path) ?? store.get(keyOf.get(path)!) ?? missing(path),
  }));
  const changed = input.changed.map((after) => ({ after, before: store.get(lastBasis.get(after.path)!.key) }));
  const fileFindings = runner.fileFindings();
  if (!fileFindings) return undefined;
  let update;
  try {
    update = runner.updateProjectRules({ files, changed, states: input.states });
  } catch (error) {
    if (error instanceof MissingFacts) return undefined;
    throw error;
  }
  if (!update) return undefined;
  const byFile = updatedFindings(previous.judgement.byFile, { changed: new Set(changedFacts.keys()), projectRules: runner.projectRuleIds, replaced: update.replaced, added: [...fileFindings, ...update.findings] });
  const summaries = previous.judgement.files.map((summary) => {
    const facts = changedFacts.get(summary.path);
    return facts ? summarizeFile(facts, runner.kindOf(facts)) : summary;
  });
  const scoreFiles = summaries.map((summary) => changedFacts.get(summary.path) ?? scoreFileOf(lastBasis.get(summary.path)!, summary.codeLines));
  const basis = previous.basis.files.map((entry) => {
    const facts = changedFacts.get(entry.path);
    return facts ? basisFile(facts, keyOf.get(entry.path)!) : entry;
  });
  return {
    judgement: judgementOf({ byFile, files: summaries, scoreFiles, skipped: previous.judgement.skipped, policy: input.policy }),
    basis: { files: basis },
  };
}

/**
 * The last run's findings by file with: the file rules' findings of the changed files, and each
 * updated project rule's findings of the files it replaced, exchanged for the new ones (`added`,
 * sealed). A file nothing touched keeps its stored group as it is (never parsed).
 */
function updatedFindings(last: readonly FileFindings[], update: { changed: ReadonlySet<string>; projectRules: ReadonlySet<string>; replaced: ReadonlyMap<string, ReadonlySet<string>>; added: readonly Finding[] }): FileFindings[] {
  const added = new Map<string, Finding[]>();
  for (const finding of update.added) {
    const list = added.get(finding.file);
    if (list) list.push(finding);
    else added.set(finding.file, [finding]);
  }
  const touched = new Set([...update.changed, ...added.keys(), ...[...update.replaced.values()].flatMap((paths) => [...paths])]);
  const lastOf = new Map(last.map((group) => [group.path, group]));
  const paths = [...new Set([...lastOf.keys(), ...added.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const groups: FileFindings[] = [];
  for (const path of paths) {
    const group = lastOf.get(path);
    if (!touched.has(path)) {
      groups.push(group!);
      continue;
    }
    // A file rule's findings go with the file's facts; a project rule's with its update.
    const kept = (group?.findings ?? []).filter((f) => (update.projectRules.has(f.ruleId) ? !update.replaced.get(f.ruleId)?.has(path) : !update.changed.has(path)));
    const findings = [...kept, ...(added.get(path) ?? [])].sort(compareFindings);
    if (findings.length === 0) continue;
    // Rechecked but found the same (most files a rescan looks at again): the stored group stays, so
    // that it is neither rendered again nor counted as a change over the base.
    const now = FileFindings.of(path, findings);
    groups.push(group && group.json === now.json ? group : now);
  }
  return groups;
}

function missing(path: string): never {
  throw new MissingFacts(`the cached facts of ${path} are gone`);
}

/** A patch larger than this share of the findings' text is stored as a new base instead. */
const MAX_PATCH_SHARE = 0.25;

/**
 * Stores a run's judgement, basis and rule states: after an incremental run whose changes are small
 * (every rule kept its base, the findings that differ from the base are a small share), as a patch
 * over the last base; otherwise as a new base (rule states with their patches applied). Returns a
 * write error, if any.
 */
export function storeRun(
  cache: JudgementCache,
  run: { slot: string; key: string; judgement: Judgement; basis: Basis & { settings: string }; states: ReadonlyMap<string, RuleState>; last?: { previous: PreviousRun; states: ReadonlyMap<string, RuleState> } },
): string | undefined {
  const { slot, key, judgement, basis, states, last } = run;
  if (last && patchable(last, judgement, states)) {
    const rulePatches = new Map<string, Uint8Array>();
    for (const [id, state] of states) if (state.patch) rulePatches.set(id, state.patch);
    return cache.writePatch(slot, key, last.previous, judgement, basis, rulePatches);
  }
  const bases = new Map<string, Uint8Array>();
  for (const [id, state] of states) {
    const rule = findRule(id);
    const base = state.patch && rule?.scope === 'project' ? rule.incremental?.rebase(state) : state.base;
    if (base) bases.set(id, base);
  }
  return cache.writeBase(slot, key, judgement, basis, bases);
}

function patchable(last: { previous: PreviousRun; states: ReadonlyMap<string, RuleState> }, judgement: Judgement, states: ReadonlyMap<string, RuleState>): boolean {
  for (const [id, state] of states) if (state.base !== last.states.get(id)?.base) return false;
  let own = 0;
  let total = 0;
  for (const group of judgement.byFile) {
    total += group.bytes.byteLength;
    if (!last.previous.base.groups.has(group)) own += group.bytes.byteLength;
  }
  return own <= total * MAX_PATCH_SHARE;
}

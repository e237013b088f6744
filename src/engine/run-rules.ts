import { isDeepStrictEqual } from 'node:util';
import type { FileFacts } from '../facts/types.js';
import { languageOf } from '../discovery/language.js';
import { fnv1a } from '../languages/shared/text.js';
import { ruleFilter, testMatcher, type FileKind, type RuleFilter } from '../policy/file-kinds.js';
import type { ResolvedPolicy, ResolvedRule } from '../policy/types.js';
import { PathSettings } from '../policy/overrides.js';
import { ALL_RULES } from '../rules/index.js';
import { formatMessage, SEVERITY_WEIGHT, type Finding, type LazyFile, type ProjectRule, type Report, type Rule, type RuleState } from '../rules/types.js';
import { project } from '../model/projection.js';
import type { SkippedFile as SkippedEntry } from '../model/analysis.js';
import type { ProjectRuleRequest, RuleOutcome } from './worker.js';

const HEX = 16;
const LANE_HEX_DIGITS = 8;
/** Seed of the second hash lane (any odd constant different from FNV's offset basis). */
const SECOND_LANE_SEED = '\u0001connascence';

/** Hash of the second lane's seed: the lane goes on from here, as if the seed were prefixed to the input. */
const SECOND_LANE_START = fnv1a(SECOND_LANE_SEED);

const BYTE_HEX_DIGITS = LANE_HEX_DIGITS / 4;
/** Two hex digits of each byte value: a lane is four lookups (several times faster than toString(16) + padStart). */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(HEX).padStart(BYTE_HEX_DIGITS, '0'));
const BYTE = 0xff;

/** A 32-bit lane as 8 lower-case hex digits. */
const hex = (lane: number): string => BYTE_HEX[lane >>> 24]! + BYTE_HEX[(lane >>> 16) & BYTE]! + BYTE_HEX[(lane >>> 8) & BYTE]! + BYTE_HEX[lane & BYTE]!;

type FindingBuilder = (report: Report, file: string) => Finding;

/** Turns the reports of one rule into findings: severity from the policy, message from the rule's templates. */
const findingBuilder = (rule: Rule, setting: ResolvedRule): FindingBuilder => (report, file) => toFinding(rule, setting, report, report.file ?? file);

function toFinding(rule: Rule, setting: ResolvedRule, report: Report, file: string): Finding {
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity: report.atLeast !== undefined && SEVERITY_WEIGHT[report.atLeast] > SEVERITY_WEIGHT[setting.severity] ? report.atLeast : setting.severity,
    file,
    line: report.line,
    column: report.column ?? 1,
    message: formatMessage(rule.meta.messages[report.messageId] ?? report.messageId, report.data),
    fingerprint: report.key,
  };
  if (report.endLine !== undefined) finding.endLine = report.endLine;
  if (report.endColumn !== undefined) finding.endColumn = report.endColumn;
  if (report.related && report.related.length > 0) finding.related = report.related;
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * Stable fingerprints: 64 bits as 16 hex digits from two FNV-1a lanes (the second one seeded with
 * SECOND_LANE_SEED) over (rule, file, key) — never the line, so a finding keeps its identity when
 * code above it moves. Equal keys in one file get an occurrence suffix, in sorted order. Stable
 * across runs and versions, and much cheaper than sha1 for 10^5 findings.
 */
function assignFingerprints(findings: Finding[]): void {
  // Occurrences are counted by the fingerprint of the base text (no long string keys): the n-th
  // equal base hashes on with `\0n`, which is the fingerprint of `${base}\0${n}`. Findings come
  // sorted by file, so the lanes of each `${rule}\0${file}\0` prefix and the occurrence counts are
  // kept per file.
  let file: string | undefined;
  let prefixes = new Map<string, [number, number]>();
  let seen = new Map<string, number>();
  for (const finding of findings) {
    if (finding.file !== file) {
      file = finding.file;
      prefixes = new Map();
      seen = new Map();
    }
    let prefix = prefixes.get(finding.ruleId);
    if (prefix === undefined) {
      const text = `${finding.ruleId}\u0000${file}\u0000`;
      prefix = [fnv1a(text), fnv1a(text, SECOND_LANE_START)];
      prefixes.set(finding.ruleId, prefix);
    }
    const a = fnv1a(finding.fingerprint, prefix[0]);
    const b = fnv1a(finding.fingerprint, prefix[1]);
    const first = hex(a) + hex(b);
    const count = (seen.get(first) ?? 0) + 1;
    seen.set(first, count);
    finding.fingerprint = count === 1 ? first : hex(fnv1a(`\u0000${count}`, a)) + hex(fnv1a(`\u0000${count}`, b));
  }
}

interface Enabled {
  rule: Rule;
  context: { options: ResolvedRule['options'] };
  build: FindingBuilder;
}

/** Runs a project rule on an idle pool worker, or returns undefined when none is free. */
export type Offload = (request: Omit<ProjectRuleRequest, 'kind' | 'id'>) => Promise<RuleOutcome> | undefined;

/** A file whose facts changed since the last run: its facts then (undefined when no longer cached) and now. */
export interface ChangedFile {
  before?: FileFacts;
  after: FileFacts;
}

/**
 * Runs the enabled rules of a policy. File rules run as each file's facts arrive (so they
 * overlap with parsing); project rules run once in `finish`, over the facts of every file.
 */
export class RuleRunner {
  private readonly fileRules: Enabled[] = [];
  private readonly projectRules: Enabled[] = [];
  private readonly skippedRules: Enabled[] = [];
  /**
   * The file rules' findings of each file, sealed as the file arrives: fingerprints are numbered
   * per (rule, file, key), so a file's own findings can be sealed alone, off the critical path.
   */
  private readonly sealedByFile: Finding[][] = [];
  /** Findings sealed at the end: the project rules', and any a file rule places in another file. */
  private findings: Finding[] = [];
  private readonly withStates: boolean;
  /** The states the incremental project rules left (with `states` on), by rule id. */
  readonly states = new Map<string, RuleState>();
  /** Whether a file rule placed a finding in another file than its own (per-file findings are then not self-contained). */
  private crossFile = false;
  private readonly isTestPath: (path: string) => boolean;
  private readonly isVendoredPath: (path: string) => boolean;
  private readonly judges: RuleFilter;
  private readonly overrides: PathOverrides;

  constructor(policy: ResolvedPolicy, options: { states?: boolean } = {}) {
    this.withStates = options.states ?? false;
    this.isTestPath = testMatcher(policy.tests, 'tests');
    this.isVendoredPath = testMatcher(policy.vendored, 'vendored');
    this.judges = ruleFilter(policy);
    this.overrides = new PathOverrides(policy);
    for (const rule of ALL_RULES) {
      const setting = policy.rules.get(rule.meta.id);
      if (!setting) continue;
      // A rule off at the top may be on for the files of an override: it runs, and the override decides per file.
      if (rule.scope === 'directive' || (!setting.enabled && !this.overrides.mayEnable(rule.meta.id))) continue;
      const enabled = { rule, context: { options: setting.options }, build: this.overrides.builder(rule, setting) };
      (rule.scope === 'project' ? this.projectRules : rule.scope === 'skipped' ? this.skippedRules : this.fileRules).push(enabled);
    }
  }

  /** Whether the file is a test (the policy's globs) and whether it is generated (its facts) or vendored (the policy's globs). */
  kindOf(file: { path: string; generated?: boolean }): FileKind {
    return { test: this.isTestPath(file.path), generated: file.generated === true || this.isVendoredPath(file.path) };
  }

  /** The files of `files` that `rule` judges: its languages, and the kinds of file it judges. */
  private relevantTo<T extends { path: string; language: FileFacts['language']; generated?: boolean }>(rule: Rule, files: readonly T[]): T[] {
    return files.filter((file) => rule.meta.languages.includes(file.language) && this.judges(rule.meta, this.kindOf(file)));
  }

  addFile(facts: FileFacts): void {
    const own: Finding[] = [];
    const kind = this.kindOf(facts);
    for (const enabled of this.fileRules) {
      const { rule, build } = enabled;
      if (rule.scope !== 'file' || !rule.meta.languages.includes(facts.language) || !this.judges(rule.meta, kind)) continue;
      const context = this.overrides.contextFor(enabled, facts.path);
      if (!context) continue;
      for (const report of rule.check(facts, context)) {
        const finding = build(report, facts.path);
        if (finding.file === facts.path) own.push(finding);
        else {
          this.crossFile = true;
          this.findings.push(finding);
        }
      }
    }
    if (own.length > 0) this.sealedByFile.push(seal(own));
  }

  /**
   * The rules on skipped files (SKIPPED_FILE), for the skipped entries named like source. Their
   * findings are sealed with the file's own, so an incremental run (same skipped files) keeps them.
   */
  addSkipped(skipped: readonly SkippedEntry[]): void {
    for (const entry of skipped) {
      const language = languageOf(entry.path);
      if (!language) continue;
      const own: Finding[] = [];
      const kind = this.kindOf({ path: entry.path });
      for (const enabled of this.skippedRules) {
        const { rule, build } = enabled;
        const context = this.overrides.contextFor(enabled, entry.path);
        if (!context || rule.scope !== 'skipped' || !rule.meta.languages.includes(language) || !this.judges(rule.meta, kind)) continue;
        for (const report of rule.check({ path: entry.path, language, reason: entry.reason, detail: entry.detail, ...(entry.hidden ? { hidden: entry.hidden } : {}) }, context)) own.push(build(report, entry.path));
      }
      if (own.length > 0) this.sealedByFile.push(seal(own));
    }
  }

  /** `files` must be in a deterministic order (sorted by path) for stable project findings. */
  finish(files: readonly FileFacts[]): Finding[] {
    this.runProjectRules(this.projectRules, files);
    return this.merge([seal(this.findings)]);
  }

  /** Every sealed group, in report order. */
  private merge(groups: Finding[][]): Finding[] {
    this.findings = [...this.sealedByFile, ...groups].flat().sort(compareFindings);
    this.sealedByFile.length = 0;
    return this.findings;
  }

  private runProjectRules(rules: readonly Enabled[], files: readonly FileFacts[]): void {
    for (const { rule, context, build } of rules) {
      if (rule.scope !== 'project') continue;
      const relevant = this.relevantTo(rule, files);
      let reports: Report[];
      if (this.withStates && rule.incremental) {
        const outcome = rule.incremental.checkWithState(relevant, context);
        this.states.set(rule.meta.id, { base: outcome.state });
        reports = outcome.reports;
      } else reports = rule.check(relevant, context);
      for (const report of reports) {
        const finding = build(report, '');
        if (this.overrides.keeps(finding)) this.findings.push(finding);
      }
    }
  }

  /**
   * Like `finish`, but project rules that may be offloaded (ProjectRule.offload) go to `offload`
   * (an idle pool worker) when it takes them, and run there while the main thread runs the others.
   * Findings are the same either way: they are sorted before fingerprints are assigned.
   */
  async finishParallel(files: readonly FileFacts[], offload: Offload): Promise<Finding[]> {
    const remote: Array<Promise<Finding[]>> = [];
    const local: Enabled[] = [];
    for (const enabled of this.projectRules) {
      const { rule, context, build } = enabled;
      const withState = this.withStates && rule.scope === 'project' && rule.incremental !== undefined;
      const reads = rule.scope === 'project' && rule.offload ? rule.reads : undefined;
      const pending = reads ? offload({ ruleId: rule.meta.id, options: context.options, files: this.relevantTo(rule, files).map((facts) => project(facts, reads) as FileFacts), withState }) : undefined;
      if (!pending) local.push(enabled);
      else {
        remote.push(
          pending.then(({ reports, state }) => {
            if (state) this.states.set(rule.meta.id, { base: state });
            return reports.map((report) => build(report, '')).filter((finding) => this.overrides.keeps(finding));
          }),
        );
      }
    }
    this.runProjectRules(local, files);
    // Fingerprints are numbered per (rule, file, key), so each rule's findings can be sealed on
    // their own: the ones at hand now, while the offloaded rules still run, and theirs on arrival.
    const sealed = [seal(this.findings)];
    for (const findings of await Promise.all(remote)) sealed.push(seal(findings));
    return this.merge(sealed);
  }

  /** Ids of the enabled project rules. */
  get projectRuleIds(): ReadonlySet<string> {
    return new Set(this.projectRules.map((enabled) => enabled.rule.meta.id));
  }

  /**
   * The file rules' findings of the files given to addFile, sealed; undefined when a file rule placed
   * a finding in another file (a file's findings then depend on other files: no incremental run).
   */
  fileFindings(): Finding[] | undefined {
    if (this.crossFile) return undefined;
    const findings = this.sealedByFile.flat();
    this.sealedByFile.length = 0;
    return findings;
  }

  /**
   * An incremental run's project rules (engine/incremental.ts), after the files in `changed` got new
   * facts. A project rule keeps its last findings when what it reads is the same in the old and new
   * facts of every changed file; otherwise an incremental one updates its findings from its state and
   * says which files' findings of it the new ones replace (`replaced`, rule id -> paths). Undefined
   * when some rule cannot be brought up to date that way: judge anew.
   */
  updateProjectRules(input: { files: readonly LazyFile[]; changed: readonly ChangedFile[]; states: ReadonlyMap<string, RuleState> }): { replaced: Map<string, ReadonlySet<string>>; findings: Finding[] } | undefined {
    const replaced = new Map<string, ReadonlySet<string>>();
    const findings: Finding[] = [];
    // A changed file that became generated, or stopped being so, enters or leaves the rules' files.
    const wasGenerated = new Map(input.files.map((file) => [file.path, file.generated === true]));
    if (input.changed.some(({ after }) => wasGenerated.get(after.path) !== after.generated)) return undefined;
    for (const { rule, context, build } of this.projectRules) {
      if (rule.scope !== 'project') continue;
      const id = rule.meta.id;
      const changed = input.changed.filter((c) => this.relevantTo(rule, [c.after]).length > 0);
      const state = input.states.get(id);
      if (changed.length === 0 || readsUnchanged(rule, changed)) {
        // Nothing it reads changed: its findings and its state stay as they are.
        if (rule.incremental && state) this.states.set(id, state);
        continue;
      }
      if (rule.incremental && state) {
        const files = this.relevantTo(rule, input.files);
        const update = rule.incremental.update(files, new Set(changed.map((c) => c.after.path)), state, context);
        if (!update) return undefined;
        this.states.set(id, update.state);
        replaced.set(id, update.rechecked);
        findings.push(...seal(update.reports.map((report) => build(report, '')).filter((finding) => this.overrides.keeps(finding))));
        continue;
      }
      return undefined;
    }
    return { replaced, findings };
  }
}

/**
 * The config's `overrides` (later entries win). A file rule runs on each file with the setting the
 * overrides give that file (on or off, severity, options); a project rule runs once with the top
 * setting's options, and its findings take the enablement and severity the overrides give the file
 * they are in (options of a project rule, a threshold over all files, apply project-wide).
 */
class PathOverrides {
  private readonly settings: PathSettings;

  constructor(policy: ResolvedPolicy) {
    this.settings = new PathSettings(policy);
  }

  mayEnable(id: string): boolean {
    return this.settings.mayEnable(id);
  }

  /** The context of a file rule on a file, undefined when the rule is off there. */
  contextFor(enabled: Enabled, path: string): Enabled['context'] | undefined {
    if (this.settings.empty) return enabled.context;
    const setting = this.settings.settingFor(enabled.rule.meta.id, path);
    return setting?.enabled ? { options: setting.options } : undefined;
  }

  /** findingBuilder with the severity of the finding's file; a finding in a file where the rule is off is dropped later (`keeps`). */
  builder(rule: Rule, setting: ResolvedRule): FindingBuilder {
    if (this.settings.empty) return findingBuilder(rule, setting);
    return (report, file) => {
      const at = report.file ?? file;
      return toFinding(rule, this.settings.settingFor(rule.meta.id, at) ?? setting, report, at);
    };
  }

  /** Whether a finding stays: its rule is on for its file. */
  keeps(finding: Finding): boolean {
    return this.settings.empty || this.settings.settingFor(finding.ruleId, finding.file)?.enabled === true;
  }
}

/** Whether what `rule` reads is the same in the old and new facts of every changed file. */
function readsUnchanged(rule: ProjectRule, changed: readonly ChangedFile[]): boolean {
  const reads = rule.reads;
  if (!reads) return false;
  return changed.every(({ before, after }) => before !== undefined && before.language === after.language && reads.every((field) => isDeepStrictEqual(before[field], after[field])));
}

/** Sorts findings and assigns their fingerprints (once per finding: it replaces the rule's key). */
export function seal(findings: Finding[]): Finding[] {
  findings.sort(compareFindings);
  assignFingerprints(findings);
  return findings;
}



/** Runs every enabled rule of the policy: file rules per file of their languages, project rules once. */
export function runRules(files: readonly FileFacts[], policy: ResolvedPolicy): Finding[] {
  const runner = new RuleRunner(policy);
  for (const facts of files) runner.addFile(facts);
  return runner.finish(files);
}

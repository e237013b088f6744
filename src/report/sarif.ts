import { pathToFileURL } from 'node:url';
import type { AnalysisResult } from '../model/analysis.js';
import type { Finding, RuleFamily, RuleMeta, Severity } from '../rules/types.js';
import { baselineStateOf } from '../model/finding-lines.js';
import { compareByLocation, describeSuppression, listedSuppressed, ruleMeta, safetySwitches, SEVERITY_LEVEL, sortedFindings, switchesHeading, switchSource } from './common.js';
import type { ReportOptions } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
export const FINGERPRINT_KEY = 'connascence/v1';
const SRCROOT = 'SRCROOT';
/** Where the tool is described (SARIF `tool.driver.informationUri`): its npm page. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/connascence';
/** GitHub code scanning keeps the first 5,000 results of a run (by severity) and reads 1,000 related locations at most. */
export const SARIF_MAX_RESULTS = 5000;
export const SARIF_MAX_RELATED = 100;
/** Suppressed critical, high and safety findings named one notification each; the rest are counted in one more. */
export const SARIF_MAX_SUPPRESSED_NOTES = 1000;
const INDENT = 2;

/** GitHub code scanning `problem.severity` of each severity. */
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
};

/** GitHub `security-severity` (CVSS-like 0..10) for rules of the security family. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };

/** Families whose findings are exact measurements (SARIF/GitHub `precision` very-high; others high). */
const EXACT_FAMILIES: ReadonlySet<RuleFamily> = new Set(['god-object', 'complexity', 'nasa', 'architecture', 'parse']);

type Json = Record<string, unknown>;
type Related = NonNullable<Finding['related']>[number];

/** `CON_POSITION` -> `ConPosition`. */
export function pascalCase(id: string): string {
  return id
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function helpOf(meta: RuleMeta): { text: string; markdown: string } {
  const { docs } = meta;
  const options = Object.entries(docs.options ?? {}).map(([name, text]) => `- ${name}: ${text}`);
  const text = [
    `What it does: ${docs.whatItDoes}`,
    `Why is this bad? ${docs.whyIsThisBad}`,
    `Example:\n${docs.example}`,
    `Use instead:\n${docs.useInstead}`,
    ...(options.length > 0 ? [`Options:\n${options.join('\n')}`] : []),
  ].join('\n\n');
  const markdown = [
    `## What it does\n\n${docs.whatItDoes}`,
    `## Why is this bad?\n\n${docs.whyIsThisBad}`,
    `## Example\n\n\`\`\`\n${docs.example}\n\`\`\``,
    `## Use instead\n\n\`\`\`\n${docs.useInstead}\n\`\`\``,
    ...(options.length > 0 ? [`## Options\n\n${options.join('\n')}`] : []),
  ].join('\n\n');
  return { text, markdown };
}

function ruleProperties(meta: RuleMeta): Json {
  const properties: Json = {
    tags: [meta.family],
    precision: EXACT_FAMILIES.has(meta.family) ? 'very-high' : 'high',
    'problem.severity': PROBLEM_SEVERITY[meta.defaultSeverity],
  };
  if (meta.family === 'security') properties['security-severity'] = SECURITY_SEVERITY[meta.defaultSeverity];
  return properties;
}

/** The rule's `name`: its id in PascalCase, never equal to the id (ignoring case: SARIF1001), so `COMPLEXITY` is `ComplexityRule`. */
export function ruleName(id: string): string {
  const name = pascalCase(id);
  return name.toLowerCase() === id.toLowerCase() ? `${name}Rule` : name;
}

/** Descriptor of one rule; ids no rule declares get a minimal one from their findings. */
function ruleDescriptor(id: string, findings: readonly Finding[]): Json {
  const meta = ruleMeta(id);
  if (!meta) {
    const severity = findings.find((f) => f.ruleId === id)?.severity ?? 'medium';
    return { id, name: ruleName(id), defaultConfiguration: { level: SEVERITY_LEVEL[severity] } };
  }
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: helpOf(meta),
    defaultConfiguration: { level: SEVERITY_LEVEL[meta.defaultSeverity] },
    properties: ruleProperties(meta),
  };
}

/** Enabled rules in policy order, then ids that only appear in findings, sorted. */
export function sarifRuleIds(result: AnalysisResult): string[] {
  const ids = [...new Set(result.enabledRules)];
  const extra = [...new Set(result.findings.map((f) => f.ruleId))].filter((id) => !ids.includes(id)).sort();
  return [...ids, ...extra];
}

function region(finding: { line: number; column?: number; endLine?: number; endColumn?: number }): Json | undefined {
  if (!(finding.line >= 1)) return undefined;
  const out: Json = { startLine: finding.line };
  if (finding.column !== undefined && finding.column >= 1) out.startColumn = finding.column;
  if (finding.endLine !== undefined && finding.endLine >= finding.line) out.endLine = finding.endLine;
  if (finding.endColumn !== undefined && finding.endColumn >= 1) out.endColumn = finding.endColumn;
  return out;
}

function physicalLocation(file: string, span: Parameters<typeof region>[0]): Json {
  const artifactLocation = { uri: relativeUri(file), uriBaseId: SRCROOT };
  const where = region(span);
  return where ? { artifactLocation, region: where } : { artifactLocation };
}

/**
 * A SARIF message's text: `[text](target)` in it is an embedded link (SARIF 2.1.0 §3.11.6), so a
 * literal bracket (and a backslash before one) is escaped with a backslash, as the format says; a
 * viewer shows the text as it was.
 */
export function sarifText(text: string): string {
  return text.replace(/\\(?=[[\]])/g, '\\\\').replace(/[[\]]/g, (ch) => `\\${ch}`);
}

function relatedLocation(related: Related, index: number): Json {
  const location: Json = { id: index, physicalLocation: physicalLocation(related.file, related) };
  if (related.message) location.message = { text: sarifText(related.message) };
  return location;
}

function sarifResult(finding: Finding, ruleIndex: Map<string, number>): Json {
  const out: Json = {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: SEVERITY_LEVEL[finding.severity],
    message: { text: sarifText(finding.message) },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding) }],
  };
  if (finding.related && finding.related.length > 0) out.relatedLocations = finding.related.slice(0, SARIF_MAX_RELATED).map(relatedLocation);
  out.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
  const baselineState = baselineStateOf(finding);
  if (baselineState) out.baselineState = baselineState;
  out.properties = { severity: finding.severity };
  return out;
}

function suppressedResult(finding: NonNullable<ReportOptions['suppressed']>[number], ruleIndex: Map<string, number>): Json {
  const out = sarifResult(finding, ruleIndex);
  out.suppressions = [{ kind: 'inSource', ...(finding.suppression.reason !== undefined ? { justification: finding.suppression.reason } : {}) }];
  return out;
}

function notification(file: string, level: 'warning' | 'note', text: string): Json {
  return { level, message: { text: sarifText(text) }, locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: SRCROOT } } }] };
}

/** Parse errors and skipped files, reported as tool execution notifications. */
function notifications(result: AnalysisResult): Json[] {
  const parseErrors = result.files
    .filter((f) => f.parseError)
    .map((f) => {
      const finding = result.findings.find((x) => x.file === f.path && x.ruleId === 'PARSE_ERROR');
      return notification(f.path, 'warning', `Could not parse ${f.path}${finding ? `: ${finding.message}` : ''}`);
    });
  const skipped = result.skipped.map((s) => notification(s.path, 'note', `Skipped ${s.path} (${s.reason}): ${s.detail}`));
  return [...parseErrors, ...skipped];
}

function driver(result: AnalysisResult, options: ReportOptions, ruleIds: readonly string[]): Json {
  const out: Json = { name: 'connascence', version: options.toolVersion, semanticVersion: options.toolVersion };
  out.informationUri = options.informationUri ?? INFORMATION_URI;
  out.rules = ruleIds.map((id) => ruleDescriptor(id, result.findings));
  return out;
}

/** A reference to a rule of the driver (by index when the log describes it). */
function ruleReference(id: string, ruleIndex: Map<string, number>): Json {
  const index = ruleIndex.get(id);
  return index === undefined ? { id } : { id, index };
}

/**
 * The suppressed critical, high and safety findings, when the log does not hold them as suppressed results
 * (--include-suppressed): one warning each, at the finding, naming its rule, severity and the comment.
 */
function suppressedNotes(options: ReportOptions, ruleIndex: Map<string, number>): Json[] {
  if (options.includeSuppressed) return [];
  const listed = listedSuppressed(options);
  const notes = listed.slice(0, SARIF_MAX_SUPPRESSED_NOTES).map((f) => ({
    level: 'warning',
    message: { text: `Suppressed ${f.severity} finding ${f.ruleId}: ${f.message} (${describeSuppression(f)})` },
    locations: [{ physicalLocation: physicalLocation(f.file, f) }],
    associatedRule: ruleReference(f.ruleId, ruleIndex),
    properties: { severity: f.severity, suppression: { ...f.suppression } },
  }));
  const rest = listed.length - notes.length;
  if (rest > 0) notes.push({ level: 'warning', message: { text: `${rest} more suppressed critical, high and safety findings (see the JSON report's "suppressed").` } } as (typeof notes)[number]);
  return notes;
}

/** Each setting that weakens a safety rule or leaves files out: a tool configuration notification, with where it came from. */
function configurationNotes(options: ReportOptions, ruleIndex: Map<string, number>): Json[] {
  const switches = safetySwitches(options);
  if (switches.length === 0) return [];
  const heading = switchesHeading(options);
  return switches.map((entry) => ({
    level: 'warning',
    message: { text: `${entry.change} (${switchSource(entry)}). ${heading}.` },
    ...(entry.rule !== undefined ? { associatedRule: ruleReference(entry.rule, ruleIndex) } : {}),
    properties: { setting: entry.setting, source: entry.source },
  }));
}

function invocation(result: AnalysisResult, options: ReportOptions, leftOut: number, limit: number, ruleIndex: Map<string, number>): Json {
  const notes = [...notifications(result), ...suppressedNotes(options, ruleIndex)];
  if (leftOut > 0) notes.push({ level: 'warning', message: { text: `${leftOut} results were left out: this log holds the ${limit} most severe and new ones (--sarif-max-results; GitHub code scanning keeps ${SARIF_MAX_RESULTS} per run).` } });
  // A failing gate names each limit that failed: a budget, the --fail-on threshold.
  if (options.gate && !options.gate.passed) for (const reason of options.gate.reasons ?? []) notes.push({ level: 'error', message: { text: `Gate failed: ${reason}` } });
  const configuration = configurationNotes(options, ruleIndex);
  return {
    executionSuccessful: true,
    ...(notes.length > 0 ? { toolExecutionNotifications: notes } : {}),
    ...(configuration.length > 0 ? { toolConfigurationNotifications: configuration } : {}),
  };
}

/** Most severe first, then the new ones (with a baseline), then by location: the order GitHub keeps results in. */
function compareForUpload(a: Finding, b: Finding): number {
  const isNew = (f: Finding): number => (baselineStateOf(f) === 'unchanged' ? 1 : 0);
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || isNew(a) - isNew(b) || compareByLocation(a, b);
}
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Without its trailing slashes; by hand (`/\/+$/` rescans a run of slashes from each one). */
function trimSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}

/** The category of the run (`automationDetails.id`): `connascence/<analysed path>/` (`connascence/` for the working directory), so that several analysed folders upload side by side. */
export function sarifCategory(result: AnalysisResult, options: ReportOptions): string {
  if (options.sarifCategory !== undefined) return options.sarifCategory.endsWith('/') ? options.sarifCategory : `${options.sarifCategory}/`;
  const prefix = trimSlashes(options.paths?.prefix ?? '');
  return prefix === '' ? 'connascence/' : `connascence/${prefix}/`;
}

/** The SARIF log object: one run, rule metadata, results with fingerprints. */
export function buildSarifLog(result: AnalysisResult, options: ReportOptions): Json {
  const ruleIds = sarifRuleIds(result);
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const properties: Json = { policy: result.policy, scores: { ...result.summary.scores } };
  if (options.gate) properties.gate = { ...options.gate };
  const limit = options.sarifMaxResults ?? SARIF_MAX_RESULTS;
  const candidates = options.sarifNewOnly && options.baseline ? result.findings.filter((f) => baselineStateOf(f) !== 'unchanged') : result.findings;
  const kept = candidates.length > limit ? [...candidates].sort(compareForUpload).slice(0, limit) : candidates;
  const run = {
    tool: { driver: driver(result, options, ruleIds) },
    invocations: [invocation(result, options, candidates.length - kept.length, limit, ruleIndex)],
    automationDetails: { id: sarifCategory(result, options) },
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri(options.paths?.base ?? result.root) } },
    results: [
      ...sortedFindings(kept).map((f) => sarifResult(f, ruleIndex)),
      // Left out by default: GitHub code scanning shows suppressed results as open alerts.
      ...(options.includeSuppressed ? (options.suppressed ?? []).map((f) => suppressedResult(f, ruleIndex)) : []),
    ],
    columnKind: 'utf16CodeUnits',
    properties,
  };
  return { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs: [run] };
}

export function renderSarif(result: AnalysisResult, options: ReportOptions): string {
  return `${JSON.stringify(buildSarifLog(result, options), null, INDENT)}\n`;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { buildSarifLog, pascalCase, relativeUri } from '../../src/report/sarif.js';
import { makeResult, NON_ASCII_FILE, OPTIONS, TRICKY_MESSAGE } from './fixture.js';
import { SARIF_SCHEMA_PATH, sarifValidator } from './schemas.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: Record<string, number> } }>;
  relatedLocations?: Array<{ id: number; physicalLocation: { artifactLocation: { uri: string } }; message?: { text: string } }>;
  partialFingerprints: Record<string, string>;
  baselineState?: string;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<Record<string, unknown> & { id: string }> } };
    results: SarifResult[];
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ level: string; message: { text: string } }> }>;
  }>;
}

const render = (result = makeResult()): SarifLog => JSON.parse(renderReport(result, 'sarif', OPTIONS)) as SarifLog;

/** Draft-04-only constructs other than the root `id` (which the validator converts). */
function draft4Constructs(node: unknown, parentKey = '', path = '#'): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = Object.entries(node).flatMap(([key, value]) => {
    const isBooleanExclusive = (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean';
    const isNestedId = key === 'id' && typeof value === 'string' && parentKey !== 'properties' && path !== '#';
    return isBooleanExclusive || isNestedId ? [`${path}/${key}`] : [];
  });
  const children = Object.entries(node).flatMap(([key, value]) => draft4Constructs(value, key, `${path}/${key}`));
  return [...own, ...children];
}

describe('sarif report', () => {
  const validate = sarifValidator();

  it('uses only draft-04 features that draft-07 validation treats the same', () => {
    expect(draft4Constructs(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')))).toEqual([]);
  });

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const log = render();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails validation when the log is broken', () => {
    const log = render() as unknown as { version: string; runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0]!.results[0]!.level = 'fatal';
    delete log.runs[0]!.results[0]!.message;
    expect(validate(log)).toBe(false);
    expect(validate({ ...render(), version: '2.0.0' })).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(0);
  });

  it('has the header, one run, the root as SRCROOT and a successful invocation', () => {
    const log = render();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'connascence', version: '0.1.0' });
    expect(log.runs[0]!.originalUriBaseIds.SRCROOT!.uri).toBe('file:///tmp/proj%C3%A9t%20root/');
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('describes every enabled rule and every rule that has findings, unknown ids included', () => {
    const rules = render().runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['CON_POSITION', 'CON_VALUES', 'DUPLICATION', 'SEC_SECRET', 'PARSE_ERROR', 'LEGACY_UNKNOWN_RULE']);
    const position = rules[0]!;
    expect(position).toMatchObject({
      name: 'ConPosition',
      shortDescription: { text: 'Function takes more positional parameters than the threshold.' },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['connascence'], precision: 'high', 'problem.severity': 'warning' },
    });
    expect((position.fullDescription as { text: string }).text).toMatch(/order of the arguments/);
    expect((position.help as { markdown: string }).markdown).toMatch(/## Why is this bad\?/);
    expect(rules[5]).toMatchObject({ id: 'LEGACY_UNKNOWN_RULE', name: 'LegacyUnknownRule', defaultConfiguration: { level: 'note' } });
  });

  it('maps findings to results with levels, indexes, locations and fingerprints', () => {
    const log = render();
    const { results, tool } = log.runs[0]!;
    expect(results).toHaveLength(makeResult().findings.length);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const levels = Object.fromEntries(results.map((r) => [r.ruleId, r.level]));
    expect(levels).toMatchObject({ SEC_SECRET: 'error', DUPLICATION: 'error', CON_POSITION: 'warning', CON_VALUES: 'note' });
    const position = results.find((r) => r.ruleId === 'CON_POSITION')!;
    expect(position.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/app.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 12, startColumn: 3, endLine: 14, endColumn: 4 },
    });
    expect(position.partialFingerprints).toEqual({ 'connascence/v1': 'CON_POSITION:src/app.ts:move' });
    const values = results.find((r) => r.ruleId === 'CON_VALUES')!;
    expect(values.message.text).toBe(TRICKY_MESSAGE);
    expect(decodeURIComponent(values.locations[0]!.physicalLocation.artifactLocation.uri)).toBe(NON_ASCII_FILE);
  });

  it('reports related locations', () => {
    const duplication = render().runs[0]!.results.find((r) => r.ruleId === 'DUPLICATION')!;
    expect(duplication.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'src/app.ts', uriBaseId: 'SRCROOT' }, region: { startLine: 20, endLine: 32 } }, message: { text: 'clone partner' } },
      { id: 1, physicalLocation: { artifactLocation: { uri: relativeUri(NON_ASCII_FILE), uriBaseId: 'SRCROOT' }, region: { startLine: 5 } } },
    ]);
  });

  it('passes a baseline state through only when the finding has one', () => {
    const result = makeResult();
    const [first, ...rest] = result.findings;
    const withState = { ...result, findings: [{ ...first!, baselineState: 'new' }, ...rest] };
    const results = (buildSarifLog(withState, OPTIONS) as unknown as SarifLog).runs[0]!.results;
    expect(results.filter((r) => r.baselineState !== undefined).map((r) => [r.ruleId, r.baselineState])).toEqual([['CON_POSITION', 'new']]);
    expect(validate(JSON.parse(JSON.stringify(buildSarifLog(withState, OPTIONS))))).toBe(true);
  });

  it('reports parse errors and skipped files as tool execution notifications', () => {
    const notes = render().runs[0]!.invocations[0]!.toolExecutionNotifications ?? [];
    expect(notes.map((n) => n.level)).toEqual(['warning', 'note', 'note']);
    expect(notes[0]!.message.text).toBe('Could not parse broken.py: Syntax error: unexpected indent.');
    expect(notes[2]!.message.text).toMatch(/^Skipped vendor\/huge\.min\.js \(too-large\)/);
  });

  it('is valid with no findings at all', () => {
    const empty = { ...makeResult([]), skipped: [], enabledRules: [] };
    expect(validate(render(empty))).toBe(true);
  });

  it('names rules in PascalCase and encodes paths as URI references', () => {
    expect(pascalCase('NASA_2_UNBOUNDED_LOOP')).toBe('Nasa2UnboundedLoop');
    expect(relativeUri('a b/c#d?.ts')).toBe('a%20b/c%23d%3F.ts');
  });
});

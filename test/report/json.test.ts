import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { byFile, FileFindings } from '../../src/model/file-findings.js';
import { findingJson, findingLines, joinParts, JSON_REPORT_SCHEMA_VERSION, renderJson, renderJsonParts, spliceMetrics } from '../../src/report/json.js';
import { FINDINGS, makeResult, NON_ASCII_FILE, OPTIONS, TRICKY_MESSAGE } from './fixture.js';
import { reportValidator } from './schemas.js';

type Report = Record<string, unknown> & {
  summary: Record<string, unknown>;
  findings: Array<Record<string, unknown>>;
};

const render = (result = makeResult(), options: Parameters<typeof renderReport>[2] = OPTIONS): Report =>
  JSON.parse(renderReport(result, 'json', options)) as Report;

describe('json report', () => {
  const validate = reportValidator();

  it('is valid against schemas/report.schema.json', () => {
    const report = render();
    const valid = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is valid without a gate, findings, skipped files or cache statistics', () => {
    const result = { ...makeResult([]), skipped: [], metrics: { durationMs: 1, phases: {} } };
    expect(validate(render(result, { color: false, toolVersion: '0.1.0' }))).toBe(true);
  });

  it('fails validation when the report is broken', () => {
    const report = render();
    report.findings[0]!.severity = 'fatal';
    expect(validate(report)).toBe(false);
    expect(validate({ ...render(), extra: true })).toBe(false);
  });

  it('has the documented keys in a stable order, pretty-printed', () => {
    const text = renderReport(makeResult(), 'json', OPTIONS);
    expect(text).toMatch(/^\{\n {2}"schemaVersion": "1\.5\.0",\n/);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schemaVersion', 'tool', 'root', 'base', 'policy', 'gate', 'summary', 'findings', 'files', 'skipped', 'metrics']);
    expect(renderReport(makeResult([...makeResult().findings].reverse()), 'json', OPTIONS)).toBe(text);
  });

  it('carries tool, gate, summary and findings faithfully', () => {
    const report = render();
    expect(report.schemaVersion).toBe(JSON_REPORT_SCHEMA_VERSION);
    expect(report.tool).toEqual({ name: 'connascence', version: '0.1.0' });
    expect(report.gate).toEqual({ failOn: 'high', passed: false, failing: 3, reasons: [] });
    expect(report.summary).toMatchObject({ files: 4, findings: 6, bySeverity: { critical: 1, high: 2, medium: 1, low: 2 } });
    expect(Object.keys(report.summary.byRule as object)).toEqual([...Object.keys(report.summary.byRule as object)].sort());
    const values = report.findings.find((f) => f.ruleId === 'CON_VALUES')!;
    expect(values).toMatchObject({ file: NON_ASCII_FILE, message: TRICKY_MESSAGE });
    expect(report.findings.map((f) => `${String(f.file)}:${String(f.line)}`)).toEqual([
      'broken.py:1', 'lib/util.js:7', 'lib/util.js:40', 'src/app.ts:3', 'src/app.ts:12', `${NON_ASCII_FILE}:2`,
    ]);
  });

  it('writes each finding on its own line exactly as JSON.stringify writes the finding object', () => {
    const findings = [
      ...FINDINGS,
      { ...FINDINGS[0]!, message: 'tab\there, "quotes", \\ and \u2028', file: 'a\\b.ts', baselineState: 'new' },
      { ...FINDINGS[2]!, related: [{ message: 'out of order', endLine: 9, line: 1, file: 'z.py' }] },
      { ...FINDINGS[1]!, endLine: undefined, related: [] },
      { ...FINDINGS[3]!, message: 'a message that looks like a boundary: },{"ruleId":"X"}' },
    ];
    const expected = findings.map((f) => `    ${JSON.stringify(findingJson(f))}`).join(',\n');
    expect(findingLines(findings, '    ')).toBe(expected);
  });

  it('renders the same bytes from findings grouped by file (stored lines, as the judgement cache keeps them) as from the findings', () => {
    const result = makeResult();
    const sorted = [...result.findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1)));
    const stored = byFile(sorted).map((group) => FileFindings.stored(group.path, group.json, group.tally));
    const grouped = renderJsonParts({ ...result, findings: [], byFile: stored }, OPTIONS);
    expect(grouped.length).toBeGreaterThan(3);
    expect(joinParts(grouped)).toBe(renderJson(result, OPTIONS));
    expect(joinParts(renderJsonParts({ ...makeResult([]), byFile: [] }, OPTIONS))).toBe(renderJson(makeResult([]), OPTIONS));
  });

  it('splices new metrics into a rendered report exactly as rendering with them would', () => {
    const before = makeResult();
    const after = { ...makeResult(), metrics: { durationMs: 12.5, phases: { discover: 1, hash: 2, parse: 0, rules: 0, report: 0.3 }, cache: { hits: 3, misses: 0, hitRate: 1, corrupt: 0, writeErrors: 0, judgements: 'replayed' as const } } };
    expect(spliceMetrics(renderJson(before, OPTIONS), after.metrics)).toBe(renderJson(after, OPTIONS));
    expect(() => spliceMetrics('{}\n', after.metrics)).toThrow(/no metrics/);
  });
});

import type { AnalysisResult } from '../model/analysis.js';
import { renderGithub } from './github.js';
import { renderJson, renderJsonParts, type ReportPart } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import { withDisplayPaths } from './paths.js';
import type { ReportOptions } from './types.js';

export type { GateSummary, ReportOptions } from './types.js';
export { pathBaseOf, type PathBase } from './paths.js';
export { joinParts, type ReportPart } from './json.js';

import type { ReportFormat } from './formats.js';
import { inertJson, inertText } from '../printable.js';

export { REPORT_FORMATS, type ReportFormat } from './formats.js';

const RENDERERS: Record<ReportFormat, (result: AnalysisResult, options: ReportOptions) => string> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  markdown: renderMarkdown,
  github: renderGithub,
};

/** renderReport as consecutive parts (a JSON report: one per file's findings), to be written one after the other. */
export function renderReportParts(result: AnalysisResult, format: ReportFormat, options: ReportOptions): ReportPart[] {
  const prefix = options.paths?.prefix ?? '';
  const shown = withDisplayPaths(result, prefix);
  const shownOptions = prefix !== '' && options.suppressed ? { ...options, suppressed: options.suppressed.map((f) => ({ ...f, file: prefix + f.file })) } : options;
  return format === 'json' ? renderJsonParts(shown, shownOptions) : [renderFormat(shown, format, shownOptions)];
}

/** Renders the analysis result in one of the report formats (README "Reports"), paths as `options.paths` says. */
export function renderReport(result: AnalysisResult, format: ReportFormat, options: ReportOptions): string {
  return renderFormat(withDisplayPaths(result, options.paths?.prefix ?? ''), format, options);
}

function renderFormat(result: AnalysisResult, format: ReportFormat, options: ReportOptions): string {
  const render = RENDERERS[format];
  if (!render) throw new Error(`Unknown report format: ${String(format)}`);
  return inertReport(format, render(result, options));
}

/**
 * The last guard of a report's text, whatever its fields' own escaping missed: no line of a text
 * or markdown report is a workflow command (printable.ts inertLine), and `##[` in a JSON string is
 * written `##\u005b` (the same text once parsed). A github report's lines are workflow commands of
 * ours, with every field escaped (github.ts).
 */
export function inertReport(format: string, text: string): string {
  if (format === 'text' || format === 'markdown') return inertText(text, false);
  if (format === 'json' || format === 'sarif') return inertJson(text);
  return text;
}


/**
 * Where the paths of a report start. Findings carry paths relative to the analysed root (their
 * fingerprints are computed on those, so they do not depend on where the command ran); reports show
 * them relative to the working directory when the root is inside it, so that `connascence analyze
 * lib` prints `lib/pkg/mod.py` and GitHub attaches annotations to the pull request's files.
 * Otherwise they stay relative to the root.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { AnalysisResult } from '../model/analysis.js';
import type { Finding } from '../rules/types.js';

export interface PathBase {
  /** Absolute directory the report's paths are relative to (SARIF %SRCROOT%). */
  base: string;
  /** The root relative to `base`, with forward slashes and a trailing `/`; '' when they are one. */
  prefix: string;
}

/** The working directory when `root` is inside it, else `root` itself. Both absolute. */
export function pathBaseOf(root: string, cwd: string): PathBase {
  const within = relative(cwd, root);
  if (within === '') return { base: cwd, prefix: '' };
  if (within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within)) return { base: root, prefix: '' };
  return { base: cwd, prefix: `${within.split(sep).join('/')}/` };
}

/**
 * The result with every path (findings, related locations, files, skipped files) shown from the base.
 * `byFile` stays as it is, root-relative: the JSON report splices the prefix into each group's
 * stored lines (`prefixedLines`) instead of parsing and writing every finding again. `findings` is
 * shown only when a report reads it (the engine's result parses its stored lines only then, too).
 */
export function withDisplayPaths(result: AnalysisResult, prefix: string): AnalysisResult {
  if (prefix === '') return result;
  const show = (path: string): string => prefix + path;
  // Copied as descriptors: spreading `result` would call its lazy `findings` getter.
  const descriptors = Object.getOwnPropertyDescriptors(result) as PropertyDescriptorMap;
  delete descriptors.findings;
  const shown = Object.defineProperties({}, descriptors) as AnalysisResult;
  shown.files = result.files.map((file) => ({ ...file, path: show(file.path) }));
  shown.skipped = result.skipped.map((skipped) => ({ ...skipped, path: show(skipped.path) }));
  let findings: Finding[] | undefined;
  Object.defineProperty(shown, 'findings', {
    enumerable: true,
    configurable: true,
    get: () =>
      (findings ??= result.findings.map((finding): Finding => {
        const out: Finding = { ...finding, file: show(finding.file) };
        if (finding.related) out.related = finding.related.map((other) => ({ ...other, file: show(other.file) }));
        return out;
      })),
    set: (value: Finding[]) => (findings = value),
  });
  return shown;
}

const FILE_KEY = '"file":"';

/**
 * A group's finding lines (model/finding-lines.ts) with `prefix` put before every path: those of
 * the findings and of their related locations, the only `"file"` keys of a line. The key cannot
 * occur inside a JSON string, whose quotes are escaped.
 */
export function prefixedLines(lines: string, prefix: string): string {
  const replacement = FILE_KEY + JSON.stringify(prefix).slice(1, -1);
  return lines.replaceAll(FILE_KEY, () => replacement);
}

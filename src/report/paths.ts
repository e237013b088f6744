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

/** The result with every path (findings, related locations, files, skipped files) shown from the base. */
export function withDisplayPaths(result: AnalysisResult, prefix: string): AnalysisResult {
  if (prefix === '') return result;
  const show = (path: string): string => prefix + path;
  const findings = result.findings.map((finding): Finding => {
    const shown: Finding = { ...finding, file: show(finding.file) };
    if (finding.related) shown.related = finding.related.map((other) => ({ ...other, file: show(other.file) }));
    return shown;
  });
  return {
    ...result,
    findings,
    // The stored JSON lines of each file carry root-relative paths: render from the findings instead.
    byFile: undefined,
    files: result.files.map((file) => ({ ...file, path: show(file.path) })),
    skipped: result.skipped.map((skipped) => ({ ...skipped, path: show(skipped.path) })),
  };
}

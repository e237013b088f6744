/**
 * Which files are tests and which are generated, and which rules judge them. Both belong to the
 * judgement, never to the facts: a file's facts depend on its content alone (the generated-code
 * marker is read from the content by the front-ends, FileFacts.generated), while whether a path is
 * a test is a setting of the project (`tests` globs in the config).
 */
import { compileGlobs } from '../discovery/glob.js';
import type { RuleMeta } from '../rules/types.js';

/** Test files unless the config's `tests` says otherwise (paths relative to the analysed root). */
export const DEFAULT_TEST_GLOBS: readonly string[] = [
  '**/__tests__/**',
  '**/test/**',
  '**/tests/**',
  '**/spec/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
  '**/tests.py',
];

/**
 * Third-party code copied into the repository, unless the config's `vendored` says otherwise. It is
 * judged like generated code (`generated`): nobody here maintains it, but it runs with the project.
 */
export const DEFAULT_VENDORED_GLOBS: readonly string[] = ['**/vendor/**', '**/vendored/**', '**/third_party/**', '**/third-party/**', '**/*.min.js', '**/*.min.mjs', '**/*.min.cjs'];

/**
 * How generated files are judged: `safety` (default) by the safety rules only (SEC_*,
 * NASA_8_DYNAMIC_CODE, PARSE_ERROR), `full` like any file, `skip` by no rule.
 */
export type GeneratedMode = 'safety' | 'full' | 'skip';
export const GENERATED_MODES: readonly GeneratedMode[] = ['safety', 'full', 'skip'];

export interface FileKindSettings {
  tests: readonly string[];
  vendored: readonly string[];
  includeTests: boolean;
  generated: GeneratedMode;
}

/** What a rule runner needs to know of a file to choose its rules. */
export interface FileKind {
  test: boolean;
  generated: boolean;
}

/** Whether a rule judges a file of this kind under these settings. */
export type RuleFilter = (meta: Pick<RuleMeta, 'judgesTests' | 'safety'>, kind: FileKind) => boolean;

export function ruleFilter(settings: Pick<FileKindSettings, 'includeTests' | 'generated'>): RuleFilter {
  return (meta, kind) => {
    if (kind.generated && settings.generated !== 'full') return settings.generated === 'safety' && meta.safety === true;
    if (kind.test && !settings.includeTests) return meta.judgesTests !== false;
    return true;
  };
}

/** A predicate on root-relative paths (forward slashes) for the test or the vendored globs. */
export function testMatcher(globs: readonly string[], what = 'tests'): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return compileGlobs(globs, what);
}

/** Compiles the policy's globs once, so that a bad one is a config error (exit 2) before any file is read. */
export function checkPolicyGlobs(policy: Pick<FileKindSettings, 'tests' | 'vendored'> & { include: readonly string[]; overrides: ReadonlyArray<{ files: readonly string[] }> }): void {
  if (policy.include.length > 0) compileGlobs(policy.include, 'include');
  policy.overrides.forEach((override, i) => compileGlobs(override.files, `overrides/${i}/files`));
  testMatcher(policy.tests, 'tests');
  testMatcher(policy.vendored, 'vendored');
}

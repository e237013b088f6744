import { type Severity, type SkippedRule } from '../types.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/**
 * How severe a skipped file is by what a scan of its text found (SkippedFile.hidden): as severe as
 * the rule that would report it on a parsed file (SEC_* critical, NASA_8_DYNAMIC_CODE high). A file
 * longer than the scan reads, or whose coding declaration turns text into code, cannot be vouched
 * for: high.
 */
export const HIDDEN_SEVERITY: Readonly<Record<string, Severity>> = {
  shell: 'critical',
  deserialize: 'critical',
  secret: 'critical',
  'dynamic-code': 'high',
  'unsafe-coding': 'high',
  unscanned: 'high',
};

/**
 * The finding's identity: what the scan found is part of it, so that a baseline entry accepting a
 * big clean file (medium) does not accept the same file once a shell call is hidden in it.
 */
const keyOf = (file: { hidden?: { kind: string; what: string } }): string => (file.hidden ? `skipped\0${file.hidden.kind}\0${file.hidden.what}` : 'skipped');

/**
 * SKIPPED_FILE: a source file the engine did not analyse is a finding, so that padding a file past
 * the size limit, stuffing it with NUL bytes or making it unreadable cannot slip code past the gate.
 */
export const skippedFile: SkippedRule = {
  scope: 'skipped',
  meta: {
    id: 'SKIPPED_FILE',
    family: 'parse',
    defaultSeverity: 'medium',
    description: 'Source file was not analysed (too large, binary, unreadable, a link outside the root...); no rule checked it. Critical or high when a scan of its text finds what a safety rule reports.',
    rationale: 'A file named like source that the analyser skipped is a file nobody checked: a gate must see it, or a pull request could hide code from it.',
    languages: ALL_LANGUAGES,
    safety: true,
    presets: alwaysOn(),
    messages: {
      skipped: 'Not analysed ({{reason}}): {{detail}}',
    },
    docs: {
      whatItDoes:
        'Reports every file with a source extension that was found but not analysed: over the size limit (`--max-file-size`), binary (a high share of control bytes), unreadable, not a regular file, a link whose target is outside the analysed directory, or a template. The reason is in the message. ' +
        'A file over the size limit or binary-looking is still scanned, without a parse, for what the safety rules report (shell calls, `child_process`, `eval`/`exec`/`Function`/`compile`, pickle/marshal/unsafe YAML loads, key shapes and private key blocks, an unsafe Python coding declaration), up to its first 64 MiB: a hit makes the finding as severe as the finding it hides (critical for SEC_*, high for dynamic code), and names what was found and where; a file longer than 64 MiB without a critical hit is high, since the rest was not read.',
      whyIsThisBad:
        'Its runtime may still run the file, but no rule looked at it. Without this finding a contributor could pass the gate by padding a file past the size limit or filling it with NUL bytes.',
      example: '# app.py: 2 MB of padding, then\nimport os; os.system(request.args["cmd"])',
      useInstead: 'Keep source files under the size limit (or raise maxFileSize for the ones that must be large), and exclude files that are data, not code, with `exclude`.',
    },
  },
  check(file) {
    const atLeast = file.hidden ? HIDDEN_SEVERITY[file.hidden.kind] : undefined;
    return [{ messageId: 'skipped', data: { reason: file.reason, detail: file.detail }, line: file.hidden && file.hidden.line > 0 ? file.hidden.line : 1, column: 1, key: keyOf(file), ...(atLeast ? { atLeast } : {}) }];
  },
};

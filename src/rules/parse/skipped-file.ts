import { type SkippedRule } from '../types.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

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
    description: 'Source file was not analysed (too large, binary, unreadable, a link outside the root...); no rule checked it.',
    rationale: 'A file named like source that the analyser skipped is a file nobody checked: a gate must see it, or a pull request could hide code from it.',
    languages: ALL_LANGUAGES,
    safety: true,
    presets: alwaysOn(),
    messages: {
      skipped: 'Not analysed ({{reason}}): {{detail}}',
    },
    docs: {
      whatItDoes:
        'Reports every file with a source extension that was found but not analysed: over the size limit (`--max-file-size`), binary (a high share of control bytes), unreadable, not a regular file, a link whose target is outside the analysed directory, or a template. The reason is in the message.',
      whyIsThisBad:
        'Its runtime may still run the file, but no rule looked at it. Without this finding a contributor could pass the gate by padding a file past the size limit or filling it with NUL bytes.',
      example: '# app.py: 2 MB of padding, then\nimport os; os.system(request.args["cmd"])',
      useInstead: 'Keep source files under the size limit (or raise maxFileSize for the ones that must be large), and exclude files that are data, not code, with `exclude`.',
    },
  },
  check(file) {
    return [{ messageId: 'skipped', data: { reason: file.reason, detail: file.detail }, line: 1, column: 1, key: 'skipped' }];
  },
};

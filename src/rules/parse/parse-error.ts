import { type FileRule } from '../types.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/** PARSE_ERROR: a file that could not be parsed is reported, never silently skipped. */
export const parseError: FileRule = {
  scope: 'file',
  meta: {
    id: 'PARSE_ERROR',
    family: 'parse',
    defaultSeverity: 'high',
    description: 'File could not be parsed; no other rule could check it.',
    rationale: 'A file the analyser cannot read is a file nobody checked: the gate must not pass silently.',
    languages: ALL_LANGUAGES,
    safety: true,
    presets: alwaysOn(),
    messages: {
      parse: 'Could not parse this file: {{message}}',
    },
    docs: {
      whatItDoes: 'Reports files with a syntax error (or an encoding the parser rejects) at the position the parser gave. The other rules skip such a file.',
      whyIsThisBad:
        'Code that does not parse either does not run, or uses syntax the analyser does not support. Either way none of its problems can be reported, so the file is flagged instead of being counted as clean.',
      example: 'def broken(:\n    pass',
      useInstead: 'def fixed():\n    pass',
    },
  },
  check(facts) {
    if (!facts.parseError) return [];
    const { line, column, message } = facts.parseError;
    return [{ messageId: 'parse', data: { message }, line, column, key: 'parse-error' }];
  },
};

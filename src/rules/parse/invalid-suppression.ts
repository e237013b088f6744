import { type DirectiveRule } from '../types.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/** INVALID_SUPPRESSION: a suppression comment that cannot switch anything off as written. */
export const invalidSuppression: DirectiveRule = {
  scope: 'directive',
  meta: {
    id: 'INVALID_SUPPRESSION',
    family: 'parse',
    defaultSeverity: 'medium',
    description: 'A connascence-disable comment without a rule id, with an unknown id, misplaced, unclosed, or without the required reason.',
    rationale: 'There is no blanket switch: a suppression names the rules it silences, closes the region it opens, and says why when the project asks for it.',
    languages: ALL_LANGUAGES,
    presets: alwaysOn(),
    messages: { invalid: '{{directive}} {{problem}}; it switches nothing off.' },
    docs: {
      whatItDoes:
        'Reports a `connascence-disable-*` comment that names no rule, names an id that is not a rule, is a `connascence-disable-file` after the first comment block, is a `connascence-disable` with no `connascence-enable` of each of its rules after it in the file, or lacks the reason after `--` when the config sets `requireSuppressionReason: true`. Such a comment suppresses nothing: an unclosed region cannot switch a rule off for the rest of a file.',
      whyIsThisBad: 'A comment that looks like a suppression but is not one misleads the reader, and a blanket one would hide every rule at once.',
      example: '# connascence-disable-next-line\ndef handler(a, b, c, d): ...',
      useInstead: '# connascence-disable-next-line CON_POSITION -- matches the framework callback\ndef handler(a, b, c, d): ...',
    },
  },
};

import { type DirectiveRule } from '../types.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/** UNUSED_SUPPRESSION: a suppression comment that switched nothing off, like ESLint's unused disable directives. */
export const unusedSuppression: DirectiveRule = {
  scope: 'directive',
  meta: {
    id: 'UNUSED_SUPPRESSION',
    family: 'parse',
    defaultSeverity: 'low',
    description: 'A connascence-disable comment that matches no finding.',
    rationale: 'A stale suppression would silently hide the next finding of that rule at that place.',
    languages: ALL_LANGUAGES,
    presets: alwaysOn(),
    messages: { unused: '{{directive}} {{rule}} matches no finding: remove it.' },
    docs: {
      whatItDoes: 'Reports each rule id of a `connascence-disable-*` comment that suppressed no finding in this run (the code was fixed, or the comment is on the wrong line).',
      whyIsThisBad: 'A suppression that no longer applies stays in the code and switches off the next finding of its rule at that place, unreviewed.',
      example: '// connascence-disable-next-line CON_POSITION -- legacy API\nfunction move(point) {}',
      useInstead: 'function move(point) {}',
    },
  },
};

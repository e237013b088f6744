import type { FileFacts } from '../../facts/types.js';
import { presets, type ProjectRule, type Report } from '../types.js';
import { numberOption } from '../shared/options.js';
import { findClones, fragmentHash, type Clone, type CloneSource, type Fragment } from './token-clones.js';
import { ALL_LANGUAGES, isPython } from '../shared/presets.js';

/** jscpd defaults. */
const MIN_TOKENS = 50;
const MIN_LINES = 5;

function lineRange(source: CloneSource, fragment: Fragment): { line: number; endLine: number } {
  const lines = source.tokens.lines;
  return { line: lines[fragment.start]!, endLine: lines[fragment.end - 1]! };
}

/** JS and TS share a token vocabulary, Python has its own: clones are only searched within one family. */
function byTokenFamily(files: readonly FileFacts[]): CloneSource[][] {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [sorted.filter((f) => !isPython(f)), sorted.filter(isPython)];
}

function reportClone(sources: readonly CloneSource[], clone: Clone): Report {
  const copySource = sources[clone.copy.file]!;
  const originalSource = sources[clone.original.file]!;
  const copy = lineRange(copySource, clone.copy);
  const original = lineRange(originalSource, clone.original);
  return {
    messageId: 'clone',
    data: {
      tokens: clone.copy.end - clone.copy.start,
      lines: copy.endLine - copy.line + 1,
      otherFile: originalSource.path,
      otherLine: original.line,
      otherEndLine: original.endLine,
    },
    file: copySource.path,
    line: copy.line,
    endLine: copy.endLine,
    key: `${originalSource.path}:${fragmentHash(sources, clone.copy)}`,
    related: [{ file: originalSource.path, line: original.line, endLine: original.endLine, message: 'original copy' }],
  };
}

/** DUPLICATION: copy-pasted token sequences within and across files. */
export const duplication: ProjectRule = {
  scope: 'project',
  meta: {
    id: 'DUPLICATION',
    family: 'duplication',
    defaultSeverity: 'medium',
    description: 'Token clones of at least 50 normalised tokens and 5 lines, within and across files.',
    rationale: 'Copy-pasted code duplicates its bugs and must be changed in every copy; the copies drift apart over time.',
    languages: ALL_LANGUAGES,
    presets: presets({ enabled: true, options: { minTokens: MIN_TOKENS, minLines: MIN_LINES } }),
    messages: {
      clone: 'Duplicated block of {{tokens}} tokens ({{lines}} lines), also at {{otherFile}}:{{otherLine}}-{{otherEndLine}}.',
    },
    docs: {
      whatItDoes:
        'Finds maximal sequences of at least `minTokens` normalised tokens (identifiers replaced by a placeholder; literals, keywords and operators kept, so blocks that differ only in their strings or numbers are not clones) spanning at least `minLines` lines that occur more than once, in one file or across files, like jscpd. Each copy is reported once, against the first occurrence, with both locations. A copy never overlaps its original.',
      whyIsThisBad:
        'Duplicated code multiplies maintenance: a fix or a change has to be found and repeated in every copy, and the copies that are missed keep the bug. The duplication score in the summary is computed from these findings.',
      example: 'function saveUser(u) { validate(u); db.open(); db.write("users", u); db.close(); audit("user", u.id); }\nfunction saveOrder(o) { validate(o); db.open(); db.write("orders", o); db.close(); audit("order", o.id); }',
      useInstead: 'function save(table, kind, record) { validate(record); db.open(); db.write(table, record); db.close(); audit(kind, record.id); }',
      options: { minTokens: 'minimum clone length in normalised tokens', minLines: 'minimum clone length in lines' },
    },
  },
  reads: ['tokens'],
  check(files: readonly FileFacts[], { options }) {
    const cloneOptions = {
      minTokens: Math.max(1, numberOption(options.minTokens, MIN_TOKENS)),
      minLines: numberOption(options.minLines, MIN_LINES),
    };
    return byTokenFamily(files).flatMap((sources) => findClones(sources, cloneOptions).map((clone) => reportClone(sources, clone)));
  },
};

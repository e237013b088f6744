import type { FileFacts, FunctionFact } from '../../facts/types.js';
import { type ProjectRule, type Report } from '../types.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

interface Occurrence {
  file: string;
  fn: FunctionFact;
}

/** JS and TS share one normalisation; Python has its own, so hashes never match across the two. */
const hashFamily = (facts: FileFacts): string => (facts.language === 'python' ? 'py' : 'js');

function groupByBody(files: readonly FileFacts[]): Map<string, Occurrence[]> {
  const groups = new Map<string, Occurrence[]>();
  for (const facts of files) {
    for (const fn of facts.functions) {
      if (fn.bodyHash === undefined) continue;
      const key = `${hashFamily(facts)}:${fn.bodyHash}`;
      const group = groups.get(key) ?? [];
      group.push({ file: facts.path, fn });
      groups.set(key, group);
    }
  }
  return groups;
}

function reportGroup(group: readonly Occurrence[]): Report[] {
  return group.map((self) => {
    const others = group.filter((other) => other !== self);
    const first = others[0]!;
    return {
      messageId: 'clone',
      data: { name: self.fn.name, count: group.length, other: first.fn.name, otherFile: first.file, otherLine: first.fn.line },
      file: self.file,
      line: self.fn.line,
      column: self.fn.column,
      endLine: self.fn.endLine,
      key: `${self.fn.name}:${self.fn.bodyHash ?? ''}`,
      related: others.map((o) => ({ file: o.file, line: o.fn.line, endLine: o.fn.endLine, message: `same algorithm: ${o.fn.name}` })),
    };
  });
}

/** CON_ALGORITHM: connascence of algorithm — the same function body in several places. */
export const conAlgorithm: ProjectRule = {
  scope: 'project',
  meta: {
    id: 'CON_ALGORITHM',
    family: 'connascence',
    defaultSeverity: 'medium',
    description: 'Identical function bodies (identifiers and literals normalised, 4+ statements) in two or more places.',
    rationale: 'Copies of one algorithm must be changed together; fixing a bug in one copy leaves the others broken.',
    languages: ALL_LANGUAGES,
    presets: alwaysOn(),
    messages: {
      clone: '{{name}} has the same algorithm as {{other}} ({{otherFile}}:{{otherLine}}); {{count}} copies in total.',
    },
    docs: {
      whatItDoes:
        'Compares the bodies of all functions of the project after renaming identifiers and literals to placeholders. Bodies of at least 4 statements that are equal in two or more places are reported, once per copy, with the other copies as related locations. JavaScript and TypeScript are compared with each other, Python with Python.',
      whyIsThisBad:
        'Connascence of algorithm: several places must implement the same steps for the program to be correct (an encoder and its decoder, a checksum computed on both sides). When one copy changes, the others silently disagree.',
      example: 'function totalA(items) { let t = 0; for (const i of items) t += i.price; log(t); return t; }\nfunction totalB(rows) { let s = 0; for (const r of rows) s += r.price; log(s); return s; }',
      useInstead: 'function total(items) { let t = 0; for (const i of items) t += i.price; log(t); return t; }',
    },
  },
  reads: ['functions'],
  check(files) {
    return [...groupByBody(files).values()].filter((group) => group.length >= 2).flatMap(reportGroup);
  },
};

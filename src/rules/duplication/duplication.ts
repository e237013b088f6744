import type { FileFacts } from '../../facts/types.js';
import { presets, type LazyFile, type ProjectRule, type Report, type RuleContext, type RuleOptions, type RuleState } from '../types.js';
import { integerOption, numberOption } from '../shared/options.js';
import { changesLength, decodeChanges, decodeIndex, encodeChanges, encodedLength, encodeIndexInto, findClones, findClonesIndexed, fragmentHash, rescanClones, type Clone, type CloneIndex, type CloneOptions, type CloneSource, type Fragment } from './token-clones.js';
import { ALL_LANGUAGES, isPython } from '../shared/presets.js';
import { fnv1a } from '../../languages/shared/text.js';

/** jscpd defaults. */
const MIN_TOKENS = 50;
const MIN_LINES = 5;

function lineRange(source: CloneSource, fragment: Fragment): { line: number; endLine: number } {
  const lines = source.tokens.lines;
  return { line: lines[fragment.start]!, endLine: lines[fragment.end - 1]! };
}

/** JS and TS share a token vocabulary, Python has its own: clones are only searched within one family. */
function byTokenFamily<T extends Pick<FileFacts, 'path' | 'language'>>(files: readonly T[]): T[][] {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [sorted.filter((f) => !isPython(f)), sorted.filter((f) => isPython(f))];
}

function cloneOptions(options: RuleOptions): CloneOptions {
  return { minTokens: Math.max(1, numberOption(options.minTokens, MIN_TOKENS)), minLines: numberOption(options.minLines, MIN_LINES) };
}

/** A token family's clone index, and the key of its file list (an index fits only the same files). */
interface FamilyState {
  paths: number;
  index: CloneIndex;
}

/** The state of an incremental DUPLICATION: the clone index of each token family. */
function encodeState(families: readonly FamilyState[]): Uint8Array {
  const ints = new Int32Array(2 + families.reduce((sum, { index }) => sum + 1 + encodedLength(index), 0));
  ints[0] = STATE_MAGIC;
  ints[1] = families.length * 2;
  let at = 2;
  for (const { paths, index } of families) {
    ints[at] = paths;
    at = encodeIndexInto(index, ints, at + 1);
  }
  return new Uint8Array(ints.buffer);
}

/** The bytes as ints: viewed in place when they are aligned (states are stored so), else copied into an aligned buffer. */
function aligned(bytes: Uint8Array): Int32Array | undefined {
  if (bytes.byteLength % 4 !== 0 || bytes.byteLength < 4) return undefined;
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const ints = new Int32Array(bytes.byteLength / 4);
  new Uint8Array(ints.buffer).set(bytes);
  return ints;
}

function decodeState(state: Uint8Array): FamilyState[] | undefined {
  const ints = aligned(state);
  if (!ints || ints[0] !== STATE_MAGIC || ints[1] !== FAMILIES * 2) return undefined;
  const families: FamilyState[] = [];
  let at = 2;
  for (let family = 0; family < FAMILIES; family++) {
    const decoded = decodeIndex(ints, at + 1);
    if (!decoded) return undefined;
    families.push({ paths: ints[at]!, index: decoded.index });
    at = decoded.next;
  }
  return at === ints.length ? families : undefined;
}

/** Format of the state and of its patches (bump when the index layout changes), and the token families in it. */
const STATE_MAGIC = 0x44555001;
const PATCH_MAGIC = 0x44555002;
const FAMILIES = 2;

/** A file of one family in an update: its tokens are loaded only when the rescan reads them. */
function lazySource(file: LazyFile): CloneSource {
  let tokens: CloneSource['tokens'] | undefined;
  return {
    path: file.path,
    get tokens() {
      tokens ??= file.facts().tokens;
      return tokens;
    },
  };
}

/** Each family's clone reports and index. */
function scanFamilies(files: readonly FileFacts[], options: RuleOptions): { reports: Report[]; families: FamilyState[] } {
  const reports: Report[] = [];
  const families: FamilyState[] = [];
  for (const sources of byTokenFamily(files)) {
    const { clones, index } = findClonesIndexed(sources, cloneOptions(options));
    for (const clone of clones) reports.push(reportClone(sources, clone));
    families.push({ paths: pathsKey(sources), index });
  }
  return { reports, families };
}

/** The reports alone (no state is kept: no index is built). */
function check(files: readonly FileFacts[], { options }: RuleContext): Report[] {
  return byTokenFamily(files).flatMap((sources) => findClones(sources, cloneOptions(options)).map((clone) => reportClone(sources, clone)));
}

function checkWithState(files: readonly FileFacts[], { options }: RuleContext): { reports: Report[]; state: Uint8Array } {
  const { reports, families } = scanFamilies(files, options);
  return { reports, state: encodeState(families) };
}

/** Identifies a family's file list: an index only fits the same files in the same order. */
function pathsKey(sources: ReadonlyArray<{ path: string }>): number {
  let hash = fnv1a('');
  for (const source of sources) hash = fnv1a(`${source.path}\u0000`, hash);
  return hash | 0;
}

/** A state's families, with the changes of its patch pending on their indexes. */
function decode(state: RuleState): FamilyState[] | undefined {
  const families = decodeState(state.base);
  if (!families || !state.patch) return families;
  const ints = aligned(state.patch);
  if (!ints || ints[0] !== PATCH_MAGIC) return undefined;
  let at = 1;
  const patched: FamilyState[] = [];
  for (const { paths, index } of families) {
    const decoded = decodeChanges(index, ints, at);
    if (!decoded) return undefined;
    patched.push({ paths, index: decoded.index });
    at = decoded.next;
  }
  return at === ints.length ? patched : undefined;
}

/** The pending changes of each family's index, as a patch over the base they came from. */
function encodePatch(families: readonly FamilyState[]): Uint8Array {
  const parts = families.map(({ index }) => encodeChanges(index));
  const ints = new Int32Array(1 + parts.reduce((sum, part) => sum + part.length, 0));
  ints[0] = PATCH_MAGIC;
  let at = 1;
  for (const part of parts) {
    ints.set(part, at);
    at += part.length;
  }
  return new Uint8Array(ints.buffer);
}

/** A patch over a fourth of the base costs as much to apply as a new base: then the update gives one. */
const MAX_PATCH_SHARE = 0.25;

function update(files: readonly LazyFile[], changed: ReadonlySet<string>, state: RuleState, { options }: RuleContext): { reports: Report[]; rechecked: ReadonlySet<string>; state: RuleState } | undefined {
  const indexes = decode(state);
  if (!indexes) return undefined;
  const reports: Report[] = [];
  const rechecked = new Set<string>();
  const next: FamilyState[] = [];
  const families = byTokenFamily(files);
  for (let family = 0; family < FAMILIES; family++) {
    const sources = families[family]!.map(lazySource);
    const { paths, index } = indexes[family]!;
    if (paths !== pathsKey(sources)) return undefined;
    const touched = new Set<number>();
    sources.forEach((source, i) => changed.has(source.path) && touched.add(i));
    if (touched.size === 0) {
      next.push(indexes[family]!);
      continue;
    }
    const rescan = rescanClones(sources, touched, index, cloneOptions(options));
    if (!rescan) return undefined;
    for (const file of rescan.rescanned) rechecked.add(sources[file]!.path);
    for (const clone of rescan.clones) reports.push(reportClone(sources, clone));
    next.push({ paths, index: rescan.index });
  }
  const patch = next.reduce((sum, { index }) => sum + changesLength(index), 0);
  const small = patch * 4 <= state.base.byteLength * MAX_PATCH_SHARE;
  return { reports, rechecked, state: small ? { base: state.base, patch: encodePatch(next) } : { base: encodeState(next) } };
}

function rebase(state: RuleState): Uint8Array | undefined {
  if (!state.patch) return state.base;
  const families = decode(state);
  return families && encodeState(families);
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
    judgesTests: false,
    optionSchemas: { minTokens: integerOption(5, 1_000_000), minLines: integerOption(1, 1_000_000) },
    presets: presets({ enabled: true, options: { minTokens: MIN_TOKENS, minLines: MIN_LINES } }),
    messages: {
      clone: 'Duplicated block of {{tokens}} tokens ({{lines}} lines), also at {{otherFile}}:{{otherLine}}-{{otherEndLine}}.',
    },
    docs: {
      whatItDoes:
        'Finds maximal sequences of at least `minTokens` normalised tokens (identifiers replaced by a placeholder; literals, keywords and operators kept, so blocks that differ only in their strings or numbers are not clones) spanning at least `minLines` lines that occur more than once, in one file or across files, like jscpd. Each copy is reported once, against the first occurrence, with both locations. A copy never overlaps its original. Declarations without code are left out and no clone spans them: import and export lists, re-exports, TypeScript interfaces, type aliases, overload signatures, abstract members and `declare` blocks, Python imports, `__all__` and `@overload` stubs (parallel type declarations repeat no logic, and the type checker keeps them honest).',
      whyIsThisBad:
        'Duplicated code multiplies maintenance: a fix or a change has to be found and repeated in every copy, and the copies that are missed keep the bug. The duplication score in the summary is computed from these findings.',
      example: 'function saveUser(u) { validate(u); db.open(); db.write("users", u); db.close(); audit("user", u.id); }\nfunction saveOrder(o) { validate(o); db.open(); db.write("orders", o); db.close(); audit("order", o.id); }',
      useInstead: 'function save(table, kind, record) { validate(record); db.open(); db.write(table, record); db.close(); audit(kind, record.id); }',
      options: { minTokens: 'minimum clone length in normalised tokens', minLines: 'minimum clone length in lines' },
    },
  },
  reads: ['tokens'],
  offload: true,
  check,
  incremental: { checkWithState, update, rebase },
};

/**
 * Evidence that a file named by a baseline moved (match.ts BaselineScope.moves): without it, no
 * finding in another file can take the entries of a file that is gone.
 *
 * - Same content: the baseline records the sha256 of each file with entries when it was written
 *   (format.ts `files`); a file now elsewhere with that content is that file moved.
 * - A rename git reports between the commit that last wrote the baseline (HEAD when it has none)
 *   and the working tree, committed or not (`git mv`, or a deletion and an addition git pairs up).
 *
 * git runs without a shell, with a timeout and a bounded output, with no external diff or text
 * conversion and no file system monitor; any failure (no git, no repository, not the owner's
 * checkout) is no evidence.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gitOutput } from '../discovery/git.js';
import { readRegularFile } from '../discovery/read-regular.js';

/** Files larger than this are not hashed for evidence (an analysed file is far smaller). */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

export type Moves = (gone: readonly string[], candidates: readonly string[]) => Map<string, string[]>;

export interface EvidenceInput {
  /** Absolute path of the analysed root: `gone`, `candidates` and `recorded` paths are relative to it. */
  root: string;
  /** Absolute path of the baseline file. */
  baselineFile: string;
  /** The content sha256 the baseline recorded, by root-relative path. */
  recorded: ReadonlyMap<string, string>;
  /** How git is run (runGit by default). */
  git?: (args: readonly string[]) => Buffer | undefined;
}

/** The sha256 (hex) of a file's content, undefined when it cannot be read as a regular file. */
export function contentHash(path: string): string | undefined {
  const read = readRegularFile(path, MAX_HASHED_BYTES, { noFollow: true });
  return read.ok ? createHash('sha256').update(read.bytes).digest('hex') : undefined;
}

export function moveEvidence(input: EvidenceInput): Moves {
  return (gone, candidates) => {
    const moves = new Map<string, string[]>();
    const add = (from: string, to: string): void => {
      const list = moves.get(from);
      if (!list) moves.set(from, [to]);
      else if (!list.includes(to)) list.push(to);
    };
    // Same content as recorded: only the files with open findings are hashed, each once.
    const wanted = new Map<string, string[]>();
    for (const path of gone) {
      const sha = input.recorded.get(path);
      if (sha === undefined) continue;
      const list = wanted.get(sha);
      if (list) list.push(path);
      else wanted.set(sha, [path]);
    }
    if (wanted.size > 0) {
      for (const candidate of candidates) {
        const sha = contentHash(join(input.root, candidate));
        for (const from of (sha && wanted.get(sha)) || []) add(from, candidate);
      }
    }
    const goneSet = new Set(gone);
    const candidateSet = new Set(candidates);
    for (const [from, to] of gitRenames(input.root, input.baselineFile, input.git ?? runGit(input.root))) {
      if (goneSet.has(from) && candidateSet.has(to)) add(from, to);
    }
    return moves;
  };
}

/** git in `root`, its standard output, or undefined on any failure (discovery/git.ts). */
export function runGit(root: string): (args: readonly string[]) => Buffer | undefined {
  return (args) => gitOutput(root, args);
}

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** [old, new] root-relative paths of the renames git reports since the baseline's commit, working tree included. */
export function gitRenames(root: string, baselineFile: string, git: (args: readonly string[]) => Buffer | undefined): Array<[string, string]> {
  const last = git(['log', '-1', '--format=%H', '--', baselineFile])?.toString('utf8').trim();
  const base = last !== undefined && COMMIT.test(last) ? last : 'HEAD';
  const out = git(['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--find-renames', '--name-status', '-z', '--relative', base, '--']);
  if (!out) return [];
  // -z: STATUS NUL PATH NUL, and for a rename (R<score>) OLD NUL NEW NUL.
  const fields = out.toString('utf8').split('\u0000');
  const renames: Array<[string, string]> = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++]!;
    if (status === '') continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[i++];
      const to = fields[i++];
      if (status.startsWith('R') && from && to) renames.push([from, to]);
    } else i++;
  }
  return renames;
}

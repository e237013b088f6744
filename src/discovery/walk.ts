import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import type { Language } from '../facts/types.js';
import type { SkippedFile } from '../model/analysis.js';
import { compileGlobs } from './glob.js';
import { languageOf } from './language.js';
import { badlyNamedEntries, escapeName, filesUnder } from './names.js';
import { DEFAULT_SKIPPED_DIRS } from './defaults.js';
import { IgnoreStack, MAX_GITIGNORE_BYTES } from './gitignore.js';
import { gitTrackedFiles } from './git-tracked.js';

export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  /** Relative to the root, forward slashes. */
  path: string;
  language: Language;
  size: number;
  /** Stat stamp (see stampOf) and mtime, for the stamp index (cache/stamp-index.ts). */
  stamp?: string;
  mtimeMs?: number;
}

/** What identifies one version of a file on disk without reading it: inode, size, mtime and ctime. */
export function stampOf(stats: Pick<Stats, 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

export interface DiscoverOptions {
  /** Globs relative to the root; when non-empty a file must match one. */
  include?: readonly string[];
  /** Globs relative to the root (gitignore syntax). */
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

interface WalkState {
  ignores: IgnoreStack;
  includes?: (path: string) => boolean;
  useGitignore: boolean;
  /** Whether an ignore pattern (a .gitignore or an exclude) dropped any source file or folder: only then can a tracked file be missing. */
  ignoredAny: boolean;
  /** The root's real path: a link whose target resolves outside it is not followed. */
  rootReal: string;
  visited: Set<string>;
  /** The real path of the directory being listed. */
  currentReal: string;
  result: Discovery;
}

/**
 * Walks `root` (an existing directory), following symbolic links that stay inside the root,
 * but never twice into the same real directory (a symlink loop is reported as skipped, never
 * followed forever). A link whose target resolves outside the root is skipped ("outside-root")
 * without reading or stating its target's contents: a pull request cannot make the tool read
 * the host. Unreadable directories and files are reported as skipped, never thrown.
 */
export function discover(root: string, options: DiscoverOptions = {}): Discovery {
  const rootReal = realpathSync.native(root);
  const state: WalkState = {
    rootReal,
    ignores: new IgnoreStack(options.exclude ?? []),
    includes: options.include && options.include.length > 0 ? compileGlobs(options.include, '--include') : undefined,
    useGitignore: options.gitignore !== false,
    ignoredAny: false,
    visited: new Set([rootReal]),
    currentReal: rootReal,
    result: { files: [], skipped: [] },
  };
  walkDir(state, root, '');
  // git is asked only when a pattern dropped something (most trees ignore no source file): no git process on a warm start then.
  if (state.useGitignore && state.ignoredAny) addTrackedButIgnored(state, root, options);
  state.result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return state.result;
}

/** state.ignores.ignores(path), remembering that something was dropped. */
function ignoredHere(state: WalkState, path: string): boolean {
  const ignored = state.ignores.ignores(path);
  if (ignored) state.ignoredAny = true;
  return ignored;
}

function walkDir(state: WalkState, absDir: string, relDir: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(absDir, { withFileTypes: true });
  } catch (error) {
    state.result.skipped.push({ path: relDir || '.', reason: 'unreadable', detail: errorText(error) });
    return;
  }
  const badNames = badlyNamedEntries(absDir, entries.map((entry) => entry.name));
  if (badNames.bad.length > 0) entries = entries.filter((entry) => !badNames.decoded.has(entry.name));
  // The listing says whether there is a .gitignore: no failing read (and its error object) per folder.
  const gitignore = state.useGitignore ? entries.find((entry) => entry.name === '.gitignore') : undefined;
  const pushed = gitignore !== undefined && gitignoreReadable(state, gitignore, absDir, relDir) && state.ignores.loadGitignore(absDir, relDir);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) if (entry !== gitignore) visitEntry(state, { absDir, relDir, entry });
  for (const entry of badNames.bad) visitBadlyNamed(state, { absDir, relDir, entry });
  if (pushed) state.ignores.pop();
}

interface EntryAt {
  absolute: string;
  path: string;
  name: string;
  /** Stats of the link target for symbolic links; undefined for plain entries. */
  stats?: Stats;
}

function visitEntry(state: WalkState, at: { absDir: string; relDir: string; entry: Dirent }): void {
  const { entry } = at;
  const absolute = join(at.absDir, entry.name);
  const path = at.relDir ? `${at.relDir}/${entry.name}` : entry.name;
  const isLink = entry.isSymbolicLink();
  const stats = isLink ? followLink(state, absolute, path) : undefined;
  if (isLink && !stats) return; // dangling or looping link: already reported
  const item: EntryAt = { absolute, path, name: entry.name, stats };
  if (stats ? stats.isDirectory() : entry.isDirectory()) visitDirectory(state, item);
  else if (stats ? stats.isFile() : entry.isFile()) visitFile(state, item);
  else if (languageOf(item.name) && !ignoredHere(state, item.path)) {
    // A FIFO, socket or device named like source: reading it could hang or never end.
    state.result.skipped.push({ path, reason: 'not-regular', detail: 'not a regular file (a FIFO, socket or device); not read' });
  }
}

/**
 * An entry whose name is not valid UTF-8 (discovery/names.ts): its source files, and those of the
 * folder it is, are listed as skipped under the escaped name. They are not read: a report could not
 * name them.
 */
function visitBadlyNamed(state: WalkState, at: { absDir: string; relDir: string; entry: Dirent<Buffer> }): void {
  const name = escapeName(at.entry.name);
  const path = at.relDir ? `${at.relDir}/${name}` : name;
  const wanted = (file: string): boolean => languageOf(file) !== undefined && !ignoredHere(state, file) && (!state.includes || state.includes(file));
  if (at.entry.isDirectory()) {
    if (DEFAULT_SKIPPED_DIRS.has(name) || ignoredHere(state, `${path}/`)) return;
    const raw = Buffer.concat([Buffer.from(`${at.absDir}${sep}`), at.entry.name]);
    for (const file of filesUnder(raw).map((below) => `${path}/${below}`)) {
      if (wanted(file)) state.result.skipped.push({ path: file, reason: 'not-utf8', detail: `the name of the folder ${name} is not valid UTF-8 (bytes escaped as \\xNN); rename it to have its files analysed` });
    }
  } else if (wanted(path)) {
    state.result.skipped.push({ path, reason: 'not-utf8', detail: 'its name is not valid UTF-8 (bytes escaped as \\xNN); rename it to have it analysed' });
  }
}

function visitDirectory(state: WalkState, item: EntryAt): void {
  if (DEFAULT_SKIPPED_DIRS.has(item.name) || ignoredHere(state, `${item.path}/`)) return;
  const real = enterOnce(state, item);
  if (real === undefined) return;
  const parentReal = state.currentReal;
  state.currentReal = real;
  try {
    walkDir(state, item.absolute, item.path);
  } finally {
    state.currentReal = parentReal;
  }
}

function visitFile(state: WalkState, item: EntryAt): void {
  const language = languageOf(item.name);
  if (!language || ignoredHere(state, item.path)) return;
  if (state.includes && !state.includes(item.path)) return;
  const stats = item.stats ?? statFile(state, item.absolute, item.path);
  if (stats) state.result.files.push({ absolute: item.absolute, path: item.path, language, size: stats.size, stamp: stampOf(stats), mtimeMs: stats.mtimeMs });
}

/**
 * Git never applies `.gitignore` to a file it tracks, and neither does discovery: every tracked file
 * the walk did not see (a `.gitignore` hid it, or hid a folder above it) is discovered as the walk
 * would discover it with no `.gitignore` at all. The tool's skipped folders, `--exclude` and
 * `--include` still apply; a link is followed only to a target inside the root, and a FIFO or device
 * is listed, never read. Outside a git work tree, or when git is missing or fails, nothing is added:
 * the `.gitignore` files apply to every file, as before.
 */
function addTrackedButIgnored(state: WalkState, root: string, options: DiscoverOptions): void {
  const tracked = gitTrackedFiles(root);
  if (!tracked) return;
  const seen = new Set<string>([...state.result.files.map((file) => file.path), ...state.result.skipped.map((file) => file.path)]);
  const excludes = new IgnoreStack(options.exclude ?? []);
  const wanted = (path: string): boolean => {
    if (seen.has(path) || !languageOf(path.slice(path.lastIndexOf('/') + 1))) return false;
    const parts = path.split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..')) return false;
    let dir = '';
    for (const part of parts.slice(0, -1)) {
      dir = dir ? `${dir}/${part}` : part;
      if (DEFAULT_SKIPPED_DIRS.has(part) || excludes.ignores(`${dir}/`)) return false;
    }
    if (excludes.ignores(path)) return false;
    return !state.includes || state.includes(path);
  };
  for (const path of tracked.paths) {
    if (!wanted(path)) continue;
    seen.add(path);
    addTracked(state, join(root, ...path.split('/')), path);
  }
  for (const { path, raw } of tracked.badlyNamed) {
    if (!wanted(path) || !exists(Buffer.concat([Buffer.from(`${root}${sep}`), raw]))) continue;
    seen.add(path);
    state.result.skipped.push({ path, reason: 'not-utf8', detail: 'its name is not valid UTF-8 (bytes escaped as \\xNN); rename it to have it analysed' });
  }
}

/** One tracked file the walk did not see: read like the walk reads a file, never through a link that leaves the root. */
function addTracked(state: WalkState, absolute: string, path: string): void {
  try {
    realpathSync.native(absolute);
  } catch (error) {
    // Deleted or never checked out (sparse): nothing to analyse. Other errors are reported below.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
  }
  // Resolves every link on the way, the file's own and its folders': the target must be inside the root.
  const stats = followLink(state, absolute, path);
  if (!stats) return;
  if (stats.isFile()) state.result.files.push({ absolute, path, language: languageOf(path.slice(path.lastIndexOf('/') + 1))!, size: stats.size, stamp: stampOf(stats), mtimeMs: stats.mtimeMs });
  else if (!stats.isDirectory()) state.result.skipped.push({ path, reason: 'not-regular', detail: 'not a regular file (a FIFO, socket or device); not read' });
}

function exists(path: string | Buffer): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a folder's `.gitignore` is a regular file inside the root and within its size limit.
 * Otherwise it is listed as skipped and not read: a planted link must not make the walk read the
 * host, a FIFO must not hang it, and a device must not fill memory.
 */
function gitignoreReadable(state: WalkState, entry: Dirent, absDir: string, relDir: string): boolean {
  const absolute = join(absDir, entry.name);
  const path = relDir ? `${relDir}/${entry.name}` : entry.name;
  const stats = entry.isSymbolicLink() ? followLink(state, absolute, path) : statFile(state, absolute, path);
  if (!stats) return false;
  if (!stats.isFile()) {
    state.result.skipped.push({ path, reason: 'unreadable', detail: 'not a regular file; its ignore rules were not read' });
    return false;
  }
  if (stats.size > MAX_GITIGNORE_BYTES) {
    state.result.skipped.push({ path, reason: 'too-large', detail: `${stats.size} bytes is over the limit of ${MAX_GITIGNORE_BYTES} bytes for a .gitignore; its ignore rules were not read` });
    return false;
  }
  return true;
}

function followLink(state: WalkState, absolute: string, path: string): Stats | undefined {
  try {
    const real = realpathSync.native(absolute);
    if (real !== state.rootReal && !real.startsWith(state.rootReal === sep ? sep : state.rootReal + sep)) {
      state.result.skipped.push({ path, reason: 'outside-root', detail: 'link outside the root: its target resolves outside the analysed directory; not followed' });
      return undefined;
    }
    return statSync(real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ELOOP' ? 'symlink-loop' : 'unreadable';
    state.result.skipped.push({ path, reason, detail: errorText(error) });
    return undefined;
  }
}

/**
 * The real path of a directory to enter, or undefined when it was entered before. A plain folder's
 * is its parent's joined with its name; only a link costs a realpath(3), which resolves every
 * component again (one per folder made discovery quadratic in the depth, issue 30).
 */
function enterOnce(state: WalkState, item: EntryAt): string | undefined {
  const { absolute, path } = item;
  let real: string;
  try {
    // One realpath(3) call; the JS realpathSync lstat()s every component of the path.
    real = item.stats ? realpathSync.native(absolute) : join(state.currentReal, item.name);
  } catch (error) {
    state.result.skipped.push({ path, reason: 'unreadable', detail: errorText(error) });
    return undefined;
  }
  if (state.visited.has(real)) {
    state.result.skipped.push({ path, reason: 'symlink-loop', detail: `already visited ${real} (symbolic link cycle or duplicate link); not followed again` });
    return undefined;
  }
  state.visited.add(real);
  return real;
}

function statFile(state: WalkState, absolute: string, path: string): Stats | undefined {
  try {
    return statSync(absolute);
  } catch (error) {
    state.result.skipped.push({ path, reason: 'unreadable', detail: errorText(error) });
    return undefined;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

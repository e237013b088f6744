/**
 * What a snapshot archive may contain: `manifest.json`, plus regular files and directories of
 * the cache layout (`facts-v<N>/<shard>/<key>`). Everything else is refused with a message that
 * names the entry, before anything is extracted: absolute paths, `..`, links, devices...
 */
import type { Header } from 'tar-stream';
import { ConfigError } from '../errors.js';

export const MANIFEST_NAME = 'manifest.json';
const ENTRY_PATH = /^facts-v(0|[1-9][0-9]*)\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const DIRECTORY_PATH = /^facts-v(0|[1-9][0-9]*)(\/[0-9a-f]{2})?\/?$/;
const DRIVE_PATH = /^[a-zA-Z]:/;

export type ArchiveItem = { kind: 'manifest' } | { kind: 'directory' } | { kind: 'entry'; relative: string; schema: number };

export function snapshotRefusal(archive: string, detail: string): ConfigError {
  return new ConfigError(`Refusing snapshot ${archive}: ${detail}. Nothing was imported.`);
}

type ArchiveHeader = Pick<Header, 'name' | 'type' | 'linkname'>;
type Refuse = (detail: string) => never;
const DIRECTORY = 'directory';

/** Classifies one archive header or throws a ConfigError naming the entry. */
export function classifyArchiveEntry(archive: string, header: ArchiveHeader): ArchiveItem {
  const shown = JSON.stringify(header.name);
  const refuse: Refuse = (detail) => {
    throw snapshotRefusal(archive, detail);
  };
  checkType(header, (detail) => refuse(`entry ${shown} ${detail}`));
  checkPathShape(header.name, (detail) => refuse(`entry ${shown} ${detail}`));
  if (header.type === DIRECTORY) {
    if (!DIRECTORY_PATH.test(header.name)) refuse(`directory ${shown} is outside the cache layout (facts-v<N>/<shard>/)`);
    return { kind: DIRECTORY };
  }
  if (header.name === MANIFEST_NAME) return { kind: 'manifest' };
  const match = ENTRY_PATH.exec(header.name);
  if (!match || !match[3]!.startsWith(match[2]!)) refuse(`file ${shown} is outside the cache layout (manifest.json or facts-v<N>/<first 2 key digits>/<64-digit key>)`);
  return { kind: 'entry', relative: header.name, schema: Number(match[1]) };
}

/** Only regular files and directories: a link could point anywhere once extracted. */
function checkType(header: ArchiveHeader, refuse: Refuse): void {
  const type = header.type ?? 'file';
  if (type === 'symlink' || type === 'link') refuse(`is a ${type === 'link' ? 'hard link' : 'symbolic link'} (to ${JSON.stringify(header.linkname ?? '')})`);
  if (type !== 'file' && type !== DIRECTORY) refuse(`is a ${type}, only regular files and directories are allowed`);
}

/** Rejections with a specific reason first (clearer than "outside the layout" for an attack). */
function checkPathShape(name: string, refuse: Refuse): void {
  if (name === '') refuse('has an empty path');
  if (name.includes('\0')) refuse('has a NUL byte in its path');
  if (name.includes('\\')) refuse('has a backslash in its path');
  if (name.startsWith('/') || DRIVE_PATH.test(name)) refuse('has an absolute path');
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) refuse("has a '..' segment");
  if (segments.some((segment) => segment === '' || segment === '.')) refuse('has an empty or "." path segment');
}

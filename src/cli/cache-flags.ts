import { Flags } from '@oclif/core';
import type { EntryAuth } from '../cache/entry-auth.js';
import { CACHE_DIR_FLAG } from './common-flags.js';
import { oclifFlag } from './oclif-flags.js';

/** Flags shared by the `cache` commands: which cache to act on. */
export const cacheLocationFlags = {
  directory: Flags.string({ char: 'd', summary: 'project directory whose default cache to use (DIRECTORY/.connascence/cache)', default: '.' }),
  'cache-dir': oclifFlag(CACHE_DIR_FLAG),
  json: Flags.boolean({ summary: 'print the result as JSON' }),
};

/**
 * The cache the flags name, checked as every run checks it (cache/trust.ts): a folder inside the
 * directory reached through a link is refused (exit 3, nothing read or written), and one inside it
 * comes with this machine's key, so that only the entries it sealed count (and imports are sealed).
 */
export async function cacheFrom(flags: { directory: string; 'cache-dir'?: string }, doing: string): Promise<{ dir: string; auth?: EntryAuth }> {
  const { resolve } = await import('node:path');
  const { resolveCacheDir } = await import('../cache/location.js');
  const { cacheTrust } = await import('../cache/trust.js');
  const root = resolve(flags.directory);
  const dir = resolveCacheDir({ root, flag: flags['cache-dir'], env: process.env });
  const trust = cacheTrust(root, dir, flags['cache-dir'] !== undefined);
  if (trust.kind === 'refused') {
    const [{ EnvironmentError }, { printable }] = await Promise.all([import('../errors.js'), import('../printable.js')]);
    throw new EnvironmentError(`Will not ${doing} the cache folder ${printable(dir)}: ${printable(trust.reason)}. Pass --cache-dir with a folder outside the checkout.`);
  }
  return trust.kind === 'checkout' ? { dir, auth: trust.auth } : { dir };
}

import { Flags } from '@oclif/core';
import { CACHE_DIR_FLAG } from './common-flags.js';
import { oclifFlag } from './oclif-flags.js';

/** Flags shared by the `cache` commands: which cache to act on. */
export const cacheLocationFlags = {
  directory: Flags.string({ char: 'd', summary: 'project directory whose default cache to use (DIRECTORY/.connascence/cache)', default: '.' }),
  'cache-dir': oclifFlag(CACHE_DIR_FLAG),
  json: Flags.boolean({ summary: 'print the result as JSON' }),
};

export async function cacheDirFrom(flags: { directory: string; 'cache-dir'?: string }): Promise<string> {
  const { resolve } = await import('node:path');
  const { resolveCacheDir } = await import('../cache/location.js');
  return resolveCacheDir({ root: resolve(flags.directory), flag: flags['cache-dir'], env: process.env });
}

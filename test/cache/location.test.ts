import { mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCacheDir, resolveSnapshotDirs } from '../../src/cache/location.js';
import { tempDir } from './helpers.js';

describe('resolveCacheDir', () => {
  it('prefers the flag, then CONNASCENCE_CACHE_DIR, then <root>/.connascence/cache', () => {
    const env = { CONNASCENCE_CACHE_DIR: '/env/cache' };
    expect(resolveCacheDir({ root: '/proj', flag: 'rel/cache', env })).toBe(resolve('rel/cache'));
    expect(resolveCacheDir({ root: '/proj', env })).toBe('/env/cache');
    expect(resolveCacheDir({ root: '/proj', env: {} })).toBe(join('/proj', '.connascence', 'cache'));
    expect(resolveCacheDir({ root: '/proj', env: { CONNASCENCE_CACHE_DIR: '' } })).toBe(join('/proj', '.connascence', 'cache'));
  });
});

describe('resolveSnapshotDirs', () => {
  it('lists CONNASCENCE_SNAPSHOT_DIRS in order, then the baked dir only when it exists', () => {
    const baked = join(tempDir(), 'baked');
    const env = { CONNASCENCE_SNAPSHOT_DIRS: ['/a', '', '/b'].join(delimiter) };
    expect(resolveSnapshotDirs(env, { defaultDir: baked })).toEqual(['/a', '/b']);
    mkdirSync(baked);
    expect(resolveSnapshotDirs(env, { defaultDir: baked })).toEqual(['/a', '/b', baked]);
    expect(resolveSnapshotDirs({}, { defaultDir: baked })).toEqual([baked]);
  });
});

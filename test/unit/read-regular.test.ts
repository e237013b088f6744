import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile } from '../../src/discovery/read-regular.js';
import { readSource } from '../../src/discovery/read.js';
import { discover } from '../../src/discovery/walk.js';
import { ConfigError } from '../../src/errors.js';
import { loadConfig } from '../../src/policy/config.js';
import { makeTree } from '../helpers/cli.js';

describe('readRegularFile', () => {
  it('reads a regular file whole, and refuses one over the limit before reading it', () => {
    const root = makeTree({ 'a.txt': 'hello', 'big.txt': 'x'.repeat(100) });
    const ok = readRegularFile(join(root, 'a.txt'), 10);
    expect(ok.ok && ok.bytes.toString()).toBe('hello');
    expect(readRegularFile(join(root, 'big.txt'), 10)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(readRegularFile(join(root, 'missing.txt'), 10)).toMatchObject({ ok: false, reason: 'unreadable', code: 'ENOENT' });
  });

  it('refuses a FIFO without blocking and a device without reading it', () => {
    const root = makeTree({});
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(readRegularFile(join(root, 'pipe'), 1024)).toMatchObject({ ok: false, reason: 'not-regular', detail: expect.stringContaining('FIFO') });
    expect(readRegularFile('/dev/zero', 1024)).toMatchObject({ ok: false, reason: 'not-regular', detail: expect.stringContaining('device') });
    expect(readRegularFile(root, 1024)).toMatchObject({ ok: false, reason: 'not-regular' });
  });

  it('follows a link by default, and with noFollow opens no link at all', () => {
    const root = makeTree({ 'a.txt': 'hello' });
    symlinkSync(join(root, 'a.txt'), join(root, 'link.txt'));
    const followed = readRegularFile(join(root, 'link.txt'), 10);
    expect(followed.ok && followed.bytes.toString()).toBe('hello');
    expect(readRegularFile(join(root, 'link.txt'), 10, { noFollow: true })).toMatchObject({ ok: false, reason: 'unreadable', code: 'ELOOP' });
    const direct = readRegularFile(join(root, 'a.txt'), 10, { noFollow: true });
    expect(direct.ok && direct.bytes.toString()).toBe('hello');
  });
});

describe('discovery and reading of files that are not regular', () => {
  it('lists a FIFO named like source as skipped, and a source file swapped for a FIFO after discovery does not hang', () => {
    const root = makeTree({ 'a.py': 'x = 1\n', 'b.ts': 'export {}\n' });
    execFileSync('mkfifo', [join(root, 'pipe.py')]);
    const found = discover(root);
    expect(found.files.map((f) => f.path)).toEqual(['a.py', 'b.ts']);
    expect(found.skipped).toEqual([expect.objectContaining({ path: 'pipe.py', reason: 'not-regular' })]);
    const swapped = found.files[1]!;
    rmSync(swapped.absolute);
    execFileSync('mkfifo', [swapped.absolute]);
    expect(readSource(swapped, 1024 * 1024)).toEqual({ ok: false, skipped: expect.objectContaining({ path: 'b.ts', reason: 'not-regular' }) });
  });
});

describe('loadConfig on planted files', () => {
  it('reads a config that starts with a UTF-8 byte order mark', () => {
    const root = makeTree({ 'connascence.config.json': '\uFEFF{ "policy": "strict" }\n' });
    expect(loadConfig(root).config).toEqual({ policy: 'strict' });
  });

  it('refuses a config that links outside the root, or to a device, with a clear error', () => {
    const outside = makeTree({ 'c.json': '{ "policy": "lenient" }' });
    const root = makeTree({});
    symlinkSync(join(outside, 'c.json'), join(root, 'connascence.config.json'));
    expect(() => loadConfig(root)).toThrow(/outside the analysed directory/);
    expect(loadConfig(root, join(outside, 'c.json')).config).toEqual({ policy: 'lenient' });
    const zero = makeTree({});
    symlinkSync('/dev/zero', join(zero, 'connascence.config.json'));
    expect(() => loadConfig(zero)).toThrow(ConfigError);
    const inside = makeTree({ 'cfg/c.json': '{ "policy": "strict" }' });
    symlinkSync(join(inside, 'cfg', 'c.json'), join(inside, 'connascence.config.json'));
    expect(loadConfig(inside).config).toEqual({ policy: 'strict' });
    writeFileSync(join(inside, 'cfg', 'c.json'), '{ "policy": "lenient" }');
    expect(loadConfig(inside).config).toEqual({ policy: 'lenient' });
  });
});

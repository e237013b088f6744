import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeName, filesUnder } from '../../src/discovery/names.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('names that are not valid UTF-8', () => {
  it('escapes exactly the bytes outside valid UTF-8 sequences', () => {
    expect(escapeName(Buffer.from('plain.py'))).toBe('plain.py');
    expect(escapeName(Buffer.from('été.py'))).toBe('été.py');
    expect(escapeName(bytes(0x63, 0xe9, 0x2e))).toBe('c\\xe9.'); // a Latin-1 é
    expect(escapeName(bytes(0xc0, 0xaf))).toBe('\\xc0\\xaf'); // an overlong "/"
    expect(escapeName(bytes(0xed, 0xa0, 0x80))).toBe('\\xed\\xa0\\x80'); // a UTF-16 surrogate
    expect(escapeName(bytes(0xf0, 0x9f, 0x98))).toBe('\\xf0\\x9f\\x98'); // a cut 4-byte sequence
    expect(escapeName(bytes(0xf0, 0x9f, 0x98, 0x80, 0xff))).toBe('😀\\xff');
  });

  it('lists the files below a folder from its raw path, bounded, not following links', () => {
    const root = mkdtempSync(join(tmpdir(), 'names-'));
    const dir = Buffer.concat([Buffer.from(`${root}/`), bytes(0x62, 0xff)]);
    mkdirSync(Buffer.concat([dir, Buffer.from('/a/node_modules')]), { recursive: true });
    writeFileSync(Buffer.concat([dir, Buffer.from('/a/x.ts')]), '');
    writeFileSync(Buffer.concat([dir, Buffer.from('/a/node_modules/y.ts')]), '');
    writeFileSync(Buffer.concat([dir, Buffer.from('/'), bytes(0xfe), Buffer.from('.py')]), '');
    expect(filesUnder(dir)).toEqual(['\\xfe.py', 'a/x.ts']);
    expect(filesUnder(dir, 1)).toHaveLength(1);
  });
});

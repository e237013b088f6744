import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, constants, readdirSync, readFileSync, readSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputFile as writeReportFile } from '../../src/fs/output-file.js';

describe('writeReportFile', () => {
  it('refuses (exit 3) a path with a link below a guarded folder, folder or file, and writes nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'connascence-guarded-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'connascence-elsewhere-'));
    writeFileSync(join(elsewhere, 'victim'), 'keep me');
    symlinkSync(elsewhere, join(root, 'linked'));
    symlinkSync(join(elsewhere, 'victim'), join(root, 'file.sarif'));
    for (const path of [join(root, 'linked', 'x.sarif'), join(root, 'linked', 'new', 'x.sarif'), join(root, 'file.sarif')]) {
      let error: unknown;
      try {
        writeReportFile(path, 'x', 'the report', [root]);
      } catch (caught) {
        error = caught;
      }
      expect(error, path).toMatchObject({ exitCode: 3, message: expect.stringMatching(/is a symbolic link inside/) });
    }
    expect(readdirSync(elsewhere)).toEqual(['victim']);
    expect(readFileSync(join(elsewhere, 'victim'), 'utf8')).toBe('keep me');
    // The same paths without the guard: the folder link is the caller's to trust.
    writeReportFile(join(root, 'linked', 'x.sarif'), 'x');
    expect(readdirSync(elsewhere).sort()).toEqual(['victim', 'x.sarif']);
  });

  it('writes through no link planted at a temporary name (O_EXCL, unpredictable name)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'connascence-output-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const target = join(dir, 'out.json');
    // The name the old code used, and what a guess at a fixed suffix would be.
    symlinkSync(victim, `${target}.${process.pid}.tmp`);
    symlinkSync(victim, `${target}.tmp`);
    writeReportFile(target, '{"a":1}');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir).sort()).toEqual(['out.json', `out.json.${process.pid}.tmp`, 'out.json.tmp', 'victim.txt']);
  });

  it('writes a regular file atomically, creating its folders, and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'connascence-output-'));
    const target = join(dir, 'reports', 'out.json');
    expect(writeReportFile(target, '{"a":1}')).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(join(dir, 'reports'))).toEqual(['out.json']);
  });

  it('writes a report given in parts as their concatenation, many parts and non-ASCII text included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'connascence-output-'));
    const target = join(dir, 'parts.json');
    const parts = ['{"findings":[', ...Array.from({ length: 1500 }, (_, i) => `${i === 0 ? '' : ','}"é${i}𝄞"`), ']}'];
    writeReportFile(target, parts);
    expect(readFileSync(target, 'utf8')).toBe(`${parts.join('')}\n`);
    // A trailing newline is added once, as for a report given whole.
    writeReportFile(target, ['a\n', '']);
    expect(readFileSync(target, 'utf8')).toBe('a\n');
    writeReportFile(target, ['a', 'b']);
    expect(readFileSync(target, 'utf8')).toBe('ab\n');
  });

  it('writes into a special file (a named pipe, like /dev/null or /dev/stdout) instead of replacing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'connascence-output-'));
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // A reader first, so that opening the pipe for writing does not block.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      writeReportFile(fifo, 'report');
      const buffer = Buffer.alloc(64);
      const read = readSync(reader, buffer, 0, buffer.length, null);
      expect(buffer.subarray(0, read).toString()).toBe('report\n');
    } finally {
      closeSync(reader);
    }
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });
});

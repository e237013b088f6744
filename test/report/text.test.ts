import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../src/report/color.js';
import { renderReport } from '../../src/report/index.js';
import { makeResult, NON_ASCII_FILE, OPTIONS } from './fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

describe('text report', () => {
  const text = renderReport(makeResult(), 'text', OPTIONS);

  it('has no ANSI codes when colour is off, and some when it is on', () => {
    expect(text).not.toMatch(ANSI);
    const coloured = renderReport(makeResult(), 'text', { ...OPTIONS, color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(new RegExp(ANSI.source, 'g'), '')).toBe(text);
  });

  it('groups findings by file, aligned like ESLint stylish', () => {
    const lines = text.split('\n');
    const app = lines.indexOf('src/app.ts');
    expect(app).toBeGreaterThan(-1);
    expect(lines[app + 1]).toMatch(/^ {2}3:7 {3}critical {2}Hard-coded credential assigned to password\. {6}SEC_SECRET$/);
    expect(lines[app + 2]).toMatch(/^ {2}12:3 {2}medium {4}move takes 4 positional parameters \(maximum 3\)\. {2}CON_POSITION$/);
    expect(lines).toContain(NON_ASCII_FILE);
    expect(lines.indexOf('broken.py')).toBeLessThan(lines.indexOf('lib/util.js'));
  });

  it('keeps every finding on one line', () => {
    expect(text).toMatch(/  2:11  low  Literal "a\|b" repeated 3 times, 100% of uses: see line 2  CON_VALUES/);
  });

  it('summarises counts, files, scores, skipped files and the gate', () => {
    expect(text).toContain('6 findings (1 critical, 2 high, 1 medium, 2 low)');
    expect(text).toMatch(/by rule: CON_POSITION 1, CON_VALUES 1, .*LEGACY_UNKNOWN_RULE 1/);
    expect(text).toContain('Analysed 4 files (1 test file, 1 generated), 234 lines (189 code lines, 15 functions), 1 parse error under policy standard');
    expect(text).toContain('Scores: NASA compliance 93.33/100, duplication 93.12/100, connascence index 121.69 per KLOC, overall 72.14/100');
    expect(text).toMatch(/Skipped 2 files:\n {2}assets\/logo\.png {5}binary: contains NUL bytes\n {2}vendor\/huge\.min\.js {2}too-large: /);
    expect(text).toContain('Gate: failed (fail on high: 3 findings at or above high)');
    expect(text).not.toContain('Timings');
  });

  it('adds timings and cache statistics when verbose', () => {
    const verbose = renderReport(makeResult(), 'text', { ...OPTIONS, verbose: true });
    expect(verbose).toContain('Timings: discover 10 ms, parse 350 ms, rules 40 ms, total 413 ms');
    expect(verbose).toContain('Cache: 3 hits, 1 misses (75% hit rate), 0 corrupt entries');
  });

  it('says so when there is nothing to report', () => {
    const empty = renderReport({ ...makeResult([]), skipped: [] }, 'text', { color: false, toolVersion: '1' });
    expect(empty.startsWith('✔ 0 findings (0 critical, 0 high, 0 medium, 0 low)\n')).toBe(true);
  });
});

describe('shouldUseColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('colours a TTY and not a pipe', () => {
    expect(shouldUseColor(tty, {})).toBe(true);
    expect(shouldUseColor(pipe, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
    expect(shouldUseColor(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('honours NO_COLOR with any non-empty value', () => {
    expect(shouldUseColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('honours FORCE_COLOR, which wins over NO_COLOR as in Node.js', () => {
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldUseColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '3', NO_COLOR: '1' })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import { renderReport } from '../../src/report/index.js';
import { makeResult, NON_ASCII_FILE, OPTIONS } from './fixture.js';

describe('github report', () => {
  const lines = renderReport(makeResult(), 'github', OPTIONS).trimEnd().split('\n');

  it('writes one workflow command per finding, most severe first, then a summary line', () => {
    expect(lines).toHaveLength(makeResult().findings.length + 1);
    expect(lines.slice(0, -1).map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::error', '::error', '::warning', '::notice', '::notice']);
    expect(lines[0]).toBe('::error file=src/app.ts,line=3,col=7,title=SEC_SECRET::Hard-coded credential assigned to password.');
    expect(lines.at(-1)).toBe('connascence: 6 findings in 4 files, 2 skipped; gate failed (fail on high: 3 findings at or above high)');
  });

  it('includes end positions when known', () => {
    expect(lines).toContain('::warning file=src/app.ts,line=12,col=3,endLine=14,endColumn=4,title=CON_POSITION::move takes 4 positional parameters (maximum 3).');
  });

  it('escapes data and properties', () => {
    const values = lines.find((l) => l.includes('CON_VALUES'))!;
    expect(values).toBe(`::notice file=${NON_ASCII_FILE},line=2,col=11,title=CON_VALUES::Literal "a|b" repeated 3 times, 100%25 of uses:%0Asee line 2`);
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('lists related locations in the message', () => {
    const duplication = lines.find((l) => l.includes('DUPLICATION'))!;
    expect(duplication).toContain('::13 duplicated lines (also in src/app.ts).%0ARelated:%0A  src/app.ts:20 clone partner%0A  src/données/café.py:5');
    expect(duplication).toContain('line=40,col=1,endLine=52,title=DUPLICATION');
  });
});

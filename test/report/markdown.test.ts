import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { escapeCell, MARKDOWN_MAX_FINDINGS } from '../../src/report/markdown.js';
import { makeResult, manyFindings, OPTIONS } from './fixture.js';

/** Cells of a table row, splitting on unescaped pipes only. */
const cells = (row: string): string[] => row.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());

describe('markdown report', () => {
  const md = renderReport(makeResult(), 'markdown', OPTIONS);

  it('has a heading, the gate, scores and count tables', () => {
    expect(md.startsWith('## connascence report\n\n❌ **Gate failed (fail on high: 3 findings at or above high)**\n')).toBe(true);
    expect(md).toContain('| NASA compliance | 93.33 / 100 |');
    expect(md).toContain('| Connascence index | 121.69 per KLOC (lower is better) |');
    expect(md).toContain('### Findings by severity\n\n| Severity | Count |\n| --- | ---: |\n| critical | 1 |');
    expect(md).toContain('| ` CON_POSITION ` | 1 | Function takes more positional parameters than the threshold. |');
    expect(md).toContain('| ` vendor/huge.min.js ` | ` too-large ` | ` 2.5 MiB exceeds --max-file-size 1 MiB ` |');
  });

  it('lists findings most severe first, with escaped cells on one line each', () => {
    const section = md.slice(md.indexOf('### Top findings'), md.indexOf('### Skipped files'));
    const top = section.split('\n').filter((line) => line.startsWith('|')).slice(2);
    expect(top.map((row) => cells(row)[0])).toEqual(['critical', 'high', 'high', 'medium', 'low', 'low']);
    for (const row of top) expect(cells(row)).toHaveLength(4);
    // What comes from the analysed files (rule ids of a merge, paths, messages) is in code spans.
    expect(top[4]).toBe('| low | ` LEGACY_UNKNOWN_RULE ` | ` lib/util.js:7:2 ` | ` A finding whose rule id no rule declares. ` |');
    expect(top[5]).toContain('` Literal "a\\|b" repeated 3 times, 100% of uses: see line 2 `');
  });

  it('caps the findings table and says how many more there are', () => {
    const count = MARKDOWN_MAX_FINDINGS + 7;
    const many = renderReport(makeResult(manyFindings(count)), 'markdown', OPTIONS);
    const top = many.slice(many.indexOf('### Top findings')).split('\n').filter((line) => line.startsWith('| low'));
    expect(top).toHaveLength(MARKDOWN_MAX_FINDINGS);
    expect(many).toContain('_and 7 more_');
  });

  it('escapes pipes, Markdown punctuation and newlines in cells', () => {
    expect(escapeCell('a|b\n  c_d <e>')).toBe('a\\|b c\\_d \\<e\\>');
  });

  it('omits the gate when there is none', () => {
    expect(renderReport(makeResult(), 'markdown', { color: false, toolVersion: '1' })).not.toContain('Gate');
  });
});

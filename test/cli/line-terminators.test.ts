/**
 * Source read the way its runtime reads it (README "Reading files"; issue 30, item 1). One corpus
 * holds every line-terminator and encoding trick, in Python and in JavaScript, each file generated
 * here from one plain form so that its bytes are explicit, and the real CLI analyses them all: each
 * variant must give the findings of its plain form, rule and line, suppressed ones included, plus
 * a SEC_SOURCE_ENCODING finding where the file declares a codec the tool cannot follow.
 *
 * What CPython does with each variant was checked with CPython 3.11 (`python3 file.py`): a lone CR
 * and CRLF end lines like LF (also for line numbers); a form feed at the start of a line is
 * whitespace; \v, \x1c-\x1e, U+0085, U+2028 and U+2029 end no line (a comment runs on past them);
 * the coding declaration is read from line 1, or from line 2 after a comment or blank line 1, and
 * decodes the file; a UTF-8 BOM with a declaration of another codec is refused. oxc (and every JS
 * engine) ends a line at LF, CR, CRLF, U+2028 and U+2029.
 */
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

interface Finding {
  ruleId: string;
  file: string;
  line: number;
  severity: string;
}

interface Report {
  findings: Finding[];
  suppressed?: Finding[];
}

/** Cross-file rules see the copies of one program as clones of each other: not what is compared here. */
const CROSS_FILE = new Set(['DUPLICATION', 'CON_ALGORITHM']);

/** `rule line` of every finding of a file, `(suppressed)` marked, sorted. */
function findingsOf(report: Report, file: string): string[] {
  const live = report.findings.filter((f) => f.file === file).map((f) => `${f.ruleId} ${f.line}`);
  const suppressed = (report.suppressed ?? []).filter((f) => f.file === file).map((f) => `${f.ruleId} ${f.line} (suppressed)`);
  return [...live, ...suppressed].filter((entry) => !CROSS_FILE.has(entry.split(' ')[0]!)).sort();
}

function analyse(files: Record<string, Buffer>, ...flags: string[]): { code: number; report: Report } {
  const root = makeTree(files);
  const result = runCli(['analyze', root, '--format', 'json', '--include-suppressed', '--no-cache', ...flags]);
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

// ---------------------------------------------------------------------------------------------
// Python

/**
 * The plain Python program, one `\n` per line. `first`/`coding`: lines 1 and 2; `note`: the comment
 * of line 7; `label`: the text of a string literal (non-ASCII in the encoding variants).
 * Findings: SEC_SHELL 8, 18; suppressed SEC_SHELL 10 (next-line) and 11 (same line); NASA_8 19.
 */
function pythonLines(parts: { first?: string; coding?: string; note?: string; label?: string } = {}): string[] {
  return [
    parts.first ?? '#!/usr/bin/env python3',
    parts.coding ?? '# -*- coding: utf-8 -*-',
    '"""A module with findings on known lines."""',
    'import os',
    'import subprocess',
    '',
    parts.note ?? '# a comment before a call',
    'os.system(cmd)',
    '# connascence-disable-next-line SEC_SHELL -- reviewed',
    'os.system(reviewed)',
    'os.popen(other)  # connascence-disable-line SEC_SHELL -- reviewed',
    `label = "${parts.label ?? 'plain'}"`,
    '',
    '',
    'def run(data):',
    '    # a comment in a block',
    '    if data:',
    '        subprocess.run(data, shell=True)',
    '    return eval(data)',
    '',
  ];
}

const PLAIN_PY_FINDINGS = ['NASA_8_DYNAMIC_CODE 19', 'SEC_SHELL 10 (suppressed)', 'SEC_SHELL 11 (suppressed)', 'SEC_SHELL 18', 'SEC_SHELL 8'];

/** Bytes of characters outside ASCII in the codecs used below (explicit, not an encoder's guess). */
const ENCODED: Record<string, Record<string, number[]>> = {
  'latin-1': { 'é': [0xe9], 'ï': [0xef], '¤': [0xa4] },
  cp1252: { 'é': [0xe9], '€': [0x80], '‰': [0x89], '“': [0x93], '”': [0x94] },
  // ソ is 0x83 0x5c in Shift_JIS: read as UTF-8, its second byte is a backslash that escapes the closing quote.
  shift_jis: { 'ソ': [0x83, 0x5c], '表': [0x95, 0x5c] },
};

function encode(text: string, codec: keyof typeof ENCODED): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const mapped = ENCODED[codec]![ch];
      if (!mapped) throw new Error(`no ${codec} bytes for ${ch}`);
      bytes.push(...mapped);
    }
  }
  return Buffer.from(bytes);
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Characters CPython does not end a line at (str.splitlines does): a comment runs on past them. */
const NOT_PYTHON_BREAKS: Record<string, string> = {
  vt: '\v',
  fs: '\x1c',
  gs: '\x1d',
  rs: '\x1e',
  nel: '\u0085',
  ls: '\u2028',
  ps: '\u2029',
};

describe('Python read as CPython reads it', () => {
  const plain = pythonLines();
  const joined = (lines: string[], breaks: (i: number) => string): string => lines.map((line, i) => (i < lines.length - 1 ? line + breaks(i) : line)).join('');
  const MIXED = ['\n', '\r', '\r\n'];
  /** Variant -> bytes; each gives exactly the plain form's findings. */
  const same: Record<string, Buffer> = {
    'plain.py': utf8(plain.join('\n')),
    'crlf.py': utf8(joined(plain, () => '\r\n')),
    'cr.py': utf8(joined(plain, () => '\r')),
    'mixed.py': utf8(joined(plain, (i) => MIXED[i % 3]!)),
    // A form feed at the start of a line is whitespace (CPython resets the indentation count there).
    'form-feed.py': utf8(plain.map((line) => (line === '' ? line : `\f${line}`)).join('\n')),
    // A declaration on line 1, without the shebang.
    'coding-line-1.py': utf8(pythonLines({ first: '# -*- coding: utf-8 -*-', coding: '# second line' }).join('\n')),
    'latin-1.py': encode(pythonLines({ coding: '# -*- coding: latin-1 -*-', label: 'café naïve ¤' }).join('\n'), 'latin-1'),
    'iso-8859-1-crlf.py': encode(joined(pythonLines({ coding: '# vim: set fileencoding=iso-8859-1 :', label: 'café' }), () => '\r\n'), 'latin-1'),
    'cp1252.py': encode(pythonLines({ coding: '# coding=cp1252', label: '“€ ‰ café”' }).join('\n'), 'cp1252'),
    'windows-1252-cr.py': encode(joined(pythonLines({ coding: '# coding: windows-1252', label: '€' }), () => '\r'), 'cp1252'),
    // Read as UTF-8, the backslash in ソ and 表 would escape the closing quote and swallow the code after it.
    'shift-jis.py': encode(pythonLines({ coding: '# -*- coding: shift_jis -*-', label: 'ソ表' }).join('\n'), 'shift_jis'),
    'bom-utf-8.py': Buffer.concat([BOM, utf8(pythonLines({ label: 'café' }).join('\n'))]),
    // A declaration after a line of code is none: the file is UTF-8, whatever it says.
    'declaration-after-code.py': utf8(pythonLines({ first: 'import sys', coding: '# -*- coding: utf-7 -*-' }).join('\n')),
    // Only lines 1 and 2 can declare a codec.
    'declaration-later-line.py': utf8(pythonLines({ coding: '#', note: '# -*- coding: utf-7 -*-' }).join('\n')),
  };
  for (const [name, separator] of Object.entries(NOT_PYTHON_BREAKS)) {
    // The call after the separator is comment text for CPython: no finding may come of it, and no line may shift.
    same[`comment-${name}.py`] = utf8(pythonLines({ note: `# a comment${separator}os.system(hidden)` }).join('\n'));
    same[`comment-${name}-crlf.py`] = utf8(joined(pythonLines({ note: `# a comment${separator}os.system(hidden)` }), () => '\r\n'));
  }
  /** Variant -> [bytes, line of the SEC_SOURCE_ENCODING finding]; the rest as in the plain form. */
  const declared: Record<string, Buffer> = {
    'utf-7.py': utf8(pythonLines({ coding: '# -*- coding: utf-7 -*-', note: '# a comment +AAo-os.system(hidden)' }).join('\n')),
    'utf7-crlf.py': utf8(joined(pythonLines({ coding: '# -*- coding: UTF7 -*-', note: '# a comment +AAo-os.system(hidden)' }), () => '\r\n')),
    'unicode-escape.py': utf8(pythonLines({ coding: '# -*- coding: unicode_escape -*-', note: '# a comment\\nos.system(hidden)' }).join('\n')),
    'raw-unicode-escape.py': utf8(pythonLines({ coding: '# -*- coding: raw-unicode-escape -*-', note: '# a comment\\u000aos.system(hidden)' }).join('\n')),
    'raw-unicode-escape-cr.py': utf8(joined(pythonLines({ coding: '# coding: raw_unicode_escape', note: '# a comment\\u000aos.system(hidden)' }), () => '\r')),
    'punycode.py': utf8(pythonLines({ coding: '# coding: punycode' }).join('\n')),
    'unknown-codec.py': utf8(pythonLines({ coding: '# -*- coding: future_fstrings -*-' }).join('\n')),
    'ebcdic.py': utf8(pythonLines({ coding: '# coding: cp037' }).join('\n')),
    'utf-16.py': utf8(pythonLines({ coding: '# coding: utf-16' }).join('\n')),
    'bom-latin-1.py': Buffer.concat([BOM, utf8(pythonLines({ coding: '# -*- coding: latin-1 -*-', label: 'café' }).join('\n'))]),
    'bom-utf8-alias.py': Buffer.concat([BOM, utf8(pythonLines({ coding: '# coding: utf8' }).join('\n'))]),
  };

  it('gives every line-terminator and encoding variant the findings of the plain form, suppressions included', () => {
    const { report } = analyse({ ...same, ...declared });
    expect(findingsOf(report, 'plain.py')).toEqual(PLAIN_PY_FINDINGS);
    const actual = Object.fromEntries(Object.keys(same).map((name) => [name, findingsOf(report, name)]));
    expect(actual).toEqual(Object.fromEntries(Object.keys(same).map((name) => [name, PLAIN_PY_FINDINGS])));
    const withEncoding = [...PLAIN_PY_FINDINGS, 'SEC_SOURCE_ENCODING 2'].sort();
    const declaredActual = Object.fromEntries(Object.keys(declared).map((name) => [name, findingsOf(report, name)]));
    expect(declaredActual).toEqual(Object.fromEntries(Object.keys(declared).map((name) => [name, withEncoding])));
    const encoding = report.findings.filter((f) => f.ruleId === 'SEC_SOURCE_ENCODING');
    expect(new Set(encoding.map((f) => f.severity))).toEqual(new Set(['high']));
  });

  it('fails the gate of every preset on a file whose declared codec hides a shell call in a comment', () => {
    const hiding: Record<string, Buffer> = {
      'utf7.py': utf8('# -*- coding: utf-7 -*-\nimport os\n# harmless +AAo-os.system(cmd)\n'),
      'escape.py': utf8('# -*- coding: unicode_escape -*-\nimport os\n# harmless\\nos.system(cmd)\n'),
      'raw.py': utf8('# -*- coding: raw_unicode_escape -*-\nimport os\n# harmless\\u000aos.system(cmd)\n'),
      'registered.py': utf8('# -*- coding: my_codec -*-\nimport os\n# harmless os.system(cmd)\n'),
      // CPython reads the whole first line: padding does not push the declaration out of sight.
      'padded.py': utf8(`# ${'x'.repeat(20_000)} coding: utf-7\nimport os\n# harmless +AAo-os.system(cmd)\n`),
    };
    for (const policy of ['standard', 'strict', 'lenient', 'nasa-compliance']) {
      const { code, report } = analyse(hiding, '--policy', policy);
      expect(code, policy).toBe(1);
      expect(
        report.findings.map((f) => `${f.file} ${f.ruleId} ${f.line} ${f.severity}`).sort(),
        policy,
      ).toEqual(['escape.py SEC_SOURCE_ENCODING 1 high', 'padded.py SEC_SOURCE_ENCODING 1 high', 'raw.py SEC_SOURCE_ENCODING 1 high', 'registered.py SEC_SOURCE_ENCODING 1 high', 'utf7.py SEC_SOURCE_ENCODING 1 high']);
    }
  });

  it('sees a call that a lone CR puts after a comment, at the line CPython numbers it', () => {
    const { code, report } = analyse({ 'hidden.py': utf8('import os\n# harmless\ros.system(cmd)\n\r\rx = eval(data)\n') }, '--fail-on', 'low');
    expect(code).toBe(1);
    expect(findingsOf(report, 'hidden.py')).toEqual(['NASA_8_DYNAMIC_CODE 6', 'SEC_SHELL 3']);
  });
});

// ---------------------------------------------------------------------------------------------
// JavaScript

/** Findings: SEC_SHELL 3, 10; suppressed SEC_SHELL 5 (next-line) and 6 (same line); NASA_8 11. */
const PLAIN_JS = [
  "const cp = require('child_process');",
  '// a comment before a call',
  'cp.exec(cmd);',
  '// connascence-disable-next-line SEC_SHELL -- reviewed',
  'cp.exec(reviewed);',
  'cp.exec(other); // connascence-disable-line SEC_SHELL -- reviewed',
  '/* a block',
  '   comment */',
  'function run(data) {',
  '  if (data) cp.execSync(data);',
  '  return eval(data);',
  '}',
  'module.exports = { run };',
  '',
];

const PLAIN_JS_FINDINGS = ['NASA_8_DYNAMIC_CODE 11', 'SEC_SHELL 10', 'SEC_SHELL 3', 'SEC_SHELL 5 (suppressed)', 'SEC_SHELL 6 (suppressed)'];

describe('JavaScript lines counted as oxc and editors count them', () => {
  const JS_BREAKS: Record<string, string> = { lf: '\n', crlf: '\r\n', cr: '\r', ls: '\u2028', ps: '\u2029' };
  const MIXED = Object.values(JS_BREAKS);
  const join = (breaks: (i: number) => string): string => PLAIN_JS.map((line, i) => (i < PLAIN_JS.length - 1 ? line + breaks(i) : line)).join('');

  it('gives every line-terminator variant the findings of the plain form, suppressions included', () => {
    const files: Record<string, Buffer> = {};
    for (const [name, separator] of Object.entries(JS_BREAKS)) {
      files[`${name}.js`] = utf8(join(() => separator));
      files[`${name}.ts`] = utf8(join(() => separator));
    }
    files['mixed.js'] = utf8(join((i) => MIXED[i % MIXED.length]!));
    files['mixed-shifted.mjs'] = utf8(join((i) => MIXED[(i + 2) % MIXED.length]!));
    const { report } = analyse(files);
    expect(findingsOf(report, 'lf.js')).toEqual(PLAIN_JS_FINDINGS);
    const actual = Object.fromEntries(Object.keys(files).map((name) => [name, findingsOf(report, name)]));
    expect(actual).toEqual(Object.fromEntries(Object.keys(files).map((name) => [name, PLAIN_JS_FINDINGS])));
  });

  it('suppresses the line after a disable-next-line comment as oxc numbers it, not the next LF line', () => {
    const files = {
      // A U+2028 after the LF makes an empty line 3: the call is on line 4, which the comment does not name.
      'blank-ls.js': utf8("const cp = require('child_process');\n// connascence-disable-next-line SEC_SHELL -- reviewed\n\u2028cp.exec(cmd);\n"),
      // The comment ends at the U+2028: the call is the next line, and the one suppressed.
      'next-ls.js': utf8("const cp = require('child_process');\n// connascence-disable-next-line SEC_SHELL -- reviewed\u2028cp.exec(cmd);\n"),
      // A disable-line comment names its own line only: the call after the CR is on the next one.
      'same-cr.js': utf8("const cp = require('child_process');\n// connascence-disable-line SEC_SHELL -- reviewed\rcp.exec(cmd);\n"),
      // A call after a CR in a line comment is code (a line comment ends at CR).
      'hidden-cr.js': utf8("const cp = require('child_process');\n// harmless\rcp.exec(cmd);\n"),
    };
    const { report } = analyse(files, '--fail-on', 'low');
    expect(findingsOf(report, 'blank-ls.js')).toEqual(['SEC_SHELL 4', 'UNUSED_SUPPRESSION 2']);
    expect(findingsOf(report, 'next-ls.js')).toEqual(['SEC_SHELL 3 (suppressed)']);
    expect(findingsOf(report, 'same-cr.js')).toEqual(['SEC_SHELL 3', 'UNUSED_SUPPRESSION 2']);
    expect(findingsOf(report, 'hidden-cr.js')).toEqual(['SEC_SHELL 3']);
  });
});

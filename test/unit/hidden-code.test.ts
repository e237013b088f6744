import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/facts/types.js';
import { HiddenCodeScan, WINDOW_OVERLAP } from '../../src/languages/shared/hidden-code.js';
import { findKeyShape, keyShapesIn } from '../../src/languages/shared/secrets.js';

/** The scan of `text` fed in pieces of `piece` characters. */
function scan(language: Language, text: string, piece = text.length || 1): HiddenCodeScan {
  const result = new HiddenCodeScan(language);
  for (let at = 0; at < text.length; at += piece) result.push(text.slice(at, at + piece), at + piece >= text.length);
  if (text.length === 0) result.push('', true);
  return result;
}
const kinds = (s: HiddenCodeScan): string[] => s.hits.map((hit) => `${hit.kind}:${hit.what}@${hit.line}`);

// A private key's shape: a BEGIN line, then 64+ characters of varied base64.
const KEY_BODY = 'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u';
const KEY = `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----\n`;

describe('the scan of a skipped file for hidden safety patterns', () => {
  it('finds each pattern the Python safety rules report, with its line', () => {
    const cases: Array<[string, string]> = [
      ['import os\nos.system(cmd)\n', 'shell:os.system(@2'],
      ['os . popen (cmd)\n', 'shell:os.popen(@1'],
      ['subprocess.run(cmd, shell=True)\n', 'shell:shell=True@1'],
      ['subprocess.getoutput(cmd)\n', 'shell:subprocess.getoutput(@1'],
      ['from os import path, system\nsystem(cmd)\n', 'shell:from os import system@1'],
      ['x = 1\nexec(payload)\n', 'dynamic-code:exec(@2'],
      ['eval(x)\n', 'dynamic-code:eval(@1'],
      ['code = compile(src, "f", "exec")\n', 'dynamic-code:compile(@1'],
      ['import builtins\nbuiltins.exec(x)\n', 'dynamic-code:builtins.exec@2'],
      ['\uff45\uff58\uff45\uff43(x)\n', 'dynamic-code:exec(@1'], // fullwidth: Python reads identifiers as NFKC
      ['pickle.loads(data)\n', 'deserialize:pickle.loads(@1'],
      ['marshal.load(f)\n', 'deserialize:marshal.load(@1'],
      ['yaml.load(text)\n', 'deserialize:yaml.load(@1'],
      ['yaml.unsafe_load(text)\n', 'deserialize:yaml.unsafe_load(@1'],
      ['from pickle import loads\n', 'deserialize:from pickle import loads@1'],
      [`K = """${KEY}"""\n`, 'secret:private key block@1'],
      ['T = "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"\n', 'secret:GitHub token@1'],
      ['# -*- coding: utf-7 -*-\nx = 1\n', 'unsafe-coding:coding: utf-7@1'],
      ['#!/usr/bin/env python\n# coding=raw_unicode_escape\n', 'unsafe-coding:coding: raw_unicode_escape@2'],
    ];
    for (const [text, expected] of cases) expect(kinds(scan('python', text)), text).toEqual([expected]);
  });

  it('finds each pattern the JS/TS safety rules report, escapes included', () => {
    const cases: Array<[string, string]> = [
      ["const cp = require('child_process');\n", 'shell:child_process@1'],
      ["import { exec } from 'node:child_process';\n", 'shell:child_process@1'],
      ['spawn(cmd, { shell: true });\n', 'shell:shell:true@1'],
      ['execSync(cmd);\n', 'shell:execSync(@1'],
      ['eval(code);\n', 'dynamic-code:eval(@1'],
      ['(0, eval)(code);\n', 'dynamic-code:eval)(@1'],
      ['globalThis.eval(code);\n', 'dynamic-code:globalThis.eval(@1'],
      ["const f = new Function('a', body);\n", 'dynamic-code:Function(@1'],
      ['\\u0065val(code);\n', 'dynamic-code:eval(@1'],
      ['\\u{65}\\u{76}al(code);\n', 'dynamic-code:eval(@1'],
      ["const s = require('node-serialize');\n", 'deserialize:node-serialize@1'],
      [`const k = \`${KEY}\`;\n`, 'secret:private key block@1'],
      // Lines end at CR and U+2028 as the parser counts them.
      ['a;\rb;\u2028eval(x);\n', 'dynamic-code:eval(@3'],
    ];
    for (const [text, expected] of cases) expect(kinds(scan('typescript', text)), text).toEqual([expected]);
  });

  it('finds nothing in code that only looks alike', () => {
    const python = [
      'import re\npattern = re.compile("x")\nself.eval(x)\nmodel.exec(q)\n',
      'yaml.load(text, Loader=yaml.SafeLoader)\npickle.dumps(obj)\n',
      'os.path.join(a, b)\nsystemd = 1\nshell = False\n',
      'K = "-----BEGIN RSA PRIVATE KEY-----"\n', // a marker with no key after it
      'AWS = "AKIAIOSFODNN7EXAMPLE"\n',
    ];
    for (const text of python) expect(kinds(scan('python', text)), text).toEqual([]);
    const js = ['function exec(q) {\n  return db.exec(q);\n}\nconst m = /a+/.exec(s);\nrouter.execute(x);\nconst evaluate = 1;\nmyFunction(x);\nconst shell = false;\n', "const a = 'child-process-like';\n"];
    for (const text of js) expect(kinds(scan('javascript', text)), text).toEqual([]);
  });

  it('finds a pattern cut by the end of a piece, once, on the right line, whatever the piece size', () => {
    const filler = '# filler line\n'.repeat(1000);
    const text = `${filler}x = 1\nos.system(cmd)\n${filler}exec(x)\n`;
    const expected = ['shell:os.system(@1002', 'dynamic-code:exec(@2003'];
    for (const piece of [13, 4096, WINDOW_OVERLAP + 1, 10_000, text.length]) expect(kinds(scan('python', text, piece)), String(piece)).toEqual(expected);
    const escaped = `${'// x\n'.repeat(3000)}\\u0065val(x);\n`;
    for (const piece of [5, 9, 1000, 16_383]) expect(kinds(scan('javascript', escaped, piece)), String(piece)).toEqual(['dynamic-code:eval(@3001']);
    const keyed = `${'# x\n'.repeat(5000)}K = """${KEY}"""\n`;
    for (const piece of [3, 100, 20_001]) expect(kinds(scan('python', keyed, piece)), String(piece)).toEqual(['secret:private key block@5001']);
  });

  it('reads a text of many key headers once: the characters copied grow linearly', () => {
    // Each BEGIN line used to split the whole rest of the text: quadratic in the number of headers.
    const headers = (n: number): string => '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n'.repeat(n);
    let copied = 0;
    const original = String.prototype.slice;
    String.prototype.slice = function (this: string, ...args: Parameters<string['slice']>) {
      const part = original.apply(this, args);
      copied += part.length;
      return part;
    };
    const counts: Array<[number, number]> = [];
    try {
      for (const n of [1000, 2000, 4000]) {
        copied = 0;
        expect(keyShapesIn(headers(n))).toEqual([]);
        const scanned = copied;
        copied = 0;
        expect(findKeyShape(headers(n))).toBeUndefined();
        counts.push([scanned, copied]);
      }
    } finally {
      String.prototype.slice = original;
    }
    for (const which of [0, 1]) {
      expect(counts[1]![which]! / counts[0]![which]!).toBeLessThan(2.2);
      expect(counts[2]![which]! / counts[1]![which]!).toBeLessThan(2.2);
    }
  });
});

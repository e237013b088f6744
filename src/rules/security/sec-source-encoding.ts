import { type FileRule } from '../types.js';
import { alwaysOn } from '../shared/presets.js';

/** SEC_SOURCE_ENCODING: a Python coding declaration the analyser cannot read the file by as CPython does. */
export const secSourceEncoding: FileRule = {
  scope: 'file',
  meta: {
    id: 'SEC_SOURCE_ENCODING',
    family: 'security',
    defaultSeverity: 'high',
    description: 'Python coding declaration (PEP 263) the analyser cannot read the file by as CPython does: utf-7, unicode_escape and other codecs that turn comments into code, unknown codecs, a BOM that contradicts it.',
    rationale: 'The interpreter runs the decoded text; a codec that rewrites text lets a comment carry code that no reviewer and no rule sees.',
    languages: ['python'],
    safety: true,
    presets: alwaysOn(),
    messages: {
      /** Message ids are the `EncodingFact` kinds. */
      rewriting: 'The file declares `{{codec}}`, a codec that rewrites text (escapes, shifted runs): a comment can hold code that Python runs and no rule sees. Save the file as UTF-8.',
      'not-ascii': 'The file declares `{{codec}}`, a codec in which ASCII bytes are other characters: Python runs other text than the file shows. Save the file as UTF-8.',
      'not-followed': 'The file declares `{{codec}}`, a codec the analyser does not decode (an unknown one runs only if something registered it at start-up, and then decides what runs). Save the file as UTF-8.',
      'bom-conflict': 'The file starts with a UTF-8 BOM but declares `{{codec}}`: Python refuses it. Drop the BOM or declare utf-8.',
    },
    docs: {
      whatItDoes:
        'Reads the coding declaration of a Python file as CPython does (a comment on line 1, or on line 2 after a comment or blank line 1, matching `coding[:=]\\s*name`) and decodes the file by it: UTF-8, Latin-1, the ISO-8859 and Windows code pages, KOI8, Mac Roman/Cyrillic and the Japanese, Chinese and Korean multi-byte codecs. Any other declaration is reported at the declared name: codecs that rewrite text (`utf-7`, `unicode_escape`, `raw_unicode_escape`, `punycode`, `idna`, ISO-2022, HZ), codecs in which ASCII is not ASCII (EBCDIC, UTF-16/32), unknown codecs (a `.pth` file can register one at start-up: `future_fstrings`), and a UTF-8 BOM with a declaration of anything but utf-8. The rest of the file is still analysed as UTF-8.',
      whyIsThisBad:
        'Python decodes the source before it tokenizes it. Under `# coding: utf-7` the bytes `+AAo-` are a line break, under `unicode_escape` the two characters `\\n` are one: what an editor, a reviewer and this analyser show as a comment is a line of code for the interpreter. A gate that reads such a file as UTF-8 passes a shell call it never saw.',
      example: '# -*- coding: utf-7 -*-\n# harmless note +AAo-import os; os.system(request.args["cmd"])',
      useInstead: '# The file saved as UTF-8 (the default): no declaration needed.\nimport subprocess\nsubprocess.run(["convert", upload, "out.png"])',
    },
  },
  check(facts) {
    if (!facts.encoding) return [];
    const { kind, codec, line, column } = facts.encoding;
    return [{ messageId: kind, data: { codec }, line, column, key: 'coding' }];
  },
};

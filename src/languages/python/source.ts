/**
 * Python source as CPython reads it (README "Reading files"): the bytes decoded by the PEP 263
 * coding declaration, a lone CR ending a line like LF and CRLF, a UTF-8 BOM and a declaration that
 * contradicts it noticed. Facts are then extracted from the text the interpreter would run, and a
 * declaration the tool cannot follow is a fact of its own (`EncodingFact`, rule SEC_SOURCE_ENCODING),
 * never a silent read as UTF-8.
 *
 * What CPython does (checked against CPython 3.11's tokenizer):
 * - the declaration is `coding[:=]` then a name of `[-\w.]` in a comment that is the whole of line 1,
 *   or of line 2 when line 1 is a comment or blank; lines end at LF, CR or CRLF;
 * - the name `utf-8`/`utf_8` (and `utf-8-anything`) means UTF-8, `latin-1`, `iso-8859-1` and
 *   `iso-latin-1` (and those with a `-suffix`) mean ISO-8859-1; any other name goes through the codec
 *   registry (lower-cased, punctuation runs as `_`, aliases);
 * - a UTF-8 BOM with a declaration of anything but `utf-8` is refused ("encoding problem: X with BOM");
 * - an unknown codec is refused, unless something registered it at start-up (a `.pth` file can):
 *   then that codec, not the tool, decides what the file runs.
 */
import type { EncodingFact } from '../../facts/types.js';

const BOM = '\uFEFF';
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** The names CPython's own spelling rule gives (get_normal_name), before any registry lookup. */
const UTF8 = 'utf-8';
const LATIN1 = 'iso-8859-1';
/** CPython lower-cases and compares this much of a declared name in that rule. */
const NORMAL_NAME_HEAD = 12;
/** Line 1 or 2 as CPython examines it: optional spaces, tabs or form feeds, then `#`. */
const COMMENT_LINE = /^[ \t\f]*#/;
const BLANK_LINE = /^[ \t\f]*$/;
/** PEP 263 (CPython's get_coding_spec): the first `coding:` or `coding=` followed by a name. */
/** The name is bounded (no codec name is near 256 characters; a longer one is unknown either way), so no try can run on into a later `coding`. */
const DECLARATION = /coding[:=][ \t]*([-\w.]{1,256})/g;

/**
 * Codecs read as CPython reads them, by Python module name: the WHATWG label of TextDecoder that
 * decodes the same (checked byte by byte against CPython on every single byte and on random
 * sequences; where they differ it is only in which bytes are invalid or which non-ASCII character
 * one stands for, never in an ASCII character: quotes, `#`, `\` and line breaks fall where Python
 * sees them), or `latin1` / `cp1252` decoded here. Every codec keeps ASCII as ASCII and has no shift
 * state. Aliases as Python's `encodings.aliases` names them.
 */
const FOLLOWED: Record<string, { label: string; aliases: readonly string[] }> = {
  utf_8: { label: UTF8, aliases: ['cp65001', 'u8', 'utf', 'utf8', 'utf8_ucs2', 'utf8_ucs4'] },
  utf_8_sig: { label: UTF8, aliases: [] },
  // Python refuses a byte over 0x7f; any reading of it is as good (none makes ASCII).
  ascii: { label: UTF8, aliases: ['646', 'ansi_x3.4_1968', 'ansi_x3.4_1986', 'ansi_x3_4_1968', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_646.irv_1991', 'iso_ir_6', 'us', 'us_ascii'] },
  latin_1: { label: 'latin1', aliases: ['8859', 'cp819', 'csisolatin1', 'ibm819', 'iso8859', 'iso8859_1', 'iso_8859_1', 'iso_8859_1_1987', 'iso_ir_100', 'l1', 'latin', 'latin1'] },
  iso8859_2: { label: 'iso-8859-2', aliases: ['csisolatin2', 'iso_8859_2', 'iso_8859_2_1987', 'iso_ir_101', 'l2', 'latin2'] },
  iso8859_3: { label: 'iso-8859-3', aliases: ['csisolatin3', 'iso_8859_3', 'iso_8859_3_1988', 'iso_ir_109', 'l3', 'latin3'] },
  iso8859_4: { label: 'iso-8859-4', aliases: ['csisolatin4', 'iso_8859_4', 'iso_8859_4_1988', 'iso_ir_110', 'l4', 'latin4'] },
  iso8859_5: { label: 'iso-8859-5', aliases: ['csisolatincyrillic', 'cyrillic', 'iso_8859_5', 'iso_8859_5_1988', 'iso_ir_144'] },
  iso8859_6: { label: 'iso-8859-6', aliases: ['arabic', 'asmo_708', 'csisolatinarabic', 'ecma_114', 'iso_8859_6', 'iso_8859_6_1987', 'iso_ir_127'] },
  iso8859_7: { label: 'iso-8859-7', aliases: ['csisolatingreek', 'ecma_118', 'elot_928', 'greek', 'greek8', 'iso_8859_7', 'iso_8859_7_1987', 'iso_ir_126'] },
  iso8859_8: { label: 'iso-8859-8', aliases: ['csisolatinhebrew', 'hebrew', 'iso_8859_8', 'iso_8859_8_1988', 'iso_ir_138'] },
  iso8859_9: { label: 'windows-1254', aliases: ['csisolatin5', 'iso_8859_9', 'iso_8859_9_1989', 'iso_ir_148', 'l5', 'latin5'] },
  iso8859_10: { label: 'iso-8859-10', aliases: ['csisolatin6', 'iso_8859_10', 'iso_8859_10_1992', 'iso_ir_157', 'l6', 'latin6'] },
  iso8859_11: { label: 'windows-874', aliases: ['iso_8859_11', 'iso_8859_11_2001', 'thai'] },
  iso8859_13: { label: 'iso-8859-13', aliases: ['iso_8859_13', 'l7', 'latin7'] },
  iso8859_14: { label: 'iso-8859-14', aliases: ['iso_8859_14', 'iso_8859_14_1998', 'iso_celtic', 'iso_ir_199', 'l8', 'latin8'] },
  iso8859_15: { label: 'iso-8859-15', aliases: ['iso_8859_15', 'l9', 'latin9'] },
  cp1250: { label: 'windows-1250', aliases: ['1250', 'windows_1250'] },
  cp1251: { label: 'windows-1251', aliases: ['1251', 'windows_1251'] },
  // Decoded here: Node 20's TextDecoder drops bytes 0x80-0x9f of windows-1252.
  cp1252: { label: 'cp1252', aliases: ['1252', 'windows_1252'] },
  cp1253: { label: 'windows-1253', aliases: ['1253', 'windows_1253'] },
  cp1254: { label: 'windows-1254', aliases: ['1254', 'windows_1254'] },
  cp1255: { label: 'windows-1255', aliases: ['1255', 'windows_1255'] },
  cp1256: { label: 'windows-1256', aliases: ['1256', 'windows_1256'] },
  cp1257: { label: 'windows-1257', aliases: ['1257', 'windows_1257'] },
  cp1258: { label: 'windows-1258', aliases: ['1258', 'windows_1258'] },
  cp874: { label: 'windows-874', aliases: [] },
  koi8_r: { label: 'koi8-r', aliases: ['cskoi8r'] },
  koi8_u: { label: 'koi8-u', aliases: [] },
  cp866: { label: 'ibm866', aliases: ['866', 'csibm866', 'ibm866'] },
  mac_roman: { label: 'macintosh', aliases: ['macintosh', 'macroman'] },
  mac_cyrillic: { label: 'x-mac-cyrillic', aliases: ['maccyrillic'] },
  shift_jis: { label: 'shift_jis', aliases: ['csshiftjis', 's_jis', 'shiftjis', 'sjis', 'x_mac_japanese'] },
  cp932: { label: 'shift_jis', aliases: ['932', 'ms932', 'ms_kanji', 'mskanji'] },
  euc_jp: { label: 'euc-jp', aliases: ['eucjp', 'u_jis', 'ujis'] },
  gbk: { label: 'gbk', aliases: ['936', 'cp936', 'ms936'] },
  gb2312: { label: 'gbk', aliases: ['chinese', 'csiso58gb231280', 'euc_cn', 'euccn', 'eucgb2312_cn', 'gb2312_1980', 'gb2312_80', 'iso_ir_58', 'x_mac_simp_chinese'] },
  gb18030: { label: 'gb18030', aliases: ['gb18030_2000'] },
  big5: { label: 'big5', aliases: ['big5_tw', 'csbig5', 'x_mac_trad_chinese'] },
  cp950: { label: 'big5', aliases: ['950', 'ms950'] },
  euc_kr: { label: 'euc-kr', aliases: ['euckr', 'korean', 'ks_c_5601', 'ks_c_5601_1987', 'ks_x_1001', 'ksc5601', 'ksx1001', 'x_mac_korean'] },
  cp949: { label: 'euc-kr', aliases: ['949', 'ms949', 'uhc'] },
};

/** Python module name by every name that reaches it. */
const CODEC_BY_NAME = new Map<string, string>();
for (const [module, { aliases }] of Object.entries(FOLLOWED)) {
  CODEC_BY_NAME.set(module, module);
  for (const alias of aliases) CODEC_BY_NAME.set(alias, module);
}

/**
 * Codecs that decode text into other text: escapes (`\n`, `\u000a`), base64 runs (`+AAo-`), shift
 * sequences or label rules turn what looks like a comment into lines of code.
 */
const REWRITING = /^(?:utf_?7|u7|unicode_1_1_utf_7|unicode_escape|raw_unicode_escape|punycode|idna|hz.*|.*2022.*)$/;
/** Codecs in which ASCII bytes are not ASCII (EBCDIC, UTF-16/32): the file is not the text it shows. */
const NOT_ASCII = /^(?:cp0?37|cp500|cp1026|cp1140|cp273|cp875|cp424|ibm0?3[79]|ibm500|ibm1026|ibm1140|ibm273|ibm424|ebcdic.*|csibm(?:037|500|1026|273|424)|0?37|500|1026|1140|273|424|u16|u32|utf_?(?:16|32).*|unicode.*)$/;

/** 32 characters of windows-1252 for bytes 0x80-0x9f, as Python decodes them (U+FFFD where Python refuses the byte). */
const CP1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

export interface CodingDeclaration {
  /** The name as written. */
  name: string;
  /** 1-based line and column of the name. */
  line: number;
  column: number;
}

/** How CPython's get_normal_name spells a declared name: `utf-8` and `iso-8859-1` families, else as written. */
function normalName(name: string): string {
  const head = name.slice(0, NORMAL_NAME_HEAD).toLowerCase().replace(/_/g, '-');
  if (head === UTF8 || head.startsWith(`${UTF8}-`)) return UTF8;
  for (const latin of ['latin-1', LATIN1, 'iso-latin-1']) if (head === latin || head.startsWith(`${latin}-`)) return LATIN1;
  return name;
}

/** Python's codec registry lookup of a name (encodings.normalize_encoding, then the aliases): the module name. */
function registryName(name: string): string {
  const normal = name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_');
  return lookupCodec(trimUnderscores(normal));
}

/** `normal` without leading and trailing underscores, trimmed by hand (a `_+$` pattern is tried from every underscore). */
function trimUnderscores(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 95) start++;
  while (end > start && text.charCodeAt(end - 1) === 95) end--;
  return text.slice(start, end);
}

function lookupCodec(normal: string): string {
  return CODEC_BY_NAME.get(normal) ?? CODEC_BY_NAME.get(normal.replace(/\./g, '_')) ?? normal;
}

/**
 * The Python codec a declared name selects when the tool reads it as CPython does, or undefined.
 * `utf-8` and `iso-8859-1` come from CPython's own spelling rule, the rest from the registry.
 */
function followedCodec(name: string): string | undefined {
  const normal = normalName(name);
  if (normal === UTF8) return 'utf_8';
  if (normal === LATIN1) return 'latin_1';
  const module = registryName(normal);
  if (!Object.hasOwn(FOLLOWED, module)) return undefined;
  return decoderFor(FOLLOWED[module]!.label) ? module : undefined;
}

const decoders = new Map<string, TextDecoder | undefined>();

/** The TextDecoder of a label, undefined when this Node's ICU lacks it (the codec is then not followed). */
function decoderFor(label: string): TextDecoder | true | undefined {
  if (label === 'latin1' || label === 'cp1252') return true;
  if (!decoders.has(label)) {
    let decoder: TextDecoder | undefined;
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = undefined;
    }
    decoders.set(label, decoder);
  }
  return decoders.get(label);
}

/**
 * The coding declaration of a source, looked for as CPython does: in line 1 when it is a comment,
 * else in line 2 when line 1 is a comment or blank. `line(n)` gives line n (1 or 2) without its
 * break, or undefined past the end.
 */
function declarationIn(line: (n: 1 | 2) => string | undefined): CodingDeclaration | undefined {
  for (const n of [1, 2] as const) {
    const text = line(n);
    if (text === undefined) return undefined;
    if (COMMENT_LINE.test(text)) {
      DECLARATION.lastIndex = 0;
      const match = DECLARATION.exec(text);
      if (match) return { name: match[1]!, line: n, column: match.index + match[0].length - match[1]!.length + 1 };
    } else if (!BLANK_LINE.test(text)) return undefined;
  }
  return undefined;
}

/** Offset of the first LF or CR at or after `from`, or -1. */
function breakAfter(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/**
 * Lines 1 and 2 of a text (LF, CR or CRLF end them), whole: CPython looks at the whole line, so a
 * declaration after 10,000 characters of comment still counts.
 */
function textLines(text: string): (n: 1 | 2) => string | undefined {
  const end1 = breakAfter(text, 0);
  const start2 = end1 < 0 ? -1 : text.startsWith('\r\n', end1) ? end1 + 2 : end1 + 1;
  const end2 = start2 < 0 ? -1 : breakAfter(text, start2);
  const lines = [text.slice(0, end1 < 0 ? text.length : end1), start2 < 0 || start2 > text.length ? undefined : text.slice(start2, end2 < 0 ? text.length : end2)];
  return (n) => lines[n - 1];
}

/** The coding declaration of a decoded Python source (its BOM already removed), if any. */
export function codingDeclaration(text: string): CodingDeclaration | undefined {
  return declarationIn(textLines(text));
}

/** What to report about a file's declaration: undefined when the tool reads the file as CPython does. */
export function encodingProblem(text: string, bom: boolean): EncodingFact | undefined {
  const declared = codingDeclaration(text);
  if (!declared) return undefined;
  const at = { line: declared.line, column: declared.column, codec: declared.name };
  if (bom) return normalName(declared.name) === UTF8 ? undefined : { ...at, kind: 'bom-conflict' };
  if (followedCodec(declared.name) !== undefined) return undefined;
  const module = registryName(normalName(declared.name));
  if (REWRITING.test(module)) return { ...at, kind: 'rewriting' };
  if (NOT_ASCII.test(module)) return { ...at, kind: 'not-ascii' };
  return { ...at, kind: 'not-followed' };
}

/**
 * The text the Python front-end parses: a BOM removed (noted), and each lone CR turned into LF, as
 * CPython's tokenizer turns it (the same length, so offsets, lines and columns still name the file's
 * own characters; CRLF stays, one line break for both). A raw CR inside a string literal is a line
 * feed for CPython too.
 */
export function pythonText(content: string): { text: string; bom: boolean } {
  const bom = content.startsWith(BOM);
  const body = bom ? content.slice(1) : content;
  return { text: body.includes('\r') ? body.replace(/\r(?!\n)/g, '\n') : body, bom };
}

/** Keeps a second BOM as U+FEFF, as CPython does (only the first is a BOM). */
const utf8 = new TextDecoder(UTF8, { ignoreBOM: true });

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= UTF8_BOM.length && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** Lines 1 and 2 of raw bytes, as Latin-1 text (a declaration is ASCII in every codec CPython accepts for one). */
function byteLines(bytes: Uint8Array): (n: 1 | 2) => string | undefined {
  let end = 0;
  for (let breaks = 0; end < bytes.length && breaks < 2; end++) {
    const byte = bytes[end]!;
    if (byte === LINE_FEED || (byte === CARRIAGE_RETURN && bytes[end + 1] !== LINE_FEED)) breaks++;
  }
  return textLines(Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('latin1'));
}

function decodeWith(label: string, bytes: Uint8Array): string {
  if (label === 'latin1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (label === 'cp1252') {
    const latin = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return latin.replace(/[\x80-\x9f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]!);
  }
  return (decoderFor(label) as TextDecoder).decode(bytes);
}

/**
 * Decodes a Python file's bytes as CPython does: by its coding declaration when the tool follows
 * that codec, else as UTF-8 (invalid bytes as U+FFFD) — the front-end then reports the declaration
 * (encodingProblem). A UTF-8 BOM is kept as U+FEFF at the start, so that the front-end can check it
 * against the declaration; the text is UTF-8 then, whatever the declaration says.
 */
export function decodePythonSource(bytes: Uint8Array): string {
  if (startsWithBom(bytes)) return BOM + utf8.decode(bytes.subarray(UTF8_BOM.length));
  const declared = declarationIn(byteLines(bytes));
  const module = declared ? followedCodec(declared.name) : undefined;
  if (module === undefined || FOLLOWED[module]!.label === UTF8) return utf8.decode(bytes);
  return decodeWith(FOLLOWED[module]!.label, bytes);
}

/**
 * A cheap look for the safety patterns in a file no parser read (over the size limit, or
 * binary-looking): shell execution, code run from a string, unsafe deserialisation, key shapes, and
 * (Python) a coding declaration that turns comment text into code. No parse: a few regular
 * expressions, each anchored on a fixed word with bounded gaps (linear in the text), over windows
 * of the text read one after the other (see HiddenCodeScan). It over-approximates on purpose: a
 * file nobody checked is judged by the worst thing it may hold.
 */
import type { Language } from '../../facts/types.js';
import { keyShapesIn } from './secrets.js';

/** What a pattern stands for: the rules that would report it on a parsed file say how severe it is. */
export type HiddenKind = 'shell' | 'dynamic-code' | 'deserialize' | 'secret' | 'unsafe-coding';

export interface HiddenHit {
  kind: HiddenKind;
  /** What was found, as a short fixed label (`os.system(`, `private key block`): never the file's text beyond the matched words. */
  what: string;
  /** 1-based line (LF, CRLF and lone CR end lines; in JS also U+2028 and U+2029). */
  line: number;
}

interface Pattern {
  kind: HiddenKind;
  regex: RegExp;
  /** The label of a match: the matched words with their gaps closed up. */
  label?: (match: RegExpExecArray) => string;
}

/** A gap inside a call (`os . system (`): bounded, so that no match is longer than WINDOW_OVERLAP. */
const G = '[ \\t]{0,32}';
const closeUp = (match: RegExpExecArray): string => match[0].replace(/[ \t]+/g, '');
const pattern = (kind: HiddenKind, source: string, label?: Pattern['label']): Pattern => ({ kind, regex: new RegExp(source, 'g'), label });

export const PYTHON: readonly Pattern[] = [
  pattern('shell', `\\bos${G}\\.${G}(?:system|popen)${G}\\(`),
  pattern('shell', `\\bsubprocess${G}\\.${G}(?:getoutput|getstatusoutput)${G}\\(`),
  pattern('shell', `\\bcreate_subprocess_shell${G}\\(`),
  pattern('shell', `\\bshell${G}=${G}True\\b`),
  pattern('shell', `\\bfrom${G}(?:os|subprocess)${G}import\\b[^\\n\\r]{0,200}?\\b(?:system|popen|getoutput|getstatusoutput)\\b`, (m) => `${m[0].split(/\s+/).slice(0, 2).join(' ')} import ${/(\w+)$/.exec(m[0])![1]}`),
  pattern('dynamic-code', `(?<![\\w.])(?:exec|eval|compile|execfile)${G}\\(`),
  pattern('dynamic-code', `\\b(?:builtins|__builtins__)${G}(?:\\.${G}|\\[${G}['"])(?:exec|eval|compile)\\b`),
  pattern('deserialize', `\\b(?:pickle|cPickle|_pickle|dill|marshal)${G}\\.${G}(?:loads?|Unpickler)${G}\\(`),
  pattern('deserialize', `\\byaml${G}\\.${G}unsafe_load(?:_all)?${G}\\(`),
  // `yaml.load(text, Loader=yaml.SafeLoader)` is safe: a safe loader named later on the line rules the match out.
  pattern('deserialize', `\\byaml${G}\\.${G}load(?:_all)?${G}\\((?![^\\n\\r]{0,300}?\\b(?:C?Safe|C?Base)Loader\\b)`),
  pattern('deserialize', `\\bfrom${G}(?:pickle|cPickle|_pickle|dill|marshal)${G}import\\b[^\\n\\r]{0,200}?\\b(?:loads?|Unpickler)\\b`, (m) => `${m[0].split(/\s+/).slice(0, 2).join(' ')} import ${/(\w+)$/.exec(m[0])![1]}`),
];

export const JAVASCRIPT: readonly Pattern[] = [
  pattern('shell', `\\bchild_process\\b`),
  pattern('shell', `(?<![\\w$.])execSync${G}\\(`),
  pattern('shell', `\\bshell${G}:${G}true\\b`),
  pattern('dynamic-code', `(?<![\\w$.])(?:(?:globalThis|window|global|self)${G}\\.${G})?eval${G}\\)?${G}\\(`),
  pattern('dynamic-code', `(?<![\\w$])Function${G}\\(`),
  pattern('deserialize', `\\bnode-serialize\\b`),
];

/** PEP 263, on the first two lines. */
const CODING = /^[ \t\f]*#[^\n\r]{0,200}?coding[:=][ \t]*([-\w.]{1,40})/;
/** Codecs that decode comment or string text into code (`+AG8-` is `o` in UTF-7): no scan of the bytes can see what runs. */
const UNSAFE_CODECS = new Set(['utf7', 'u7', 'unicodeescape', 'rawunicodeescape', 'unicodeinternal']);

/** JS identifier escapes of ASCII word characters (`\u0065val`, `\u{65}val`) are the words they spell. */
const JS_ESCAPE = /\\u(?:\{0{0,8}([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/g;
const WORD_CHAR = /^[\w$]$/;
const NON_ASCII = /[^\x00-\x7f]/;

/** The longest match of any pattern is below this: a window hands its last WINDOW_OVERLAP characters on to the next. */
export const WINDOW_OVERLAP = 4096;

/**
 * One file's scan, fed its decoded text in pieces (`push`), each as long as the caller likes. Each
 * window is the last WINDOW_OVERLAP characters of the one before (not yet judged) and the new piece;
 * a match is judged in the window where it starts before the overlap it hands on, so none is seen
 * twice or cut in two. `hits` holds the first hit of each kind, in the order found.
 */
export class HiddenCodeScan {
  readonly hits: HiddenHit[] = [];
  private carry = '';
  /** The line the carried text starts on. */
  private line = 1;
  private first = true;
  private readonly patterns: readonly Pattern[];

  constructor(private readonly language: Language) {
    this.patterns = language === 'python' ? PYTHON : JAVASCRIPT;
  }

  push(piece: string, final: boolean): void {
    // On the whole window (both are idempotent), so that an escape or a sequence cut by the end of a piece is whole again.
    let window = this.carry + piece;
    if (this.language === 'python') {
      // Python reads identifiers as NFKC (`ｅｘｅｃ` is `exec`).
      if (NON_ASCII.test(window)) window = window.normalize('NFKC');
    } else if (window.includes('\\u')) {
      window = window.replace(JS_ESCAPE, (escape, braced: string | undefined, plain: string | undefined) => {
        const ch = String.fromCodePoint(Number.parseInt(braced ?? plain!, 16));
        return WORD_CHAR.test(ch) ? ch : escape;
      });
    }
    const limit = final ? window.length : Math.max(0, window.length - WINDOW_OVERLAP);
    if (this.first && this.language === 'python') this.coding(window);
    this.first = false;
    const found: Array<{ kind: HiddenKind; what: string; index: number }> = [];
    for (const { kind, regex, label } of this.patterns) {
      if (this.has(kind)) continue;
      regex.lastIndex = 0;
      const match = regex.exec(window);
      if (match && match.index < limit) found.push({ kind, what: label ? label(match) : closeUp(match), index: match.index });
    }
    if (!this.has('secret')) for (const { shape, index } of keyShapesIn(window, limit)) found.push({ kind: 'secret', what: shape.name, index });
    found.sort((a, b) => a.index - b.index);
    for (const hit of found) if (!this.has(hit.kind)) this.hits.push({ kind: hit.kind, what: hit.what, line: this.line + lineBreaks(window, 0, hit.index, this.language) });
    this.line += lineBreaks(window, 0, limit, this.language);
    this.carry = window.slice(limit);
  }

  private has(kind: HiddenKind): boolean {
    return this.hits.some((hit) => hit.kind === kind);
  }

  private coding(window: string): void {
    let at = 0;
    for (let n = 1; n <= 2 && at < window.length; n++) {
      const end = nextBreak(window, at);
      const declared = CODING.exec(window.slice(at, Math.min(end, at + 400)))?.[1];
      if (declared !== undefined) {
        if (UNSAFE_CODECS.has(declared.toLowerCase().replace(/[-_.]/g, ''))) this.hits.push({ kind: 'unsafe-coding', what: `coding: ${declared}`, line: n });
        return;
      }
      at = end < window.length && window[end] === '\r' && window[end + 1] === '\n' ? end + 2 : end + 1;
    }
  }
}

/** The index of the next line break at or after `from` (or the length). */
function nextBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === '\n' || text[i] === '\r') return i;
  return text.length;
}

/** Line breaks in text[from, to): LF, CR not followed by LF; in JS also U+2028 and U+2029. */
function lineBreaks(text: string, from: number, to: number, language: Language): number {
  let count = 0;
  const js = language !== 'python';
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10) || (js && (c === 0x2028 || c === 0x2029))) count++;
  }
  return count;
}

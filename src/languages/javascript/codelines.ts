/**
 * Counts lines holding code (anything but whitespace and comments) with a small scanner that
 * knows `//` and `/* *\/` comments, '…' and "…" strings, `…` templates (with `${}` nesting) and
 * regular expression literals.
 *
 * Approximation: a `/` starts a regex when the previous significant character is an operator or
 * punctuator (or a keyword like `return` precedes it); otherwise it is division. A regex after
 * `)` (e.g. `if (x) /re/.test(y)`) is read as division. A JSX text containing `//` is read as a
 * comment. Both only matter if the misread part contains a quote or a comment marker.
 */
const REGEX_BEFORE = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
/** Characters looked back at for a keyword before `/` (longest: `instanceof` plus spaces). */
const KEYWORD_LOOKBEHIND = 12;
const REGEX_KEYWORDS = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|instanceof|new|delete|void|throw|yield|await)$/;

interface Scanner {
  text: string;
  i: number;
  /** Lines holding code so far, and the last one counted (lines only grow, so that is enough to count each once). */
  codeLines: number;
  lastCodeLine: number;
  line: number;
  /** Brace depth of each open `${` inside templates. */
  templates: number[];
  braces: number;
  last: string;
}

function mark(s: Scanner): void {
  if (s.lastCodeLine === s.line) return;
  s.lastCodeLine = s.line;
  s.codeLines++;
}

const ASCII_LIMIT = 128;
/** ASCII characters `/\s/` matches: tab, line feed, vertical tab, form feed, carriage return, space. */
const ASCII_SPACES = '\t\n\v\f\r ';
/** ASCII characters that are code with no effect on the scanner state but `last` (not blank, quote, `/` or brace). */
const PLAIN = new Uint8Array(ASCII_LIMIT).fill(1);
for (const ch of `${ASCII_SPACES}'"\`/{}`) PLAIN[ch.charCodeAt(0)] = 0;

function isSpace(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < ASCII_LIMIT ? ASCII_SPACES.includes(ch) : /\s/.test(ch);
}

/** A run of plain characters is code on the current line; only its last character matters as `last`. */
function skipPlain(s: Scanner): boolean {
  const start = s.i;
  let i = start;
  for (let code = s.text.charCodeAt(i); code < ASCII_LIMIT && PLAIN[code] === 1; code = s.text.charCodeAt(i)) i++;
  if (i === start) return false;
  mark(s);
  s.last = s.text[i - 1]!;
  s.i = i;
  return true;
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const LINE_SEPARATOR = 0x2028;
const PARAGRAPH_SEPARATOR = 0x2029;

/** An ECMAScript line terminator: LF, CR, U+2028, U+2029 (ECMA-262; a line comment ends at each). */
function isTerminator(code: number): boolean {
  return code === LINE_FEED || code === CARRIAGE_RETURN || code === LINE_SEPARATOR || code === PARAGRAPH_SEPARATOR;
}

/** Steps over one character, counting a line when it ends one (the CR of a CRLF does not: its LF does). */
function advance(s: Scanner): void {
  const code = s.text.charCodeAt(s.i);
  if (isTerminator(code) && !(code === CARRIAGE_RETURN && s.text.charCodeAt(s.i + 1) === LINE_FEED)) s.line++;
  s.i++;
}

function skipLineComment(s: Scanner): void {
  while (s.i < s.text.length && !isTerminator(s.text.charCodeAt(s.i))) s.i++;
}

function skipBlockComment(s: Scanner): void {
  s.i += 2;
  while (s.i < s.text.length && !(s.text[s.i] === '*' && s.text[s.i + 1] === '/')) advance(s);
  s.i += 2;
}

const BACKSLASH = 0x5c;

/**
 * What a character does in a quoted body ending at `end`: a line terminator ends it (unterminated),
 * except U+2028 and U+2029 in a string (ES2019 allows them there, not in a regular expression),
 * which are stepped over like an escape.
 */
function specialInQuoted(code: number, end: string): 'end' | 'step' | undefined {
  if (code === BACKSLASH) return 'step';
  if (!isTerminator(code)) return undefined;
  return end === '/' || code === LINE_FEED || code === CARRIAGE_RETURN ? 'end' : 'step';
}

/**
 * Steps over an escape (`\x`, or an escaped line break, which continues the string on the next
 * line) or a line terminator a string may hold; what follows is code on its line.
 */
function stepOver(s: Scanner): void {
  if (s.text[s.i] === '\\') {
    s.i++;
    if (s.text.charCodeAt(s.i) === CARRIAGE_RETURN && s.text.charCodeAt(s.i + 1) === LINE_FEED) s.i++;
  }
  advance(s);
  mark(s);
}

/** Quoted string or regex body: ends at an unescaped `end` (or a newline for strings). */
function skipQuoted(s: Scanner, end: string): void {
  let inClass = false;
  s.i++;
  while (s.i < s.text.length) {
    const ch = s.text[s.i]!;
    const special = specialInQuoted(ch.charCodeAt(0), end);
    if (special === 'end') return;
    if (special === 'step') {
      stepOver(s);
      continue;
    } else if (end === '/' && (ch === '[' || ch === ']')) inClass = ch === '[';
    else if (ch === end && !inClass) break;
    s.i++;
  }
  s.i++;
}

/** Template text up to the closing backtick or a `${`; multi-line text is code on every line. */
function skipTemplate(s: Scanner): void {
  s.i++;
  while (s.i < s.text.length) {
    const ch = s.text[s.i]!;
    if (ch === '\\') s.i++;
    else if (ch === '`') break;
    else if (ch === '$' && s.text[s.i + 1] === '{') {
      s.templates.push(s.braces);
      s.i += 2;
      return;
    }
    advance(s);
    mark(s);
  }
  s.i++;
}

function regexAllowed(s: Scanner, previous: string): boolean {
  if (REGEX_BEFORE.has(previous)) return true;
  return REGEX_KEYWORDS.test(s.text.slice(Math.max(0, s.i - KEYWORD_LOOKBEHIND), s.i).trimEnd());
}

function closeBrace(s: Scanner): void {
  if (s.templates.length > 0 && s.templates[s.templates.length - 1] === s.braces) {
    s.templates.pop();
    skipTemplate(s); // the `}` closes the substitution: back into template text
    return;
  }
  s.braces--;
  s.i++;
}

/** Skips a comment or whitespace at the cursor; false when the cursor is on code. */
function skipBlank(s: Scanner, ch: string): boolean {
  const next = s.text[s.i + 1];
  if (ch === '/' && next === '/') skipLineComment(s);
  else if (ch === '/' && next === '*') skipBlockComment(s);
  else if (isSpace(ch)) advance(s);
  else return false;
  return true;
}

function step(s: Scanner): void {
  if (skipPlain(s)) return;
  const ch = s.text[s.i]!;
  if (skipBlank(s, ch)) return;
  mark(s);
  const previous = s.last;
  s.last = ch;
  if (ch === '"' || ch === "'") return skipQuoted(s, ch);
  if (ch === '`') return skipTemplate(s);
  if (ch === '/' && regexAllowed(s, previous)) return skipQuoted(s, '/');
  if (ch === '{') s.braces++;
  if (ch === '}') return closeBrace(s);
  s.i++;
}

export function countCodeLines(text: string): number {
  const s: Scanner = { text, i: 0, codeLines: 0, lastCodeLine: 0, line: 1, templates: [], braces: 0, last: '' };
  if (text.startsWith('#!')) mark(s);
  while (s.i < text.length) step(s);
  return s.codeLines;
}

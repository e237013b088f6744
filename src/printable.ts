/**
 * Text that comes from the analysed tree (file names, names and literals quoted in messages) is
 * chosen by whoever wrote the pull request. Before it reaches a terminal or a CI log it goes
 * through `printable`: control characters (C0, DEL, C1: ESC, CR, LF, BEL...), line and paragraph
 * separators and bidirectional overrides become visible `\u{..}`-style escapes, so a file name can
 * neither paint the terminal nor start a new log line. JSON and SARIF escape on their own and
 * keep the exact text.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `keepLineBreaks` leaves `\n` and `\r` for an encoder that escapes them itself (a workflow command's message). */
export function printable(text: string, keepLineBreaks = false): string {
  return text.replace(UNPRINTABLE, (ch) => (keepLineBreaks && (ch === '\n' || ch === '\r') ? ch : (NAMED[ch] ?? `\\u{${ch.charCodeAt(0).toString(16)}}`)));
}

/**
 * `printable`, for text that opens a line of output: it also cannot begin a GitHub Actions
 * workflow command (`::error …`, `::stop-commands::…`), which the runner reads from any line of
 * the log whose first non-blank characters are `::`.
 */
export function printableLine(text: string): string {
  const safe = printable(text);
  return safe.trimStart().startsWith('::') ? `./${safe}` : safe;
}

/**
 * Text that comes from the analysed tree (file names, names and literals quoted in messages), or
 * from a report, partial or baseline given to the tool, is chosen by whoever wrote the pull request.
 * Before it reaches a terminal or a CI log it goes through `printable`: control characters (C0, DEL,
 * C1: ESC, CR, LF, BEL...), line and paragraph separators and bidirectional overrides become visible
 * `\u{..}`-style escapes, so a file name can neither paint the terminal nor start a new log line, and
 * `##[` (the runner's legacy workflow command, honoured anywhere in a line: `##[error]`,
 * `##[add-mask]`, `##[stop-commands]`) is broken up. JSON and SARIF escape on their own and keep the
 * exact text; markdown has its own escapes (report/markdown.ts).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** GitHub's runner reads `##[command]` anywhere in a line of the log (ActionCommand.TryParse). */
const LEGACY_COMMAND = /##\[/g;
const LEGACY_SHOWN = '##\\u{5b}';
/** `::command …::` at the start of a line (after blanks) is a workflow command (ActionCommand.TryParseV2). */
const COMMAND_START = /^(\s*):(?=:)/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `keepLineBreaks` leaves `\n` and `\r` for an encoder that escapes them itself (a workflow command's message). */
export function printable(text: string, keepLineBreaks = false): string {
  return text
    .replace(UNPRINTABLE, (ch) => (keepLineBreaks && (ch === '\n' || ch === '\r') ? ch : (NAMED[ch] ?? `\\u{${ch.charCodeAt(0).toString(16)}}`)))
    .replace(LEGACY_COMMAND, LEGACY_SHOWN);
}

/**
 * `printable`, for a path that opens a line of output: it also cannot begin a GitHub Actions
 * workflow command (`::error …`, `::stop-commands::…`), which the runner reads from any line of
 * the log whose first non-blank characters are `::`.
 */
export function printableLine(text: string): string {
  const safe = printable(text);
  return safe.trimStart().startsWith('::') ? `./${safe}` : safe;
}

/**
 * A line of output that is not a workflow command of ours, made inert as a whole: `##[` is broken
 * up and a leading `::` becomes `\u{3a}:`; with `controls`, its control characters are shown too
 * (not for a text report, whose colours are escape sequences of ours and whose fields are escaped
 * one by one). The last guard of every line the tool prints on standard error, and of every line
 * of a text or markdown report: whatever a field's own escaping missed (text glued next to a
 * value), the line cannot be a workflow command.
 */
export function inertLine(line: string, controls = true): string {
  const shown = controls ? printable(line) : line.replace(LEGACY_COMMAND, LEGACY_SHOWN);
  return shown.replace(COMMAND_START, '$1\\u{3a}');
}

/** `inertLine` on each line of `text` (its line feeds kept). */
export function inertText(text: string, controls = true): string {
  return text.split('\n').map((line) => inertLine(line, controls)).join('\n');
}

/** What JSON.stringify leaves raw and a terminal may still act on: C1 controls, line separators, bidirectional overrides. */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text for a terminal or a CI log: `##[` inside a string becomes `##\u005b`, and the characters
 * JSON.stringify leaves raw that a terminal acts on (C1 controls, U+2028/U+2029, bidirectional
 * overrides) become `\uXXXX` escapes; JSON reads back the same text. (They occur only inside strings,
 * and a JSON string holds no raw line break, so no line of it starts with `::` inside one.)
 */
export function inertJson(text: string): string {
  return text.replace(LEGACY_COMMAND, '##\\u005b').replace(JSON_RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** String and number literal values. */
import { textOf, type PyNode, type Source } from './tree.js';

export interface StringValue {
  /** Cooked value (escapes processed unless raw). */
  value: string;
  /** An f-string with `{...}` interpolations: its value is not a constant. */
  interpolated: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

function cookEscape(match: string): string {
  const body = match.slice(1);
  const simple = SIMPLE_ESCAPES[body];
  if (simple !== undefined) return simple;
  if (/^[0-7]{1,3}$/.test(body)) return String.fromCharCode(parseInt(body, 8));
  if (/^(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})$/.test(body)) {
    const code = parseInt(body.slice(1), 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return match; // unknown escapes and \N{NAME} stay as written
}

/** Python escape processing for a non-raw string body. */
export function cookPython(body: string): string {
  return body.replace(/\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r?\n|.)/g, (m) => cookEscape(m.replace('\r', '')));
}

/** Prefix letters (lower case) and body text of one `string` node. */
function stringParts(src: Source, node: PyNode): { prefix: string; body: string } {
  const open = node.children.find((c) => c.type === 'string_start');
  const close = node.children.find((c) => c.type === 'string_end');
  if (!open || !close) return { prefix: '', body: textOf(src, node) };
  const start = textOf(src, open);
  let end = start.length;
  while (end > 0 && (start[end - 1] === '"' || start[end - 1] === "'")) end--;
  return { prefix: start.slice(0, end).toLowerCase(), body: src.text.slice(open.end, close.start) };
}

function stringPart(src: Source, node: PyNode): StringValue {
  const { prefix, body } = stringParts(src, node);
  const interpolated = node.children.some((c) => c.type === 'interpolation');
  const value = prefix.includes('r') ? body : cookPython(body);
  const template = /[ft]/.test(prefix);
  return { value: template ? value.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : value, interpolated };
}

/** Value of a `string` or `concatenated_string` node. */
export function stringValue(src: Source, node: PyNode): StringValue {
  if (node.type === 'string') return stringPart(src, node);
  const parts = node.children.filter((c) => c.type === 'string').map((c) => stringPart(src, c));
  return { value: parts.map((p) => p.value).join(''), interpolated: parts.some((p) => p.interpolated) };
}

/** A string literal without interpolation (a plain, constant command/value). */
export function isPlainString(src: Source, node: PyNode | undefined): boolean {
  if (!node || (node.type !== 'string' && node.type !== 'concatenated_string')) return false;
  return !stringValue(src, node).interpolated;
}

/** `String(Number(raw))` with underscores removed; complex (`3j`) and unparsable numbers keep their text. */
export function numberValue(raw: string): string {
  const clean = raw.replace(/_/g, '').replace(/[lL]$/, '');
  const value = Number(clean);
  return /[jJ]$/.test(clean) || !Number.isFinite(value) ? clean : String(value);
}

/** A number literal or a negated one (`5`, `-5`, `(5)`). */
export function numberNode(node: PyNode | undefined): PyNode | undefined {
  let n = node;
  while (n?.type === 'parenthesized_expression') n = n.children.find((c) => c.named && c.type !== 'comment');
  if (n?.type === 'integer' || n?.type === 'float') return n;
  if (n?.type === 'unary_operator') return numberNode(n.children.find((c) => c.field === 'argument'));
  return undefined;
}

/**
 * Suppression comments, the same words after `//`, `/* *\/` or `#` (README "Inline suppressions"):
 *   connascence-disable-next-line RULE[, RULE] -- reason
 *   connascence-disable-line RULE -- reason
 *   connascence-disable RULE … connascence-enable RULE
 *   connascence-disable-file RULE          (in the file's first comment block only)
 * The front-ends hand each comment's text here; what comes back are facts, cached with the rest.
 */
import type { DirectiveFact } from '../../facts/types.js';

const DIRECTIVE = /^connascence-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)(.*)$/s;
const RULE_ID = /^[A-Z][A-Z0-9_]*$/;
/** Longer comments are not directives (and a huge comment is not scanned). */
const MAX_DIRECTIVE = 2000;

/** Suppression comments kept per file: applying them costs comments x findings, and a file needs few. */
export const MAX_DIRECTIVES = 1000;

/** At most MAX_DIRECTIVES of them; one more, invalid, says that the rest were ignored. */
export function capDirectives(directives: DirectiveFact[]): DirectiveFact[] {
  if (directives.length <= MAX_DIRECTIVES) return directives;
  const first = directives[MAX_DIRECTIVES]!;
  return [...directives.slice(0, MAX_DIRECTIVES), { ...first, rules: [], problem: `is one of ${directives.length - MAX_DIRECTIVES} suppression comments past the first ${MAX_DIRECTIVES} of this file, which are ignored` }];
}

/** Without the blanks and `*` around it; by hand (`/[\s*]+$/` rescans a run from each of its characters). */
function trimStars(text: string): string {
  const loose = (ch: string): boolean => ch === '*' || /\s/.test(ch);
  let start = 0;
  let end = text.length;
  while (start < end && loose(text[start]!)) start++;
  while (end > start && loose(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/**
 * The directive in a comment's text (without its `//`, `#` or `/* *\/`), at the comment's position;
 * undefined when it is none. `leading` says whether the comment is in the file's first comment block.
 */
export function directiveIn(text: string, at: { line: number; column: number; endLine: number }, leading: boolean): DirectiveFact | undefined {
  if (text.length > MAX_DIRECTIVE) return undefined;
  const body = trimStars(text);
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const kind = match[1] as DirectiveFact['kind'];
  const rest = match[2]!;
  const split = rest.indexOf('--');
  const list = (split >= 0 ? rest.slice(0, split) : rest).split(',').map((part) => part.trim()).filter((part) => part !== '');
  const reason = split >= 0 ? rest.slice(split + 2).trim() : '';
  const fact: DirectiveFact = { kind, rules: list, line: at.line, column: at.column, endLine: at.endLine };
  if (reason !== '') fact.reason = reason.replace(/\s+/g, ' ');
  const bad = list.find((id) => !RULE_ID.test(id));
  if (list.length === 0) fact.problem = 'names no rule (there is no blanket switch: name the rules)';
  else if (bad !== undefined) fact.problem = `"${bad}" is not a rule id`;
  else if (kind === 'disable-file' && !leading) fact.problem = 'is not in the first comment block of the file';
  return fact;
}

/**
 * The GitHub Actions step summary: the markdown report appended to $GITHUB_STEP_SUMMARY (never
 * overwritten: other steps' and tools' summaries share the file), within GitHub's 1 MiB limit for a
 * step's summary. A summary that does not fit is cut at a line, with a line saying how much was left
 * out.
 */
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { printable } from '../printable.js';

/** GitHub's limit for one step's summary. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Appends `markdown`; a warning line when it was cut or could not be written, else undefined. */
export function appendStepSummary(path: string, markdown: string, limit = STEP_SUMMARY_LIMIT): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (error) {
    return `Warning: the step summary was not written to ${printable(path)} ($GITHUB_STEP_SUMMARY): ${printable((error as Error).message)}.`;
  }
  try {
    const used = fstatSync(fd).size;
    const { text, leftOut } = fitted(`${used > 0 ? '\n' : ''}${markdown}`, limit - used);
    if (text !== '') writeSync(fd, text);
    if (leftOut === 0) return undefined;
    return text === ''
      ? `Warning: the step summary ${printable(path)} holds ${used} bytes already; the ${leftOut}-byte connascence summary was left out (a step summary holds at most ${limit} bytes).`
      : `Warning: the step summary was cut to fit GitHub's ${limit}-byte limit; ${leftOut} bytes were left out.`;
  } catch (error) {
    return `Warning: the step summary was not written to ${printable(path)} ($GITHUB_STEP_SUMMARY): ${printable((error as Error).message)}.`;
  } finally {
    closeSync(fd);
  }
}

/** The text cut at a line so that it, with a closing note, takes at most `room` bytes. */
export function fitted(text: string, room: number): { text: string; leftOut: number } {
  const size = Buffer.byteLength(text);
  if (size <= room) return { text, leftOut: 0 };
  const note = (n: number): string => `\n\n_… ${n} bytes of this summary were left out: a GitHub step summary holds at most 1 MiB._\n`;
  const budget = room - Buffer.byteLength(note(size));
  if (budget < 256) return { text: '', leftOut: size };
  const bytes = Buffer.from(text, 'utf8');
  let end = bytes.lastIndexOf(0x0a, budget - 1);
  if (end <= 0) end = budget;
  const kept = bytes.subarray(0, end).toString('utf8').replace(/\uFFFD$/, '');
  const leftOut = size - Buffer.byteLength(kept);
  return { text: `${kept}${note(leftOut)}`, leftOut };
}

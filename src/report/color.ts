/** ANSI colours for the text report, and the decision whether to use them. */

import { inspect } from 'node:util';

export interface ColorStream {
  isTTY?: boolean;
}

/** Values of FORCE_COLOR that turn colour off (as in Node.js and supports-color). */
const FORCE_COLOR_OFF = new Set(['0', 'false']);

/**
 * Colour or not, following Node.js conventions:
 * 1. FORCE_COLOR wins when set: `0`/`false` disable, any other value (also empty) enables;
 * 2. NO_COLOR with any non-empty value disables (https://no-color.org);
 * 3. otherwise colour only on a TTY whose TERM is not `dumb`.
 */
export function shouldUseColor(stream: ColorStream, env: Record<string, string | undefined>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !FORCE_COLOR_OFF.has(force.trim().toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export type Style = 'bold' | 'dim' | 'underline' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta';

export type Painter = (text: string, ...styles: Style[]) => string;

/** Opening and closing SGR codes, from Node's own table (`util.inspect.colors`). */
function wrap(text: string, style: Style): string {
  const codes = inspect.colors[style];
  return codes ? `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m` : text;
}

/** A painter that wraps text in ANSI codes, or returns it unchanged when colour is off. */
export function painter(enabled: boolean): Painter {
  if (!enabled) return (text) => text;
  return (text, ...styles) => styles.reduce(wrap, text);
}

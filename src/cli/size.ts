import { ConfigError } from '../errors.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3 };

/** Parses `1048576`, `512KiB`, `1MiB`, `2MB`, `1g` into bytes. */
export function parseSize(text: string, what = 'size'): number {
  // trimmed first: `\s*` on both sides of an empty unit split a run of blanks every way (quadratic)
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new ConfigError(`Invalid ${what} "${text}": use a number of bytes or a unit such as 512KiB, 1MiB, 2MB`);
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1) throw new ConfigError(`Invalid ${what} "${text}": must be at least 1 byte`);
  return bytes;
}

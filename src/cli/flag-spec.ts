/**
 * The flags and arguments of a command, declared once without oclif: the oclif command class turns
 * them into oclif flags (oclif-flags.ts), and the fast start (fast-start.ts) parses argv against them
 * without loading oclif. `parseArgv` accepts only the plain forms it can parse exactly as oclif does;
 * anything else (help, unknown or repeated flags, a value oclif would reject...) is left to oclif,
 * which parses it or explains the error.
 */

export interface FlagSpec {
  kind: 'string' | 'boolean' | 'integer';
  summary: string;
  char?: string;
  default?: string | boolean;
  /** The allowed values of a string flag. */
  options?: readonly string[];
  /** A string flag that may be given several times (its value is an array). */
  multiple?: boolean;
  /** A multiple flag that takes one value each time it is given (oclif multipleNonGreedy), not every bare word after it. */
  nonGreedy?: boolean;
  /** A boolean flag that also has a --no- form. */
  allowNo?: boolean;
  /** The smallest value of an integer flag. */
  min?: number;
}

export interface ArgSpec {
  description: string;
  default?: string;
}

export interface CommandSpec {
  flags: Record<string, FlagSpec>;
  /** Positional arguments, in order. */
  args?: Record<string, ArgSpec>;
  /** Any number of positional arguments (oclif `strict = false`), in ParsedArgv.rest; then `args` is empty. */
  variadic?: boolean;
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedArgv {
  flags: Record<string, FlagValue | undefined>;
  args: Record<string, string | undefined>;
  /** The positional arguments of a variadic command. */
  rest?: string[];
}

const DECIMAL_INTEGER = /^-?\d+$/;

/**
 * argv (after the command id) parsed against `spec`, as oclif parses it; undefined when argv uses
 * anything but `--name value`, `--name=value`, `-c value`, boolean `--name`/`--no-name`/`-c` and
 * positional arguments, or when oclif would report an error (it is then oclif's to explain).
 */
export function parseArgv(spec: CommandSpec, argv: readonly string[]): ParsedArgv | undefined {
  const flags: ParsedArgv['flags'] = {};
  const positional: string[] = [];
  const byChar = new Map(Object.entries(spec.flags).flatMap(([name, flag]) => (flag.char ? [[flag.char, name] as const] : [])));
  // oclif gives a multiple flag every bare word that comes after it, even past other flags:
  // `--include a -v dir` includes `dir`. Such argv is left to oclif.
  let multipleSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('-') || token === '-') {
      if (multipleSeen) return undefined;
      positional.push(token);
      continue;
    }
    const named = flagOf(spec, byChar, token);
    if (!named) return undefined;
    const { name, flag, inline, negated } = named;
    if (name in flags && !flag.multiple) return undefined;
    if (flag.kind === 'boolean') {
      if (inline !== undefined) return undefined;
      flags[name] = !negated;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    const parsed = flagValue(flag, value);
    if (parsed === undefined) return undefined;
    if (flag.multiple) {
      if (!flag.nonGreedy) multipleSeen = true;
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    } else flags[name] = parsed;
  }
  const argNames = Object.keys(spec.args ?? {});
  if (!spec.variadic && positional.length > argNames.length) return undefined;
  for (const [name, flag] of Object.entries(spec.flags)) if (!(name in flags) && flag.default !== undefined) flags[name] = flag.default;
  const args: ParsedArgv['args'] = {};
  argNames.forEach((name, index) => {
    args[name] = positional[index] ?? spec.args![name]!.default;
  });
  return spec.variadic ? { flags, args, rest: positional } : { flags, args };
}

/** The flag a token names, with its inline `=value`; undefined for help, `--` and unknown flags. */
function flagOf(spec: CommandSpec, byChar: Map<string, string>, token: string): { name: string; flag: FlagSpec; inline?: string; negated: boolean } | undefined {
  if (token.startsWith('--')) {
    const equals = token.indexOf('=');
    const word = equals < 0 ? token.slice(2) : token.slice(2, equals);
    const inline = equals < 0 ? undefined : token.slice(equals + 1);
    const flag = Object.hasOwn(spec.flags, word) ? spec.flags[word] : undefined;
    if (flag) return { name: word, flag, inline, negated: false };
    const positive = word.startsWith('no-') ? word.slice('no-'.length) : undefined;
    const negatable = positive !== undefined && Object.hasOwn(spec.flags, positive) ? spec.flags[positive] : undefined;
    if (negatable?.kind === 'boolean' && negatable.allowNo && inline === undefined) return { name: positive!, flag: negatable, negated: true };
    return undefined;
  }
  // `-c` alone: oclif's combined (`-cv`) and attached (`-cVALUE`) forms are left to it.
  if (token.length !== 2) return undefined;
  const name = byChar.get(token[1]!);
  return name === undefined ? undefined : { name, flag: spec.flags[name]!, negated: false };
}

/** A flag's value as oclif gives it, or undefined when oclif would reject it. */
function flagValue(flag: FlagSpec, value: string): FlagValue | undefined {
  if (flag.options && !flag.options.includes(value)) return undefined;
  if (flag.kind !== 'integer') return value;
  if (!DECIMAL_INTEGER.test(value)) return undefined;
  const number = Number(value);
  return flag.min !== undefined && number < flag.min ? undefined : number;
}

import { Args, Flags, type Interfaces } from '@oclif/core';
import type { ArgSpec, CommandSpec, FlagSpec } from './flag-spec.js';

/** oclif's flag for a FlagSpec: the command class and the fast start parse the same declaration. */
export function oclifFlag(spec: FlagSpec): Interfaces.FlagInput[string] {
  // A FlagSpec's char is one letter (flag-spec.ts has no oclif types to say so).
  const common = { summary: spec.summary, ...(spec.char ? { char: spec.char as Interfaces.AlphabetLowercase | Interfaces.AlphabetUppercase } : {}) };
  if (spec.kind === 'boolean') return Flags.boolean({ ...common, ...(spec.default !== undefined ? { default: spec.default as boolean } : {}), ...(spec.allowNo ? { allowNo: true } : {}) });
  if (spec.kind === 'integer') return Flags.integer({ ...common, ...(spec.min !== undefined ? { min: spec.min } : {}) });
  const options = spec.options ? { options: [...spec.options] } : {};
  const fallback = spec.default !== undefined ? { default: spec.default as string } : {};
  return spec.multiple ? Flags.string({ ...common, ...options, multiple: true, ...(spec.nonGreedy ? { multipleNonGreedy: true } : {}) }) : Flags.string({ ...common, ...options, ...fallback });
}

function oclifArg(spec: ArgSpec): Interfaces.ArgInput[string] {
  return Args.string({ description: spec.description, ...(spec.default !== undefined ? { default: spec.default } : {}) });
}

/** The `static flags` of an oclif command declared by `spec`. */
export function oclifFlags(spec: CommandSpec): Interfaces.FlagInput {
  return Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, oclifFlag(flag)]));
}

/** The `static args` of an oclif command declared by `spec`. */
export function oclifArgs(spec: CommandSpec): Interfaces.ArgInput {
  return Object.fromEntries(Object.entries(spec.args ?? {}).map(([name, arg]) => [name, oclifArg(arg)]));
}

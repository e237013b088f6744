import { readRegularFile, refuseOutsideRoot } from '../discovery/read-regular.js';
import { printable } from '../printable.js';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { ALL_RULES } from '../rules/index.js';
import type { PresetName, Severity } from '../rules/types.js';
import { configSchema } from './config-schema.js';
import type { GeneratedMode } from './file-kinds.js';
import { ConfigError } from '../errors.js';
import type { Budgets } from './gate.js';
import { parseJson } from '../bounded-json.js';

export const CONFIG_FILE = 'connascence.config.json';

export type RuleConfig = 'off' | 'on' | Severity | { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> };

export interface ConfigFile {
  policy?: PresetName;
  failOn?: Severity | 'none';
  include?: string[];
  exclude?: string[];
  /** Globs of the test files; replaces the defaults (policy/file-kinds.ts DEFAULT_TEST_GLOBS). */
  tests?: string[];
  /** Globs of vendored third-party code, judged like generated files; replaces the defaults (DEFAULT_VENDORED_GLOBS). */
  vendored?: string[];
  includeTests?: boolean;
  generated?: GeneratedMode;
  maxFileSize?: number;
  rules?: Record<string, RuleConfig>;
  /** The baseline file, relative to the config file's folder (baseline/compare.ts). */
  baseline?: string;
  /** A suppression comment must give its reason after `--` (engine/suppress.ts). */
  requireSuppressionReason?: boolean;
  /** The most findings allowed (new ones, with a baseline): the gate fails on any exceeded (policy/gate.ts). */
  budgets?: Budgets;
  /** Reports of every run, as `--format` takes them: `sarif=results.sarif` (paths relative to the root). */
  reports?: string[];
  /** Rule settings for the files matching `files` (globs relative to the root); later entries win. */
  overrides?: Array<{ files: string[]; rules: Record<string, RuleConfig> }>;
}

export interface LoadedConfig {
  /** Absolute path of the file read, undefined when none exists. */
  path?: string;
  config: ConfigFile;
}

let validator: ReturnType<AjvClass['compile']> | undefined;

/** ajv is loaded on first use: most runs have no config file, and loading it costs ~30 ms of start-up. */
function compileValidator(): ReturnType<AjvClass['compile']> {
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  return new Ajv({ allErrors: true, strict: false }).compile(configSchema(ALL_RULES));
}

/** A config larger than this is refused rather than read (a link to `/dev/zero` must not fill memory). */
const MAX_CONFIG_BYTES = 1024 * 1024;
const BOM = '\uFEFF';

/**
 * Reads `connascence.config.json` from `explicitPath` or from the analysed root. A missing
 * default file is not an error; a missing explicit file, invalid JSON or an invalid key is a
 * ConfigError naming the file and the JSON path of the bad key.
 */
export function loadConfig(root: string, explicitPath?: string): LoadedConfig {
  const path = explicitPath ? resolve(explicitPath) : join(root, CONFIG_FILE);
  if (!explicitPath) refuseOutsideRoot(root, path, 'Pass the file with --config to use it.');
  const read = readRegularFile(path, MAX_CONFIG_BYTES);
  if (!read.ok) {
    if (!explicitPath && read.code === 'ENOENT') return { config: {} };
    throw new ConfigError(`Cannot read config file ${printable(path)}: ${read.detail}`);
  }
  let text = read.bytes.toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  let data: unknown;
  try {
    data = parseJson(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return { path, config: validateConfig(data, path) };
}

/** The root's own config may be a link only within the root: a pull request must not make the tool read the host. */
export function validateConfig(data: unknown, source: string): ConfigFile {
  // `{}` is valid against the schema (no key is required): no need to compile it (~100 ms).
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).length === 0) return {};
  validator ??= compileValidator();
  if (validator(data)) return data as ConfigFile;
  const message = describeErrors(validator.errors ?? []);
  throw new ConfigError(`Invalid configuration in ${source}:\n${message}`);
}

function describeErrors(errors: readonly ErrorObject[]): string {
  const lines = new Set<string>();
  // A oneOf (a rule's "off"/severity string, or its object) fails in each branch: the branch whose
  // error lies deeper, inside the object the user wrote, is the one to show.
  const deepest = (e: ErrorObject): boolean => !errors.some((other) => other.instancePath.startsWith(`${e.instancePath}/`) && e.instancePath !== '');
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && deepest(e));
  for (const error of specific.length > 0 ? specific : errors) lines.add(`  - ${describeError(error)}`);
  return [...lines].join('\n');
}

function describeError(error: ErrorObject): string {
  const at = printable(error.instancePath || '/');
  if (error.keyword === 'additionalProperties') {
    const key = printable(String(error.params.additionalProperty));
    const where = error.instancePath === '/rules' ? 'unknown rule id (see `connascence rules`)' : 'unknown key';
    return `${at === '/' ? '' : at}/${key}: ${where}`;
  }
  if (error.keyword === 'enum') {
    return `${at}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${at}: ${error.message ?? 'is invalid'}`;
}

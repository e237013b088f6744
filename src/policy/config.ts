import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { ALL_RULES } from '../rules/index.js';
import type { PresetName, Severity } from '../rules/types.js';
import { configSchema } from './config-schema.js';
import type { GeneratedMode } from './file-kinds.js';
import { ConfigError } from '../errors.js';

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

/**
 * Reads `connascence.config.json` from `explicitPath` or from the analysed root. A missing
 * default file is not an error; a missing explicit file, invalid JSON or an invalid key is a
 * ConfigError naming the file and the JSON path of the bad key.
 */
export function loadConfig(root: string, explicitPath?: string): LoadedConfig {
  const path = explicitPath ? resolve(explicitPath) : join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {} };
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return { path, config: validateConfig(data, path) };
}

export function validateConfig(data: unknown, source: string): ConfigFile {
  validator ??= compileValidator();
  if (validator(data)) return data as ConfigFile;
  const message = describeErrors(validator.errors ?? []);
  throw new ConfigError(`Invalid configuration in ${source}:\n${message}`);
}

function describeErrors(errors: readonly ErrorObject[]): string {
  const lines = new Set<string>();
  const specific = errors.filter((e) => e.keyword !== 'oneOf');
  for (const error of specific.length > 0 ? specific : errors) lines.add(`  - ${describeError(error)}`);
  return [...lines].join('\n');
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    const where = error.instancePath === '/rules' ? 'unknown rule id (see `connascence rules`)' : 'unknown key';
    return `${at === '/' ? '' : at}/${key}: ${where}`;
  }
  if (error.keyword === 'enum') {
    return `${at}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${at}: ${error.message ?? 'is invalid'}`;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

/** The official SARIF 2.1.0 schema, as shipped with @microsoft/jest-sarif. */
export const SARIF_SCHEMA_PATH = join(PROJECT_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
export const REPORT_SCHEMA_PATH = join(PROJECT_ROOT, 'schemas/report.schema.json');

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** RFC 3986 URI / URI reference (ASCII only: non-ASCII must be percent-encoded). */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function addFormats(ajv: Ajv): void {
  ajv.addFormat('uri', (value: string) => SCHEME.test(value) && URI_CHARS.test(value));
  ajv.addFormat('uri-reference', (value: string) => URI_CHARS.test(value));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
}

/**
 * The SARIF schema is draft-04 and ajv-draft-04 is not installed. The only draft-04 construct
 * it uses is the root `id` (checked by the test below): with `$schema` removed and `id` renamed
 * to `$id`, draft-07 validation is equivalent for this schema.
 * `unicodeRegExp: false`: its `language` pattern is not valid with the `u` flag.
 */
export function sarifValidator(): ValidateFunction {
  const { $schema, id, ...rest } = readJson(SARIF_SCHEMA_PATH);
  if ($schema !== 'http://json-schema.org/draft-04/schema#') throw new Error(`Unexpected SARIF schema draft ${String($schema)}`);
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...rest });
}

export function reportValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(readJson(REPORT_SCHEMA_PATH));
}

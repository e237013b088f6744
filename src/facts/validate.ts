/**
 * The shape of FileFacts (types.ts) as a run-time check, for facts that come from outside this
 * process: a cache entry or a snapshot a pull request can plant. Every field's type is checked, and
 * the indices that rules follow (`callees` into `functions`) are in range, so that a rule never
 * meets a value it would crash on. Facts that fail are a corrupt entry: the file is parsed again.
 *
 * Hand-written rather than a JSON schema: a warm run checks every entry it reads, and these checks
 * cost no module load and little time. Keep it in step with types.ts (a test validates the facts of
 * every fixture).
 */
import { FACTS_SCHEMA_VERSION } from './types.js';

type Check = (value: unknown) => boolean;
type Fields = Readonly<Record<string, Check>>;

const int =
  (min: number): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min;
const count = int(0);
const line = int(1);
const text: Check = (value) => typeof value === 'string';
const flag: Check = (value) => typeof value === 'boolean';
const yes: Check = (value) => value === true;
const oneOf = (...values: readonly string[]): Check => {
  const allowed = new Set(values);
  return (value) => typeof value === 'string' && allowed.has(value);
};
const listOf =
  (item: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(item);

/** An object holding exactly `required` and any of `optional`, each passing its check. */
function record(required: Fields, optional: Fields = {}): Check {
  const requiredKeys = Object.keys(required);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const object = value as Record<string, unknown>;
    let present = 0;
    for (const key in object) {
      const isRequired = Object.hasOwn(required, key);
      const check = isRequired ? required[key] : Object.hasOwn(optional, key) ? optional[key] : undefined;
      if (check === undefined || !check(object[key])) return false;
      if (isRequired) present++;
    }
    return present === requiredKeys.length;
  };
}

const position = { line, column: count };
const span = { ...position, endLine: line, endColumn: count };

const functionFact = record(
  {
    ...span,
    name: text,
    positionalParams: count,
    totalParams: count,
    lengthLines: count,
    codeLines: count,
    complexity: count,
    maxDepth: count,
    assertions: count,
    statements: count,
    recursionLines: listOf(line),
    callees: listOf(count),
    unboundedLoops: listOf(record(position)),
    globalWrites: listOf(record({ ...position, name: text }, { lazy: flag })),
    exported: flag,
    anyInSignature: listOf(record(position)),
    unannotatedParams: listOf(text),
    isTest: flag,
  },
  { className: text, bodyHash: text, testCallback: yes, overload: yes },
);

const classFact = record({ ...span, name: text, methods: count, lengthLines: count, codeLines: count, exported: flag }, { record: yes });

const literalFact = record(
  {
    ...position,
    kind: oneOf('number', 'string'),
    value: text,
    raw: text,
    context: oneOf('constant', 'data', 'enum', 'default', 'type', 'index', 'key', 'tag', 'named', 'argument', 'version', 'shift', 'mask', 'factor', 'other'),
  },
  { negative: flag, docstring: flag },
);

const importFact = record({ ...position, specifier: text }, { names: listOf(text), typeOnly: flag, deferred: flag });
const moduleStateFact = record({ ...position, name: text, kind: oneOf('let', 'var', 'global') });
const callFact = record(
  { ...position, kind: oneOf('timing', 'dynamic-code', 'shell', 'deserialize'), callee: text },
  { detail: text, pacing: oneOf('debounce', 'poll', 'deadline'), argument: text },
);
const secretFact = record({ ...position, kind: oneOf('private-key', 'cloud-key', 'credential-assignment'), name: text });

const directiveFact = record(
  { ...position, kind: oneOf('disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'), rules: listOf(text), endLine: line },
  { reason: text, problem: text },
);

/** The token stream is checked by the caller, which decodes it (it is stored packed, not as JSON arrays). */
const fileFacts = record(
  {
    schema: (value) => value === FACTS_SCHEMA_VERSION,
    path: text,
    language: oneOf('javascript', 'typescript', 'python'),
    lines: count,
    codeLines: count,
    generated: flag,
    functions: listOf(functionFact),
    classes: listOf(classFact),
    literals: listOf(literalFact),
    imports: listOf(importFact),
    moduleState: listOf(moduleStateFact),
    calls: listOf(callFact),
    secrets: listOf(secretFact),
    tokens: (value) => typeof value === 'object' && value !== null,
    directives: listOf(directiveFact),
  },
  {
    parseError: record({ ...position, message: text }),
    encoding: record({ ...position, kind: oneOf('rewriting', 'not-ascii', 'not-followed', 'bom-conflict'), codec: text }),
  },
);

/**
 * Whether `value` has the shape of FileFacts of this schema (its `tokens` only an object: see
 * fileFacts), with every `callees` index naming another function of the file.
 */
export function isFileFactsShape(value: unknown): boolean {
  if (!fileFacts(value)) return false;
  const functions = (value as { functions: Array<{ callees: number[] }> }).functions;
  return functions.every((fn, self) => fn.callees.every((index) => index < functions.length && index !== self));
}

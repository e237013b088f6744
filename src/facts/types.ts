/**
 * FileFacts: everything the rules need to know about one file, extracted once by a
 * language front-end. Facts never depend on a policy or a threshold, so they can be
 * cached by `hash(content) + FACTS_SCHEMA_VERSION` and reused when thresholds change.
 *
 * Positions: `line` is 1-based, `column` is 1-based and counted in UTF-16 code units
 * (what editors and SARIF `charOffset`-free regions expect).
 */

/** Bump whenever the shape or the meaning of any fact changes: it invalidates caches. */
export const FACTS_SCHEMA_VERSION = 9;

export type Language = 'javascript' | 'typescript' | 'python';

export interface Position {
  line: number;
  column: number;
}

export interface Span extends Position {
  endLine: number;
  endColumn: number;
}

export interface FunctionFact extends Span {
  /** Best-effort name: declared name, variable it is assigned to, `Class.method`, or `<anonymous>`. */
  name: string;
  /** Enclosing class name when the function is a method. */
  className?: string;
  /**
   * Positional parameters (ESLint `max-params` counting for JS/TS; for Python the
   * positional-or-keyword and positional-only parameters, without `self`/`cls` of methods,
   * without `*args`, `**kwargs` and keyword-only parameters).
   */
  positionalParams: number;
  /** Every declared parameter, including keyword-only, rest and `self`. */
  totalParams: number;
  /** endLine - line + 1 */
  lengthLines: number;
  /**
   * Lines of the span holding code, as a reader counts them: not blank, not only comments, not
   * only a documentation string (Python string statements). For JS/TS exactly ESLint's
   * `max-lines-per-function` with `skipComments` and `skipBlankLines`.
   */
  codeLines: number;
  /** Cyclomatic complexity (ESLint `complexity` semantics for JS/TS, radon `cc` for Python). */
  complexity: number;
  /** Maximum block nesting depth (ESLint `max-depth` semantics, applied to Python blocks too). */
  maxDepth: number;
  /** Assertion calls/statements inside the body (`assert`, `console.assert`, `assert.*(...)`, `invariant(...)`). */
  assertions: number;
  /** Number of statements in the body (top level of the function body, nested statements included recursively). */
  statements: number;
  /** Lines of the calls from this body that resolve (by scope) to this very function: direct recursion. */
  recursionLines: number[];
  /**
   * The functions of this file that calls from this body resolve to, by scope, as indices into
   * `FileFacts.functions` (ascending, without this function itself: see `recursionLines`). A call
   * binds to the innermost visible declaration (a parameter or local shadows a function, an
   * imported or reassigned name is no function of this file); a method is reached through
   * `this.`/`self.`/`cls.` inside its own class (or its class's name for static methods).
   */
  callees: number[];
  /** Loops without a bound: `while (true)`, `for (;;)`, `do {} while (true)`, `while True:`. */
  unboundedLoops: Position[];
  /**
   * Assignments to module-level mutable bindings (JS `let`/`var` at top level, Python `global x`).
   * `lazy`: an idempotent initialisation (`x ??= …`, `if (x === undefined) x = …`, `if X is None: X = …`).
   */
  globalWrites: Array<Position & { name: string; lazy?: boolean }>;
  /** Exported (JS/TS) or public module-level/class-level (Python: name without leading `_`). */
  exported: boolean;
  /** TS: positions of an explicit `any` in the parameter or return type annotations. */
  anyInSignature: Position[];
  /** Python: parameters (not self/cls) without an annotation. JS: always empty. */
  unannotatedParams: string[];
  /**
   * Hash of the body with identifiers and literals normalised, for algorithm clones;
   * undefined when the body has fewer than 4 statements.
   */
  bodyHash?: string;
  /**
   * True when the function is itself a test by its name (Python `test_*`). Whether its *file* is a
   * test is a setting of the project, decided by the judgement (policy/file-kinds.ts), never here.
   */
  isTest: boolean;
  /**
   * JS/TS: the function literal passed to a test framework's suite, test or hook function
   * (`describe`, `it`, `test`, `beforeEach`... with `.only`/`.skip`/`.each(table)`... variants):
   * a block of the test suite's structure. Absent otherwise.
   */
  testCallback?: true;
  /**
   * Python: an `@overload` (`@typing.overload`) stub, a typing signature of the function defined
   * after it under the same name; not code that runs. Absent otherwise (TS overload signatures
   * have no body and no FunctionFact).
   */
  overload?: true;
}

export interface ClassFact extends Span {
  name: string;
  /**
   * Methods with a body, as a reader counts them: a getter/setter (Python `@property` with its
   * `@x.setter`/`@x.deleter`) of one property is one method; overload signatures (TS methods without
   * a body, Python `@overload` stubs) are not methods.
   */
  methods: number;
  lengthLines: number;
  /** Lines holding code in the span, counted like FunctionFact.codeLines. */
  codeLines: number;
  exported: boolean;
  /**
   * Python: a declaration of keys, not behaviour: a `TypedDict` subclass, or a class (not a
   * `Protocol`) whose body only declares annotated names, without methods. Absent otherwise.
   */
  record?: true;
}

export type LiteralContext =
  /** `const X = 42` at any level, `static readonly`, Python UPPER_CASE module/class constant (the value itself or arithmetic of literals) */
  | 'constant'
  /**
   * Inside a constant table at any depth: an object, array, dict, tuple or call argument in the
   * initialiser of a module-level or UPPER_CASE `const`, `export default`, a Python module/class-level
   * UPPER_CASE, dunder (`__all__`, `__slots__`), `ClassVar` or container-literal assignment
   */
  | 'data'
  /** enum member initialiser (TS `enum`, Python members of `Enum`/`IntEnum`/`Flag`/`Choices` subclasses) */
  | 'enum'
  /** default value of a parameter */
  | 'default'
  /** type annotation / literal type position (`x: 3`) */
  | 'type'
  /** numeric index of an array/subscript or slice bound (`a[3]`, `a[-2:]`) */
  | 'index'
  /** a property name: `obj["key"]`, `'key' in obj`, Python dict keys, `getattr(o, "name")`, `d.get("key")` */
  | 'key'
  /**
   * a type tag or discriminant: compared with `typeof x`, with `x.kind`/`x.type`/`x._tag`..., a `case`
   * of a switch on one of those, the value of such a property in an object literal, `__name__ == "__main__"`
   */
  | 'tag'
  /**
   * value named by its key or target: an object property value (`{ retries: 5 }`), a Python keyword
   * argument (`f(retries=5)`), the whole value assigned to a variable, attribute or key (`let retries = 5`,
   * `self.timeout = 600`, Python `status_code = 302`)
   */
  | 'named'
  /** argument of a well-known API whose parameter says what it is: radix, digits, pad width, slice/char positions, split limit, a text encoding (`decode("ascii")`) */
  | 'argument'
  /** a version number: integers of a tuple compared with something (`version >= (10, 5, 2)`), arguments of `Version(...)` */
  | 'version'
  /** shift amount or bit count (`x >>> 8`, `x << 3`, `2 ** 10`) */
  | 'shift'
  /** operand of a bitwise `&`, `|`, `^` (rules decide which values are plain bit masks) */
  | 'mask'
  /** operand of `*`, `/`, `%`, or a power of a thousand passed as an argument (rules decide which values are plain scale factors such as powers of ten) */
  | 'factor'
  /** anything else */
  | 'other';

export interface LiteralFact extends Position {
  kind: 'number' | 'string';
  /** Normalised source value: numbers as JS `String(Number(raw))` when finite (e.g. `0x10` -> "16"), strings as their cooked value. */
  value: string;
  /** The raw text in the source. */
  raw: string;
  context: LiteralContext;
  /** True if a unary minus directly precedes the number (value already includes the sign). */
  negative?: boolean;
  /** Python docstrings and JS directive prologues are marked so rules can skip them. */
  docstring?: boolean;
}

export interface ImportFact extends Position {
  /**
   * JS: the module specifier as written ('./a', 'react').
   * Python: dotted module path with leading dots for relative imports ('.a', '..pkg.b', 'os.path').
   */
  specifier: string;
  /** Python `from X import a, b`: the imported names (used to resolve `from . import mod`). */
  names?: string[];
  /**
   * Erased at run time: `import type`, `import { type A, type B }` (every specifier a type),
   * `export type … from`, Python imports under `if TYPE_CHECKING:`.
   */
  typeOnly?: boolean;
  /**
   * Does not run when the module is imported: a dynamic `import()`, a `require()` inside a function,
   * a Python import inside a function or method body. Absent for top-level imports.
   */
  deferred?: boolean;
}

export interface ModuleStateFact extends Position {
  name: string;
  /** `let`/`var` top-level declarations in JS; `global` statements in Python functions. */
  kind: 'let' | 'var' | 'global';
}

export type CallKind =
  /** setTimeout/setInterval/sleep/time.sleep/asyncio.sleep with a literal delay */
  | 'timing'
  /** eval, new Function, Python exec/eval/compile */
  | 'dynamic-code'
  /** shell execution with a non-literal command */
  | 'shell'
  /** unsafe deserialisation: pickle.load(s), yaml.load without SafeLoader, marshal.loads, node-serialize unserialize */
  | 'deserialize';

export interface CallFact extends Position {
  kind: CallKind;
  /** Callee as written, e.g. `child_process.exec`, `subprocess.run`, `setTimeout`. */
  callee: string;
  /** Extra detail for messages: the literal delay, why it is unsafe, etc. */
  detail?: string;
  /**
   * For `timing` calls, what the wait paces when it is not waiting for another actor:
   * `debounce` (a timer whose handle the file also clears), `poll` (a sleep statement of a loop body),
   * `deadline` (a timer whose callback only gives up: `setTimeout(() => controller.abort(), 5000)`).
   */
  pacing?: 'debounce' | 'poll' | 'deadline';
  /**
   * For `shell`, `deserialize` and `dynamic-code` calls, what is run, loaded or evaluated: the
   * argument's normalised shape (tokens of its syntax tree: whitespace, comments and parentheses
   * do not change it), at most MAX_SHAPE characters (languages/shared/shape.ts). It is part of the
   * finding's fingerprint, so that a second call of the same function with other data is another
   * finding to a baseline.
   */
  argument?: string;
}

export interface SecretFact extends Position {
  kind: 'private-key' | 'cloud-key' | 'credential-assignment';
  /** The variable/property name for assignments, or the key shape name. Never the secret itself. */
  name: string;
}

/**
 * Normalised token stream for token-clone detection (DUPLICATION). The front-ends produce typed
 * arrays (compact, copied in one piece between threads, stored as base64 in cache entries);
 * anything indexable works for the rules.
 */
export interface TokenStream {
  /** One 32-bit hash per normalised token (identifiers -> ID, literals -> LIT, keywords/operators kept; TOKEN_BREAK: declarations left out). */
  hashes: ArrayLike<number>;
  /** Source line of each token (same length as hashes). */
  lines: ArrayLike<number>;
}

/**
 * A break in a token stream where a front-end left declarations out (import and export lists,
 * type-only declarations, overload stubs): no clone spans it, and it matches nothing, itself included.
 */
export const TOKEN_BREAK = 0;

/** A token stream in typed arrays, from the token hashes and lines collected by a front-end. */
export function packTokens(hashes: readonly number[], lines: readonly number[]): TokenStream {
  return { hashes: Uint32Array.from(hashes), lines: Uint32Array.from(lines) };
}

/** A suppression comment (languages/shared/directives.ts). */
export interface DirectiveFact extends Position {
  kind: 'disable-next-line' | 'disable-line' | 'disable-file' | 'disable' | 'enable';
  /** Rule ids, as written. */
  rules: string[];
  /** The text after `--`. */
  reason?: string;
  /** Last line of the comment (a block comment may span lines). */
  endLine: number;
  /** Why the directive switches nothing off (no rule id, a bad id, a file directive after code). */
  problem?: string;
}

export interface ParseErrorFact extends Position {
  message: string;
}

/**
 * A Python coding declaration (PEP 263) the tool cannot read the file by as CPython does
 * (languages/python/source.ts), at the declared name:
 * - `rewriting`: a codec that decodes text into other text (`utf-7`, `unicode_escape`,
 *   `raw_unicode_escape`, `punycode`, `idna`, ISO-2022, HZ): a comment can hold lines of code;
 * - `not-ascii`: a codec in which ASCII bytes are other characters (EBCDIC, UTF-16/32);
 * - `not-followed`: any other codec the tool does not decode, unknown ones included (CPython refuses
 *   them unless one was registered at start-up, and then that codec decides what runs);
 * - `bom-conflict`: a UTF-8 BOM with a declaration of another codec (CPython refuses the file).
 */
export interface EncodingFact extends Position {
  kind: 'rewriting' | 'not-ascii' | 'not-followed' | 'bom-conflict';
  /** The codec name as declared. */
  codec: string;
}

export interface FileFacts {
  schema: number;
  /** Path relative to the analysis root, with forward slashes. */
  path: string;
  language: Language;
  /** Physical lines in the file. */
  lines: number;
  /** Lines containing something other than whitespace and comments. */
  codeLines: number;
  /**
   * The file's first lines carry a generated-code marker (`@generated`, `DO NOT EDIT`,
   * `auto-generated`...; languages/shared/generated.ts). Read from the content, like every fact.
   */
  generated: boolean;
  /** Set when the file could not be parsed; all other arrays are then empty. */
  parseError?: ParseErrorFact;
  /** Set when the file declares a codec the tool does not read it by (Python, PEP 263). */
  encoding?: EncodingFact;
  functions: FunctionFact[];
  classes: ClassFact[];
  literals: LiteralFact[];
  imports: ImportFact[];
  moduleState: ModuleStateFact[];
  calls: CallFact[];
  secrets: SecretFact[];
  tokens: TokenStream;
  /** Suppression comments, in source order. */
  directives: DirectiveFact[];
}

/**
 * What a front-end receives. `content` is the decoded text: UTF-8 without its BOM, or for Python as
 * CPython decodes it (its coding declaration; a UTF-8 BOM kept as U+FEFF for the front-end to check).
 */
export interface SourceFile {
  path: string;
  language: Language;
  content: string;
}

export interface FrontEnd {
  readonly languages: readonly Language[];
  /** Must never throw for bad source: a syntax error becomes `parseError`. */
  extract(file: SourceFile): Promise<FileFacts> | FileFacts;
}

export function emptyFacts(file: SourceFile, lines: number): FileFacts {
  return {
    schema: FACTS_SCHEMA_VERSION,
    path: file.path,
    language: file.language,
    lines,
    codeLines: 0,
    generated: false,
    functions: [],
    classes: [],
    literals: [],
    imports: [],
    moduleState: [],
    calls: [],
    secrets: [],
    tokens: packTokens([], []),
    directives: [],
  };
}

/**
 * JavaScript/TypeScript front-end: parses with oxc and extracts FileFacts.
 * Never throws for bad source: a syntax error becomes `parseError`.
 */
import { packTokens, type FileFacts, type FrontEnd, type SourceFile } from '../../facts/types.js';
import type { Node } from './ast.js';
import type { DirectiveFact, FunctionFact } from '../../facts/types.js';
import { capDirectives, directiveIn } from '../shared/directives.js';
import { resolveCalls } from './call-targets.js';
import { callVisitor, classifyCalls, timerContext } from './calls.js';
import { classVisitor } from './classes.js';
import { countCodeLines } from './codelines.js';
import { exportedNames } from './exports.js';
import { functionVisitor, sortFunctions } from './function-facts.js';
import { importVisitor, type ImportScan } from './imports.js';
import { literalVisitor } from './literals.js';
import { parseSource, type ParsedSource } from './parse.js';
import { moduleBindings } from './scope.js';
import { secretVisitor } from './secrets.js';
import { tokenVisitor } from './tokens.js';
import { walkAll } from './walker.js';
import { startFacts } from '../shared/generated.js';
import { CodeLineMap } from '../shared/code-lines.js';
import { LineIndex } from '../shared/text.js';

const TS_EXTENSIONS = /\.[cm]?tsx?$/i;

function isTypeScript(file: SourceFile): boolean {
  return file.language === 'typescript' || TS_EXTENSIONS.test(file.path);
}

function factsOf(file: SourceFile, parsed: ParsedSource): FileFacts {
  const facts = startFacts(file, parsed.index.lineCount);
  const names = exportedNames(parsed.body);
  const state = moduleBindings(parsed.body);
  const scan: ImportScan = { imports: facts.imports, bindings: new Map() };
  const calls: Node[] = [];
  const nodeOf = new Map<FunctionFact, Node>();
  const tokens = { hashes: [] as number[], lines: [] as number[] };
  facts.codeLines = countCodeLines(file.content);
  facts.moduleState = state.map(({ id, kind }) => ({ name: String(id.name), kind, ...parsed.pos(id.start) }));
  const codeLines = new CodeLineMap(file.content, 'ecmascript', parsed.comments);
  const env = { parsed, moduleMutable: new Set(facts.moduleState.map((s) => s.name)), exportedNames: names, codeLines };
  // One walk for everything; the order of the visitors does not matter (each fills its own facts).
  const timers = timerContext();
  walkAll(parsed.program, [
    functionVisitor(env, facts.functions, nodeOf),
    importVisitor(parsed, scan),
    classVisitor(parsed, names, codeLines, facts.classes),
    literalVisitor(parsed, facts.literals),
    callVisitor(calls, timers),
    secretVisitor(parsed, facts.secrets),
    tokenVisitor(parsed, tokens),
  ]);
  facts.tokens = packTokens(tokens.hashes, tokens.lines);
  sortFunctions(facts.functions);
  resolveCalls(parsed, facts.functions, facts.functions.map((fn) => nodeOf.get(fn)!));
  facts.calls = classifyCalls(parsed, calls, scan.bindings, timers);
  facts.directives = directivesOf(file.content, parsed);
  return facts;
}

/** The suppression comments: `//` and `/* *\/` bodies; the first comment block is what comes before the first statement. */
function directivesOf(content: string, parsed: ParsedSource): DirectiveFact[] {
  const firstCode = (parsed.body[0] as { start?: number } | undefined)?.start ?? content.length;
  const out: DirectiveFact[] = [];
  for (const comment of parsed.comments) {
    const raw = content.slice(comment.start, comment.end);
    const text = raw.startsWith('//') ? raw.slice(2) : raw.slice(2, -2);
    if (!text.includes('connascence-')) continue;
    const at = parsed.pos(comment.start);
    const fact = directiveIn(text, { line: at.line, column: at.column, endLine: parsed.line(Math.max(comment.start, comment.end - 1)) }, comment.start < firstCode);
    if (fact) out.push(fact);
  }
  return capDirectives(out);
}

export function extractJavaScript(file: SourceFile): FileFacts {
  const outcome = parseSource(file.content, file.path, isTypeScript(file));
  if (!outcome.ok) {
    const facts = startFacts(file, new LineIndex(file.content, 'ecmascript').lineCount);
    facts.codeLines = countCodeLines(file.content);
    facts.parseError = outcome.error;
    return facts;
  }
  try {
    return factsOf(file, outcome.parsed);
  } catch (error) {
    // An extractor bug must not take the run down: report it like a parse failure.
    const facts = startFacts(file, outcome.parsed.index.lineCount);
    facts.parseError = { message: `internal extractor error: ${error instanceof Error ? error.message : String(error)}`, line: 1, column: 1 };
    return facts;
  }
}

export const javascriptFrontEnd: FrontEnd = {
  languages: ['javascript', 'typescript'],
  extract: extractJavaScript,
};

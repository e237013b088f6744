/**
 * How deep oxc would recurse on a source, estimated before it is parsed. oxc is a recursive-descent
 * parser with no depth limit of its own: a few thousand levels of nesting overflow the native stack
 * and kill the whole process (SIGSEGV), which no `catch` can turn into a finding. A file estimated
 * deeper than the limit is reported as a parse error instead.
 *
 * The estimate is a small lexer that counts what the parser descends into once per level:
 * - brackets `(` `[` `{`, template substitutions `${`, and JSX elements;
 * - right-recursive operators still open in the current bracket level: `=` and compound
 *   assignments, `=>`, `**`, the `?` of a conditional, labels, and statement heads whose body
 *   follows (`if`, `else`, `for`, `while`, `with`, `do`);
 * - `<` of type arguments (and comparisons), until a `>` closes them;
 * - runs of prefix operators (`- - -x`, `new new X`, `typeof typeof x`, `yield yield x`).
 * Open operators end with their bracket level, at `;` and `,`, and where a new statement starts:
 * a word after a complete operand and a line break, or after a block's `}`.
 *
 * Strings, comments, regular expressions, template text and JSX text are skipped, so brackets
 * written inside them do not count. Whether `/` starts a regex and `<` an element is decided as
 * the parser decides it: by whether an operand is expected, telling the `)` of a statement head
 * and the `}` of a block from those that end an expression. A quote or `/` that does not close on
 * its line is not taken as a string or regex: the line is read as code, which can only overcount.
 */

export interface NestingOptions {
  /** JSX is parsed (.js, .jsx, .tsx, ...): `<` where an operand is expected opens an element. */
  jsx: boolean;
  /** TypeScript: in .tsx, `<T,>` and `<T extends U>` open type parameters, not an element. */
  typescript: boolean;
}

const enum Frame {
  Paren,
  StatementHead,
  Parameters,
  Bracket,
  Block,
  ExpressionBrace,
  TemplateExpression,
  JsxTag,
  JsxChildren,
  JsxClosingTag,
  JsxExpression,
}

interface Level {
  frame: Frame;
  /** Right-recursive operators open at this level. */
  open: number;
  /** `<` open at this level. */
  angles: number;
  /** Parameters of a function expression: its body is an operand. */
  valued?: boolean;
}

/** What the previous token was, as far as the next one cares. */
const enum Last {
  /** Start of input, `;`, a block's `{` or `}`, a label, `)` of a statement head, `else`, `do`. */
  StatementStart,
  /** An operator, `(`, `[`, `,`, `:`, or a word that expects an operand: `/` is a regex. */
  Operator,
  /** The end of an operand: `/` divides, `<` compares. */
  Operand,
  /** `)` of a function's parameters: a body follows. */
  Parameters,
  /** `=>`: a body or an expression follows. */
  Arrow,
  /** `.` or `?.`: a property name follows. */
  Dot,
}

/** Words after which an operand is expected. */
const EXPECTS_OPERAND = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'yield', 'await',
  'extends', 'keyof', 'satisfies', 'as', 'is', 'implements', 'function', 'class', 'let', 'const', 'var',
  'import', 'from', 'type', 'interface', 'enum', 'namespace', 'module', 'readonly', 'unique', 'infer',
]);
/** Words that continue the statement before them rather than start a new one. */
const CONTINUES = new Set(['in', 'instanceof', 'of', 'as', 'satisfies', 'extends', 'implements', 'is', 'else', 'catch', 'finally', 'while', 'keyof']);
/** Prefix words that nest their operand. */
const PREFIX_WORDS = new Set(['new', 'typeof', 'void', 'delete', 'await', 'yield', 'throw']);
/** Statement heads whose body is parsed inside them. */
const STATEMENT_HEADS = new Set(['if', 'else', 'for', 'while', 'with', 'do']);
/** Words whose `(...)` is a statement head: a statement or block follows the `)`. */
const HEAD_PARENS = new Set(['if', 'for', 'while', 'with', 'switch', 'catch']);
/** Words that leave "a statement may start here" as it was (`export default function`, `async function`). */
const TRANSPARENT = new Set(['export', 'default', 'async', 'declare', 'abstract']);
/** Words after which `{` opens a block. */
const BLOCK_WORDS = new Set(['else', 'do', 'try', 'finally']);

function isIdentifierStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 36 || code === 95 || code === 92 || code >= 128;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Line terminators that end a single-line string, regex or comment. */
function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x3000 || code === 0x202f || code === 0x205f || code === 0x1680;
}

/**
 * Offset where the estimated nesting first exceeds `limit`, or -1 when it never does. Linear in the
 * length of the content; allocates a stack of the open levels and nothing per token.
 */
export function nestingExceeds(content: string, limit: number, options: NestingOptions): number {
  const levels: Level[] = [{ frame: Frame.Block, open: 0, angles: 0 }];
  let openSum = 0;
  let prefixRun = 0;
  let last = Last.StatementStart;
  let lastWord = '';
  let sawLineBreak = false;
  /** `function`/`class` seen, its parameters or body not yet opened: the bracket depth it was at, and whether it is an expression. */
  let pendingFunction: { depth: number; valued: boolean } | undefined;
  let pendingClass: { depth: number; valued: boolean } | undefined;
  /** A function's parameters closed, its body not yet opened. */
  let pendingBody: { depth: number; valued: boolean } | undefined;
  const n = content.length;
  let i = 0;

  const depth = (): number => levels.length - 1 + openSum + prefixRun;
  const top = (): Level => levels[levels.length - 1]!;
  const addOpen = (): void => {
    top().open++;
    openSum++;
  };
  const addAngle = (): void => {
    top().angles++;
    openSum++;
  };
  /** Ends the operators and `<` open at this level. */
  const endOpen = (): void => {
    const level = top();
    openSum -= level.open + level.angles;
    level.open = 0;
    level.angles = 0;
    prefixRun = 0;
  };
  const push = (frame: Frame, valued = false): void => {
    // A prefix run before a bracket stays open while the bracket is parsed.
    if (prefixRun > 0) {
      top().open += prefixRun;
      openSum += prefixRun;
      prefixRun = 0;
    }
    levels.push({ frame, open: 0, angles: 0, valued });
  };
  /** Closes the innermost level; returns what it was. */
  const pop = (): Level | undefined => {
    if (levels.length === 1) {
      endOpen();
      return undefined;
    }
    const level = levels.pop()!;
    openSum -= level.open + level.angles;
    return level;
  };
  const operand = (): void => {
    prefixRun = 0;
    last = Last.Operand;
  };
  const expectsOperand = (): boolean => last !== Last.Operand;

  const nextNonSpace = (from: number): number => {
    let j = from;
    while (j < n && (isSpace(content.charCodeAt(j)) || isLineBreak(content.charCodeAt(j)))) j++;
    return j;
  };

  /** Skips template text from `i` (just after '`' or the `}` ending a `${`): stops past '`' or with a `${` level open. */
  const templateText = (): void => {
    while (i < n) {
      const code = content.charCodeAt(i);
      if (code === 92) i += 2;
      else if (code === 96) {
        i++;
        operand();
        return;
      } else if (code === 36 && content.charCodeAt(i + 1) === 123) {
        i += 2;
        push(Frame.TemplateExpression);
        last = Last.Operator;
        return;
      } else i++;
    }
  };

  /** Skips a string opening at `i`; false (and `i` unchanged) when it does not close on its line. */
  const quoted = (quote: number, multiline: boolean): boolean => {
    let j = i + 1;
    while (j < n) {
      const code = content.charCodeAt(j);
      if (code === quote) {
        i = j + 1;
        return true;
      }
      if (multiline) j++;
      else if (code === 92) j += content.charCodeAt(j + 1) === 13 && content.charCodeAt(j + 2) === 10 ? 3 : 2;
      else if (code === 10 || code === 13) return false;
      else j++;
    }
    return false;
  };

  /** Skips a regex literal opening at `i`; false (and `i` unchanged) when it does not close on its line. */
  const regex = (): boolean => {
    let j = i + 1;
    let inClass = false;
    while (j < n) {
      const code = content.charCodeAt(j);
      if (isLineBreak(code)) return false;
      if (code === 92) {
        if (isLineBreak(content.charCodeAt(j + 1))) return false;
        j += 2;
      } else if (code === 91) {
        inClass = true;
        j++;
      } else if (code === 93) {
        inClass = false;
        j++;
      } else if (code === 47 && !inClass) {
        j++;
        while (j < n && isIdentifierPart(content.charCodeAt(j))) j++;
        i = j;
        return true;
      } else j++;
    }
    return false;
  };

  /** `<` where an operand is expected: an element, unless .tsx type parameters `<T,>` / `<T extends U>`. */
  const opensElement = (): boolean => {
    if (!options.jsx || !expectsOperand()) return false;
    const next = content.charCodeAt(i + 1);
    if (next === 62) return true;
    if (!isIdentifierStart(next)) return false;
    if (!options.typescript) return true;
    let j = i + 1;
    while (j < n && isIdentifierPart(content.charCodeAt(j))) j++;
    j = nextNonSpace(j);
    return !(content.charCodeAt(j) === 44 || (content.startsWith('extends', j) && !isIdentifierPart(content.charCodeAt(j + 7))));
  };

  while (i < n) {
    const level = top();

    if (level.frame === Frame.JsxChildren) {
      // JSX text: only `{` and `<` mean anything.
      while (i < n && content.charCodeAt(i) !== 123 && content.charCodeAt(i) !== 60) i++;
      if (i >= n) break;
      const at = i;
      if (content.charCodeAt(i) === 123) {
        push(Frame.JsxExpression);
        i++;
        last = Last.Operator;
      } else {
        const after = nextNonSpace(i + 1);
        if (content.charCodeAt(after) === 47) {
          level.frame = Frame.JsxClosingTag;
          i = after + 1;
        } else {
          push(Frame.JsxTag);
          i++;
        }
      }
      if (depth() > limit) return at;
      continue;
    }

    const code = content.charCodeAt(i);
    if (isLineBreak(code)) {
      sawLineBreak = true;
      i++;
      continue;
    }
    if (isSpace(code)) {
      i++;
      continue;
    }
    const next = content.charCodeAt(i + 1);

    if (level.frame === Frame.JsxTag || level.frame === Frame.JsxClosingTag) {
      // Inside `<Name attr="..." {...spread}>` or `</Name>`: attribute strings span lines, no escapes.
      const at = i;
      if ((code === 34 || code === 39) && quoted(code, true)) continue;
      if (code === 123) {
        push(Frame.JsxExpression);
        i++;
        last = Last.Operator;
      } else if (code === 60 && level.frame === Frame.JsxTag) {
        push(Frame.JsxTag);
        i++;
      } else if (code === 47 && next === 62 && level.frame === Frame.JsxTag) {
        pop();
        i += 2;
        operand();
      } else if (code === 62) {
        i++;
        if (level.frame === Frame.JsxClosingTag) {
          pop();
          operand();
        } else level.frame = Frame.JsxChildren;
      } else if (code === 47 && next === 47) {
        while (i < n && !isLineBreak(content.charCodeAt(i))) i++;
      } else if (code === 47 && next === 42) {
        const end = content.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
      } else i++;
      if (depth() > limit) return at;
      continue;
    }

    // Comments.
    if (code === 47 && next === 47) {
      while (i < n && !isLineBreak(content.charCodeAt(i))) i++;
      continue;
    }
    if (code === 47 && next === 42) {
      const end = content.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let j = i; j < stop; j++) {
        if (isLineBreak(content.charCodeAt(j))) {
          sawLineBreak = true;
          break;
        }
      }
      i = stop;
      continue;
    }
    if (i === 0 && code === 35 && next === 33) {
      while (i < n && !isLineBreak(content.charCodeAt(i))) i++;
      continue;
    }

    const lineBreakBefore = sawLineBreak;
    sawLineBreak = false;
    const at = i;

    if (isIdentifierStart(code) || code === 35) {
      i++;
      while (i < n && isIdentifierPart(content.charCodeAt(i))) i++;
      const word = content.slice(at, i);
      if (last === Last.Dot || code === 35) {
        operand();
        lastWord = '';
        continue;
      }
      // A new statement after a complete operand ends what was left open (ASI, `if (a) {} b = c`).
      const newStatement = (last === Last.Operand && lineBreakBefore) || (last === Last.StatementStart && lastWord === '}');
      if (newStatement && !CONTINUES.has(word)) {
        endOpen();
        last = Last.StatementStart;
      }
      const statementStart = last === Last.StatementStart;
      const colon = nextNonSpace(i);
      if (statementStart && content.charCodeAt(colon) === 58 && content.charCodeAt(colon + 1) !== 58 && !STATEMENT_HEADS.has(word)) {
        // `label:` nests the labelled statement (`case x:` and `default:` cost one until the next `;`).
        addOpen();
        i = colon + 1;
        last = Last.StatementStart;
        lastWord = ':';
      } else if (STATEMENT_HEADS.has(word)) {
        if (!(word === 'if' && lastWord === 'else')) addOpen();
        last = word === 'else' || word === 'do' ? Last.StatementStart : Last.Operator;
        lastWord = word;
      } else if (PREFIX_WORDS.has(word) && expectsOperand()) {
        prefixRun++;
        last = Last.Operator;
        lastWord = word === 'await' && lastWord === 'for' ? 'for' : word;
      } else if (TRANSPARENT.has(word) && statementStart) {
        last = Last.StatementStart;
        lastWord = word;
      } else if (word === 'function' || word === 'class') {
        const pending = { depth: levels.length, valued: !statementStart };
        if (word === 'function') pendingFunction = pending;
        else pendingClass = pending;
        last = Last.Operator;
        lastWord = word;
      } else if (EXPECTS_OPERAND.has(word) || BLOCK_WORDS.has(word) || HEAD_PARENS.has(word)) {
        last = BLOCK_WORDS.has(word) ? Last.StatementStart : Last.Operator;
        lastWord = word;
      } else {
        operand();
        lastWord = word;
      }
      if (depth() > limit) return at;
      continue;
    }
    const wordBefore = lastWord;
    lastWord = '';

    if (isDigit(code) || (code === 46 && isDigit(next))) {
      i++;
      while (i < n && (isIdentifierPart(content.charCodeAt(i)) || (content.charCodeAt(i) === 46 && content.charCodeAt(i - 1) !== 46))) i++;
      operand();
      continue;
    }
    if ((code === 34 || code === 39) && quoted(code, false)) {
      operand();
      continue;
    }
    if (code === 96) {
      i++;
      templateText();
      if (depth() > limit) return at;
      continue;
    }
    if (code === 47 && expectsOperand() && regex()) {
      operand();
      continue;
    }

    switch (code) {
      case 40: {
        // (
        let frame = Frame.Paren;
        if (HEAD_PARENS.has(wordBefore)) frame = Frame.StatementHead;
        else if (pendingFunction && pendingFunction.depth === levels.length) frame = Frame.Parameters;
        const valued = frame === Frame.Parameters && pendingFunction!.valued;
        if (frame === Frame.Parameters) pendingFunction = undefined;
        push(frame, valued);
        i++;
        last = Last.Operator;
        break;
      }
      case 91: // [
        push(Frame.Bracket);
        i++;
        last = Last.Operator;
        break;
      case 123: {
        // {
        let frame: Frame;
        let valued = false;
        if (pendingClass && pendingClass.depth === levels.length) {
          frame = Frame.Block;
          valued = pendingClass.valued;
          pendingClass = undefined;
        } else if (pendingBody && pendingBody.depth === levels.length) {
          frame = Frame.Block;
          valued = pendingBody.valued;
          pendingBody = undefined;
        } else if (last === Last.StatementStart || last === Last.Arrow || wordBefore === 'catch') frame = Frame.Block;
        else if (last === Last.Operand && wordBefore !== '') frame = Frame.Block;
        else if (last === Last.Operand && content.charCodeAt(prevNonSpace(content, i)) === 41) frame = Frame.Block;
        else frame = Frame.ExpressionBrace;
        push(frame, valued);
        i++;
        last = frame === Frame.Block ? Last.StatementStart : Last.Operator;
        lastWord = frame === Frame.Block ? '{' : '';
        break;
      }
      case 41: // )
      case 93: // ]
      case 125: {
        // }
        const closed = pop();
        i++;
        if (code === 125 && closed?.frame === Frame.TemplateExpression) {
          templateText();
          break;
        }
        if (code === 125 && closed?.frame === Frame.JsxExpression) {
          last = Last.Operator;
          break;
        }
        prefixRun = 0;
        if (closed?.frame === Frame.StatementHead) last = Last.StatementStart;
        else if (closed?.frame === Frame.Parameters) {
          last = Last.Parameters;
          pendingBody = { depth: levels.length, valued: closed.valued === true };
        } else if (closed?.frame === Frame.Block && !closed.valued) {
          last = Last.StatementStart;
          lastWord = '}';
        } else last = Last.Operand;
        break;
      }
      case 59: // ;
      case 44: // ,
        // A `,` between type arguments or parameters (`<T, U>`, `<T,>() =>`) ends nothing: they nest on.
        if (code === 59 || level.angles === 0) endOpen();
        if (code === 59) pendingBody = undefined;
        i++;
        last = code === 59 ? Last.StatementStart : Last.Operator;
        break;
      case 63: {
        // ?
        if (next === 63) {
          // ?? and ??=
          const assign = content.charCodeAt(i + 2) === 61;
          i += assign ? 3 : 2;
          if (assign) addOpen();
          last = Last.Operator;
          break;
        }
        if (next === 46 && !isDigit(content.charCodeAt(i + 2))) {
          i += 2;
          last = Last.Dot;
          break;
        }
        const after = content.charCodeAt(nextNonSpace(i + 1));
        // `a?: T`, `(a?, b)`, `(a?) =>`, `a?;`, `a? = 1` are optional markers, not conditionals.
        if (after !== 58 && after !== 44 && after !== 41 && after !== 61 && after !== 59) addOpen();
        i++;
        last = Last.Operator;
        break;
      }
      case 61: {
        // = == === =>
        if (next === 61) {
          i += content.charCodeAt(i + 2) === 61 ? 3 : 2;
          last = Last.Operator;
        } else if (next === 62) {
          i += 2;
          addOpen();
          last = Last.Arrow;
        } else {
          i++;
          addOpen();
          last = Last.Operator;
        }
        break;
      }
      case 60: {
        // <
        if (opensElement()) {
          push(Frame.JsxTag);
          i++;
          last = Last.Operator;
          break;
        }
        if (next === 60) {
          const assign = content.charCodeAt(i + 2) === 61;
          i += assign ? 3 : 2;
          if (assign) addOpen();
        } else if (next === 61) i += 2;
        else {
          i++;
          addAngle();
        }
        last = Last.Operator;
        break;
      }
      case 62: {
        // > >> >>> >= >>= >>>=
        let run = 0;
        while (content.charCodeAt(i) === 62) {
          run++;
          i++;
        }
        const typeEnd = level.angles > 0;
        if (content.charCodeAt(i) === 61) {
          i++;
          if (run > 1) addOpen();
          last = Last.Operator;
          break;
        }
        const closing = Math.min(run, level.angles);
        level.angles -= closing;
        openSum -= closing;
        // `Array<T>` ends a type: what follows is not a regex.
        last = typeEnd ? Last.Operand : Last.Operator;
        break;
      }
      case 42: {
        // * ** *= **=
        if (next === 42) {
          i += content.charCodeAt(i + 2) === 61 ? 3 : 2;
          addOpen();
        } else if (next === 61) {
          i += 2;
          addOpen();
        } else i++;
        last = Last.Operator;
        break;
      }
      case 43: // +
      case 45: {
        // -
        if (next === code) {
          i += 2;
          if (last === Last.Operand && !lineBreakBefore) break; // postfix: still an operand
          prefixRun++;
          last = Last.Operator;
          break;
        }
        if (next === 61) {
          i += 2;
          addOpen();
          last = Last.Operator;
          break;
        }
        i++;
        if (expectsOperand()) prefixRun++;
        last = Last.Operator;
        break;
      }
      case 33: // !
      case 126: {
        // ~
        if (code === 33 && next === 61) {
          i += content.charCodeAt(i + 2) === 61 ? 3 : 2;
          last = Last.Operator;
          break;
        }
        i++;
        if (code === 33 && last === Last.Operand) break; // TS non-null assertion `a!`
        prefixRun++;
        last = Last.Operator;
        break;
      }
      case 46: {
        // . ...
        if (next === 46 && content.charCodeAt(i + 2) === 46) {
          i += 3;
          prefixRun++;
          last = Last.Operator;
          break;
        }
        i++;
        last = Last.Dot;
        break;
      }
      case 38: // &
      case 124: // |
      case 37: // %
      case 94: // ^
      case 47: {
        // / (division)
        let j = i + 1;
        if ((code === 38 || code === 124) && content.charCodeAt(j) === code) j++;
        if (content.charCodeAt(j) === 61) {
          j++;
          addOpen();
        }
        i = j;
        last = Last.Operator;
        break;
      }
      case 34: // a quote that does not close on its line: read on as code
      case 39:
      default:
        i++;
        last = Last.Operator;
    }
    if (depth() > limit) return at;
  }
  return -1;
}

function prevNonSpace(content: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && (isSpace(content.charCodeAt(j)) || isLineBreak(content.charCodeAt(j)))) j--;
  return j;
}

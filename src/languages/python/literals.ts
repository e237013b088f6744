/** LiteralFact extraction: numbers and strings with the syntactic context rules need. */
import type { LiteralContext, LiteralFact } from '../../facts/types.js';
import { isDocstringStatement } from './scope.js';
import { numberValue, stringValue } from './strings.js';
import { fieldChild, nodesOf, ownerOf, positionOf, textOf, type NodeIndex, type PyNode, type Source } from './tree.js';

const UPPER_CASE = /^_*[A-Z][A-Z0-9_]*$/;
/** `__all__`, `__slots__`, `__version__`: protocol names whose value is data by definition. */
const DUNDER = /^__\w+__$/;
const CLASS_VAR = /^(?:typing\.)?(?:ClassVar|Final)\b/;
/** Bases that make a class an enumeration: `Enum`, `IntEnum`, `StrEnum`, `Flag`, `IntFlag`, Django `TextChoices`... */
const ENUM_BASE = /(?:^|\.)\w*(?:Enum|Flag|Choices)$/;

/** Expressions a literal can sit in and still be "the value" of its assignment/default/index. */
const TRANSPARENT = new Set([
  'unary_operator', 'parenthesized_expression', 'tuple', 'list', 'set', 'dictionary', 'pair',
  'expression_list', 'slice', 'binary_operator', 'concatenated_string',
  'call', 'argument_list', 'keyword_argument', 'conditional_expression',
]);
/** Containers that make a value part of a table: literal containers, and calls (`DO = _chr(253)`, `dict(a=1)`). */
const LITERAL_TABLES = new Set(['tuple', 'list', 'set', 'dictionary']);
const CALLS = new Set(['call', 'argument_list']);

/** Property names whose values are discriminants (`node.type == "if"`). */
const DISCRIMINANTS = new Set(['type', 'kind', 'tag', '_type', '_kind', '_tag']);
/** Calls whose first positional string argument is a key or attribute name. */
const KEY_CALLS: Record<string, number> = { getattr: 1, hasattr: 1, setattr: 1, delattr: 1, get: 0, pop: 0, setdefault: 0 };
/**
 * Attribute protocol methods, whose string argument names an attribute: first when bound
 * (`super().__getattribute__("name")`), second when called on the class (`object.__setattr__(self, "name", v)`).
 */
const ATTRIBUTE_METHODS = new Set(['__getattribute__', '__getattr__', '__setattr__', '__delattr__']);
/** Calls whose first string argument names a text encoding: `s.encode("ascii")`, `b.decode("utf-8")`. */
const CODEC_CALLS = new Set(['encode', 'decode']);
/**
 * Keyword parameters of the standard library whose string values are that API's own vocabulary:
 * `action="store_true"` (argparse), `errors="strict"` and `encoding="utf-8"` (codecs, `open`).
 */
const VOCABULARY_PARAMETERS = new Set(['action', 'errors', 'encoding']);
/** `[0, 2, 4, 6, 8, 1, 3, 5, 7, 9][digit]`: a list or tuple of three or more plain numbers is a lookup table. */
const TABLE_SIZE = 3;
/** Calls whose numeric argument at the position is a radix, digits, width or split limit the callee names. */
const KNOWN_ARGUMENTS: Record<string, number | '*'> = {
  int: 1, round: 1, zfill: 0, ljust: 0, rjust: 0, center: 0, split: 1, rsplit: 1,
  // the components of a date or time: `datetime(year, 12, 31, 23, 59, 59)`
  datetime: '*', date: '*', time: '*', timedelta: '*',
};
/** Bases whose powers are units: `2 ** 10`, `1024 ** 3`, `10 ** 6`. */
const UNIT_BASES = new Set(['2', '10', '1024']);
/** `len(args) == 4`: an arity check counts positional arguments. */
const ARITY = /^len\(\s*\*?args\s*\)$/;
const KEY_LIKE = /^[A-Za-z_][\w.-]*$/;

/**
 * The ranges of type annotations, outermost only (annotations nest or are disjoint), in order: a
 * literal is in an annotation when one contains it. A binary search, not a climb to the statement,
 * which took quadratic time on chains like `a[0][0]...`.
 */
function annotationRanges(index: NodeIndex): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const node of [...nodesOf(index, 'type')].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = ranges[ranges.length - 1];
    if (last && node.start < last[1]) last[1] = Math.max(last[1], node.end);
    else ranges.push([node.start, node.end]);
  }
  return ranges;
}

function inAnnotation(ranges: Array<[number, number]>, node: PyNode): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid]!;
    if (node.end <= start) high = mid - 1;
    else if (node.start >= end) low = mid + 1;
    else return node.start >= start && node.end <= end;
  }
  return false;
}

/**
 * Answers about a container asked once per literal in it (a call's positions, a list's table check,
 * a class's bases) are computed once per container: asked afresh for each of the 40,000 arguments of
 * one call, they were quadratic (issue 30).
 */
function memo<T>(cache: WeakMap<PyNode, T>, node: PyNode, compute: (node: PyNode) => T): T {
  let value = cache.get(node);
  if (value === undefined) {
    value = compute(node);
    cache.set(node, value);
  }
  return value;
}

const ENUM_CLASSES = new WeakMap<PyNode, boolean>();
function isEnumClass(src: Source, owner: PyNode): boolean {
  return memo(ENUM_CLASSES, owner, () => {
    const bases = fieldChild(owner, 'superclasses');
    return bases?.children.some((b) => (b.type === 'identifier' || b.type === 'attribute') && ENUM_BASE.test(textOf(src, b))) ?? false;
  });
}

interface Climb {
  /** The climb went through a call or a literal container. */
  table: boolean;
  /** The climb went through a list, tuple, set or dict literal. */
  literalTable: boolean;
}

/**
 * `NAME = <value>` (also `NAME: T = ...` and `A = B = ...`) outside any function body: a constant
 * (UPPER_CASE, dunder or `ClassVar`/`Final`), an enum member, or a module/class-level table literal.
 */
function assignmentContext(src: Source, assignment: PyNode, climb: Climb): LiteralContext | undefined {
  let top = assignment;
  while (top.parent?.type === 'assignment' && top.field === 'right') top = top.parent;
  const owner = ownerOf(top);
  if (owner?.type === 'function_definition') return undefined;
  const left = fieldChild(assignment, 'left');
  if (left?.type !== 'identifier') return undefined;
  if (owner?.type === 'class_definition' && isEnumClass(src, owner)) return 'enum';
  const name = textOf(src, left);
  const type = fieldChild(assignment, 'type');
  const constant = UPPER_CASE.test(name) || DUNDER.test(name) || (type !== undefined && CLASS_VAR.test(textOf(src, type)));
  if (constant) return climb.table ? 'data' : 'constant';
  return climb.literalTable ? 'data' : undefined;
}

/** The name a callee ends with: `int`, `x.zfill` -> zfill. */
function calleeName(src: Source, call: PyNode | undefined): string | undefined {
  const fn = call && fieldChild(call, 'function');
  if (fn?.type === 'identifier') return textOf(src, fn);
  const attribute = fn?.type === 'attribute' ? fieldChild(fn, 'attribute') : undefined;
  return attribute ? textOf(src, attribute) : undefined;
}

function isDiscriminant(src: Source, node: PyNode | undefined): boolean {
  if (node?.type === 'identifier') return textOf(src, node) === '__name__';
  const attribute = node?.type === 'attribute' ? fieldChild(node, 'attribute') : undefined;
  return attribute !== undefined && DISCRIMINANTS.has(textOf(src, attribute));
}

interface Comparison {
  operands: PyNode[];
  operators: string[];
}
const COMPARISONS = new WeakMap<PyNode, Comparison>();

function comparisonContext(src: Source, comparison: PyNode, child: PyNode, isString: boolean): LiteralContext | undefined {
  const { operands, operators } = memo(COMPARISONS, comparison, (node) => ({
    operands: node.children.filter((c) => c.named && c.type !== 'comment'),
    operators: node.children.filter((c) => !c.named).map((c) => c.type),
  }));
  if (operands.length !== 2) return undefined;
  const other = operands[0] === child ? operands[1] : operands[0];
  if (operators.includes('in') && operands[0] === child && isString && !LITERAL_TABLES.has(other!.type) && other!.type !== 'string') return 'key';
  if (!isString && ARITY.test(textOf(src, other!))) return 'index';
  return (operators.includes('==') || operators.includes('!=')) && isDiscriminant(src, other) ? 'tag' : undefined;
}

const POSITIONS = new WeakMap<PyNode, Map<PyNode, number>>();
/** Position of a positional argument (comments and keyword arguments are not counted). */
function positionIn(args: PyNode, child: PyNode): number {
  const positions = memo(POSITIONS, args, (node) => {
    const map = new Map<PyNode, number>();
    for (const c of node.children) if (c.named && c.type !== 'comment' && c.type !== 'keyword_argument') map.set(c, map.size);
    return map;
  });
  return positions.get(child) ?? -1;
}

function callArgumentContext(src: Source, args: PyNode, child: PyNode, isString: boolean): LiteralContext | undefined {
  const name = calleeName(src, args.parent?.type === 'call' ? args.parent : undefined);
  const position = positionIn(args, child);
  if (name === undefined || position < 0) return undefined;
  const isKey = KEY_CALLS[name] === position || (ATTRIBUTE_METHODS.has(name) && position <= 1);
  if (isString && isKey) return KEY_LIKE.test(textOf(src, child).slice(1, -1)) ? 'key' : undefined;
  if (isString && CODEC_CALLS.has(name) && position === 0) return 'argument';
  // `d.get("k", 10)`, `getattr(o, "n", 10)`: the fallback value of a lookup is a default.
  if (KEY_CALLS[name] !== undefined && position === KEY_CALLS[name] + 1 && (name === 'get' || name === 'getattr' || name === 'pop')) return 'default';
  if (isString) return undefined;
  const expected = KNOWN_ARGUMENTS[name];
  return expected === '*' || expected === position ? 'argument' : undefined;
}

function operatorContext(src: Source, parent: PyNode, child: PyNode): LiteralContext | undefined {
  const operator = parent.children.find((c) => c.field === 'operator')?.type ?? '';
  const base = operator.replace(/=$/, '');
  if (base === '<<' || base === '>>') return child.field === 'right' ? 'shift' : undefined;
  if (base === '**') return child.field === 'right' && UNIT_BASES.has(textOf(src, fieldChild(parent, 'left') ?? child)) ? 'shift' : undefined;
  if (base === '&' || base === '|' || base === '^') return 'mask';
  return base === '*' || base === '/' || base === '//' || base === '%' ? 'factor' : undefined;
}

/** `(10, 5, 2)` compared with something (`mysql_version >= (10, 5, 2)`), or the arguments of `Version("Twisted", 17, 5, 0)`. */
const INTEGER_TUPLES = new WeakMap<PyNode, boolean>();
function isVersion(src: Source, tuple: PyNode): boolean {
  const integers = memo(INTEGER_TUPLES, tuple, (node) => {
    const items = node.children.filter((c) => c.named && c.type !== 'comment');
    return items.length >= 2 && items.every((c) => c.type === 'integer');
  });
  if (!integers) return false;
  let holder = tuple.parent;
  while (holder?.type === 'parenthesized_expression') holder = holder.parent;
  return holder?.type === 'comparison_operator';
}

function isVocabulary(src: Source, name: PyNode | undefined): boolean {
  return name !== undefined && VOCABULARY_PARAMETERS.has(textOf(src, name));
}

const NUMBER_TABLES = new WeakMap<PyNode, boolean>();
function isNumberTable(container: PyNode): boolean {
  return memo(NUMBER_TABLES, container, (node) => {
    const items = node.children.filter((c) => c.named && c.type !== 'comment');
    const plain = (c: PyNode): boolean =>
      c.type === 'integer' || c.type === 'float' || (c.type === 'unary_operator' && c.children.some((d) => d.type === 'integer' || d.type === 'float'));
    return items.length >= TABLE_SIZE && items.every(plain);
  });
}

/** What the nearest parent says about a literal that is not part of a constant: key, tag, named, argument, operator. */
function localContext(src: Source, literal: PyNode): LiteralContext | undefined {
  let child = literal;
  let parent = literal.parent;
  while (parent?.type === 'parenthesized_expression') {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const isString = literal.type === 'string' || literal.type === 'concatenated_string';
  switch (`${parent.type}.${child.field ?? ''}`) {
    case 'pair.key':
      return 'key';
    case 'keyword_argument.value':
      return isString && isVocabulary(src, fieldChild(parent, 'name')) ? 'argument' : 'named';
    case 'assignment.right':
      return isString && isDiscriminant(src, fieldChild(parent, 'left')) ? 'tag' : undefined;
    case 'binary_operator.left':
    case 'binary_operator.right':
    case 'augmented_assignment.right':
      return operatorContext(src, parent, child);
  }
  if (parent.type === 'tuple' && !isString && isVersion(src, parent)) return 'version';
  if ((parent.type === 'tuple' || parent.type === 'list') && !isString && isNumberTable(parent)) return 'data';
  if (parent.type === 'comparison_operator') return comparisonContext(src, parent, child, isString);
  if (parent.type !== 'argument_list') return undefined;
  if (!isString && /Version$/.test(calleeName(src, parent.parent) ?? '')) return 'version';
  return callArgumentContext(src, parent, child, isString);
}

/**
 * A literal's context is read from its nearest ancestors only: the climb through expressions stops
 * after this many. Climbing all of them took quadratic time on operator chains (`1 + 2 + ...` tens
 * of thousands long, a left-deep tree); real code decides within a few levels (as in the JS front-end).
 */
const CONTEXT_WINDOW = 64;

function contextOf(src: Source, literal: PyNode, annotations: Array<[number, number]>): LiteralContext {
  if (inAnnotation(annotations, literal)) return 'type';
  const climb: Climb = { table: false, literalTable: false };
  let n = literal;
  let depth = 0;
  for (let p = n.parent; p && depth < CONTEXT_WINDOW; n = p, p = p.parent, depth++) {
    const place = `${p.type}.${n.field ?? ''}`;
    if (place === 'default_parameter.value' || place === 'typed_default_parameter.value') {
      return n === literal && literal.type === 'string' && isVocabulary(src, fieldChild(p, 'name')) ? 'argument' : 'default';
    }
    if (place === 'subscript.subscript') return n === literal && (literal.type === 'string' || literal.type === 'concatenated_string') ? 'key' : 'index';
    if (place === 'assignment.right') return assignmentContext(src, p, climb) ?? localContext(src, literal) ?? (n === literal ? 'named' : 'other');
    if (!TRANSPARENT.has(p.type) || (p.type === 'call' && n.field === 'function')) break;
    climb.literalTable ||= LITERAL_TABLES.has(p.type);
    climb.table ||= climb.literalTable || CALLS.has(p.type);
  }
  return localContext(src, literal) ?? 'other';
}

function numberFact(src: Source, node: PyNode, annotations: Array<[number, number]>): LiteralFact {
  const raw = textOf(src, node);
  const parent = node.parent;
  const negated = parent?.type === 'unary_operator' && parent.children.some((c) => c.field === 'operator' && c.type === '-');
  const outer = negated ? parent : node;
  return {
    ...positionOf(src, outer),
    kind: 'number',
    value: negated ? `-${numberValue(raw)}` : numberValue(raw),
    raw: textOf(src, outer),
    context: contextOf(src, outer, annotations),
    ...(negated ? { negative: true } : {}),
  };
}

/** f-strings with interpolations are not constant values and are left out (see docs). */
function stringFact(src: Source, node: PyNode, annotations: Array<[number, number]>): LiteralFact | undefined {
  const { value, interpolated } = stringValue(src, node);
  if (interpolated) return undefined;
  const docstring = node.parent !== undefined && isDocstringStatement(node.parent);
  return {
    ...positionOf(src, node),
    kind: 'string',
    value,
    raw: textOf(src, node),
    context: contextOf(src, node, annotations),
    ...(docstring ? { docstring: true } : {}),
  };
}

/** String literals: whole implicit concatenations, and strings that are not part of one. */
export function stringLiterals(index: NodeIndex): PyNode[] {
  return nodesOf(index, 'string', 'concatenated_string').filter((n) => n.parent?.type !== 'concatenated_string');
}

export function collectLiterals(src: Source, index: NodeIndex): LiteralFact[] {
  const literals: LiteralFact[] = [];
  const annotations = annotationRanges(index);
  for (const node of nodesOf(index, 'integer', 'float', 'string', 'concatenated_string')) {
    if (node.type === 'integer' || node.type === 'float') literals.push(numberFact(src, node, annotations));
    else if (node.parent?.type !== 'concatenated_string') {
      const fact = stringFact(src, node, annotations);
      if (fact) literals.push(fact);
    }
  }
  return literals;
}

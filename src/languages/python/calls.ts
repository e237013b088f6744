/** CallFact extraction: timing, dynamic code, shell and unsafe deserialisation. */
import type { CallFact } from '../../facts/types.js';
import { ShapeText } from '../shared/shape.js';
import { isPlainString, numberNode, numberValue } from './strings.js';
import { fieldChild, namedChildren, nodesOf, positionOf, textOf, type NodeIndex, type PyNode, type Source } from './tree.js';

interface CallSite {
  src: Source;
  callee: string;
  positional: PyNode[];
  keywords: Map<string, PyNode>;
}

type Verdict = Pick<CallFact, 'kind' | 'detail' | 'argument'> | undefined;

const SLEEPS = new Set(['time.sleep', 'asyncio.sleep', 'sleep']);
/** `compile()` only builds a code object; the `exec`/`eval` that runs it is the finding (one per construct). */
const DYNAMIC = new Set(['exec', 'eval']);
const SHELL_ALWAYS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell']);
const SUBPROCESS = new Set(['run', 'call', 'Popen', 'check_output', 'check_call']);
const UNSAFE_LOADS = /^(?:pickle|cPickle|_pickle|dill|marshal)\.(?:loads?|Unpickler)$|^yaml\.unsafe_load(?:_all)?$/;
const YAML_LOADS = new Set(['yaml.load', 'yaml.load_all']);
const SAFE_LOADERS = /^(?:yaml\.)?(?:Safe|CSafe|Base|CBase)Loader$/;

/** Dotted callee text (`a.b.c`) when the callee is a plain name or attribute chain. */
function dottedName(src: Source, node: PyNode | undefined): string | undefined {
  if (node?.type === 'identifier') return textOf(src, node);
  if (node?.type !== 'attribute') return undefined;
  const object = dottedName(src, fieldChild(node, 'object'));
  const attribute = fieldChild(node, 'attribute');
  return object && attribute ? `${object}.${textOf(src, attribute)}` : undefined;
}

function callSite(src: Source, call: PyNode): CallSite | undefined {
  const callee = dottedName(src, fieldChild(call, 'function'));
  if (!callee) return undefined;
  const args = fieldChild(call, 'arguments');
  const site: CallSite = { src, callee, positional: [], keywords: new Map() };
  const list = args?.type === 'argument_list' ? args.children.filter((a) => a.named && a.type !== 'comment') : [];
  for (const arg of list) {
    if (arg.type === 'keyword_argument') addKeyword(site, arg);
    else if (arg.type !== 'dictionary_splat') site.positional.push(arg);
  }
  return site;
}

function addKeyword(site: CallSite, arg: PyNode): void {
  const name = fieldChild(arg, 'name');
  const value = fieldChild(arg, 'value');
  if (name && value) site.keywords.set(textOf(site.src, name), value);
}

function timing(site: CallSite): Verdict {
  const delay = site.positional[0] ?? site.keywords.get('seconds') ?? site.keywords.get('delay');
  const number = numberNode(delay);
  // `sleep(0)` / `asyncio.sleep(0)` yields to other threads or tasks: scheduling, not a timed wait.
  if (!SLEEPS.has(site.callee) || !number || Number(numberValue(textOf(site.src, number))) === 0) return undefined;
  return { kind: 'timing', detail: textOf(site.src, delay!) };
}

/** The command argument when the call runs it through a shell, else undefined. */
function shellCommand(site: CallSite): PyNode | undefined {
  if (SHELL_ALWAYS.has(site.callee)) return site.positional[0] ?? site.keywords.get('command') ?? site.keywords.get('cmd');
  const viaSubprocess = SUBPROCESS.has(site.callee.replace(/^subprocess\./, '')) && site.keywords.get('shell')?.type === 'true';
  return viaSubprocess ? (site.positional[0] ?? site.keywords.get('args')) : undefined;
}

/** A string literal, or a list or tuple of string literals (`["git", "log", "-1"]`): a command fixed in the source. */
function isLiteralCommand(src: Source, node: PyNode): boolean {
  if (node.type !== 'list' && node.type !== 'tuple') return isPlainString(src, node);
  const items = namedChildren(node);
  return items.length > 0 && items.every((item) => isPlainString(src, item));
}

function shell(site: CallSite): Verdict {
  const command = shellCommand(site);
  if (!command || isLiteralCommand(site.src, command)) return undefined;
  return { kind: 'shell', detail: 'the shell command is not a string literal', argument: argumentShape(site.src, command) };
}

/** Nodes whose text is one token even when tree-sitter gives them children (escapes inside a string's content). */
const WHOLE = new Set(['string_content']);

/**
 * The shape of what a call runs, loads or evaluates (CallFact.argument): the leaves of the
 * argument's syntax tree without comments, bounded (languages/shared/shape.ts).
 */
function argumentShape(src: Source, node: PyNode | undefined): string {
  const shape = new ShapeText();
  const stack: PyNode[] = node ? [node] : [];
  while (stack.length > 0 && shape.open) {
    const next = stack.pop()!;
    if (next.type === 'comment') continue;
    if (next.children.length === 0 || WHOLE.has(next.type)) {
      shape.add(textOf(src, next));
      continue;
    }
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
  return shape.text();
}

/** The first argument, by position or by one of its keyword names. */
function firstArgument(site: CallSite, ...names: string[]): PyNode | undefined {
  return site.positional[0] ?? names.map((name) => site.keywords.get(name)).find((value) => value !== undefined);
}

/** `pickle.loads(pickle.dumps(obj))`: the bytes are made on the spot from an object in memory (a copy or a test of pickling), never read from outside. */
function isRoundTrip(site: CallSite): boolean {
  const argument = site.positional[0];
  if (argument?.type !== 'call' || !site.callee.endsWith('.loads')) return false;
  const inner = dottedName(site.src, fieldChild(argument, 'function'));
  return inner === `${site.callee.slice(0, -'.loads'.length)}.dumps`;
}

function deserialize(site: CallSite): Verdict {
  if (UNSAFE_LOADS.test(site.callee)) {
    if (isRoundTrip(site)) return undefined;
    const detail = site.callee.startsWith('marshal.') ? 'marshal is not safe against crafted data' : 'the data names the functions it calls while loading';
    return { kind: 'deserialize', detail, argument: argumentShape(site.src, firstArgument(site, 'data', 'file', 'bytes')) };
  }
  if (!YAML_LOADS.has(site.callee)) return undefined;
  const loader = site.keywords.get('Loader') ?? site.positional[1];
  if (loader && SAFE_LOADERS.test(textOf(site.src, loader))) return undefined;
  return { kind: 'deserialize', detail: `${site.callee} without a safe Loader`, argument: argumentShape(site.src, firstArgument(site, 'stream')) };
}

function classify(site: CallSite): Verdict {
  if (DYNAMIC.has(site.callee)) return { kind: 'dynamic-code', argument: argumentShape(site.src, firstArgument(site, 'source', 'expression', 'object')) };
  return timing(site) ?? shell(site) ?? deserialize(site);
}

const LOOPS = new Set(['while_statement', 'for_statement']);

/** `time.sleep(0.1)` / `await asyncio.sleep(1)` as a statement directly in a `while`/`for` body: it paces a poll loop. */
function isPollPacing(call: PyNode): boolean {
  let node = call;
  if (node.parent?.type === 'await') node = node.parent;
  const statement = node.parent;
  if (statement?.type !== 'expression_statement' || namedChildren(statement).length !== 1) return false;
  const block = statement.parent;
  return block?.type === 'block' && block.field === 'body' && block.parent !== undefined && LOOPS.has(block.parent.type);
}

export function collectCalls(src: Source, index: NodeIndex): CallFact[] {
  const calls: CallFact[] = [];
  for (const node of nodesOf(index, 'call')) {
    const site = callSite(src, node);
    const verdict = site && classify(site);
    if (!site || !verdict) continue;
    const call: CallFact = { ...positionOf(src, node), callee: site.callee, ...verdict };
    if (verdict.kind === 'timing' && isPollPacing(node)) call.pacing = 'poll';
    calls.push(call);
  }
  return calls;
}

/** Structural hash of a function body for CON_ALGORITHM (identifiers and literals normalised). */
import { createHash } from 'node:crypto';
import { isDocstringStatement } from './scope.js';
import { fieldChild, textOf, walk, type PyNode, type Source } from './tree.js';

const LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/** Targets whose identifiers are not bound (`a.b = `, `a[i] = ` mutate an object). */
const OPAQUE_TARGETS = new Set(['attribute', 'subscript', 'call']);
/** Binding constructs and the field of their bound target. */
const BINDERS: Record<string, string> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
  named_expression: 'name',
  as_pattern: 'alias',
  aliased_import: 'alias',
  function_definition: 'name',
  class_definition: 'name',
};
const PARAMETER_LISTS = new Set(['parameters', 'lambda_parameters']);

function addTargets(src: Source, target: PyNode | undefined, names: Set<string>): void {
  if (!target || OPAQUE_TARGETS.has(target.type)) return;
  if (target.type === 'identifier') names.add(textOf(src, target));
  else walk(target, (n) => {
    if (n.type === 'identifier') names.add(textOf(src, n));
    return !OPAQUE_TARGETS.has(n.type);
  });
}

/**
 * The names a function binds: its parameters and every name assigned, looped over, imported,
 * defined or caught anywhere inside it (nested scopes included, an approximation on the safe side:
 * a name bound there is never taken for a module-level function).
 */
function localNames(src: Source, def: PyNode): Set<string> {
  const names = new Set<string>();
  const visit = (n: PyNode): void => {
    if (PARAMETER_LISTS.has(n.type)) {
      for (const param of n.children) {
        const name = param.type === 'identifier' ? param : (fieldChild(param, 'name') ?? param.children.find((c) => c.type === 'identifier'));
        if (name?.type === 'identifier') names.add(textOf(src, name));
      }
      return;
    }
    const field = BINDERS[n.type];
    if (field) addTargets(src, fieldChild(n, field), names);
    if (n.type === 'import_statement' || n.type === 'import_from_statement') {
      for (const item of n.children) if (item.type === 'dotted_name' && item !== fieldChild(n, 'module_name')) addTargets(src, item.children[0], names);
    }
  };
  visit(def);
  walk(def, (n) => {
    visit(n);
  });
  return names;
}

/** How an identifier is serialised: `.name` for an attribute or keyword-argument name, `C:name` for a called non-local name, else `I`. */
function identifierToken(src: Source, node: PyNode, locals: ReadonlySet<string>): string {
  const parent = node.parent;
  if (parent?.type === 'attribute' && fieldChild(parent, 'attribute') === node) return `.${textOf(src, node)}`;
  if (parent?.type === 'keyword_argument' && fieldChild(parent, 'name') === node) return `${textOf(src, node)}=`;
  if (parent?.type === 'call' && fieldChild(parent, 'function') === node) {
    const name = textOf(src, node);
    if (!locals.has(name)) return `C:${name}`;
  }
  return 'I';
}

/**
 * Serialises the subtree as `(type children...)`, with every identifier as `I` and every literal
 * (numbers, strings, True/False/None) as `L`; comments and the docstring are left out. Keywords and
 * operators are anonymous nodes whose type is their text, so they stay in the shape. Names that
 * select what the code does keep their text (see `identifierToken`): the attributes a body reads
 * or calls (`self.add(x)` is not `self.discard(x)`), keyword-argument names, and the functions it
 * calls that are not its local variables (`foo(x)` is not `bar(x)`, `cb(x)` of a parameter `cb` is `I`).
 */
function serialise(src: Source, root: PyNode, locals: ReadonlySet<string>): string {
  const out: string[] = [];
  const stack: Array<PyNode | ')'> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === ')') {
      out.push(')');
      continue;
    }
    if (node.type === 'comment' || isDocstringStatement(node)) continue;
    if (node.type === 'identifier') out.push(identifierToken(src, node, locals));
    else if (LITERALS.has(node.type)) out.push('L');
    else if (node.children.length === 0) out.push(node.type);
    else {
      out.push(`(${node.type}`);
      stack.push(')');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return out.join(' ');
}

/** The body hash of function `def` (whose body is `body`). */
export function bodyHashOf(src: Source, def: PyNode, body: PyNode): string {
  return createHash('sha1').update(serialise(src, body, localNames(src, def))).digest('hex');
}

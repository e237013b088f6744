/** Where a definition lives: its class, its decorators, whether it is public. */
import { fieldChild, textOf, type PyNode, type Source } from './tree.js';

/** The node that sits in the enclosing block: the decorated_definition when there are decorators. */
export function outerOf(def: PyNode): PyNode {
  return def.parent?.type === 'decorated_definition' ? def.parent : def;
}

/** The class whose body directly contains this definition (decorated or not). */
export function directClassOf(def: PyNode): PyNode | undefined {
  const block = outerOf(def).parent;
  const holder = block?.type === 'block' ? block.parent : undefined;
  return holder?.type === 'class_definition' ? holder : undefined;
}

export function decoratorsOf(def: PyNode): PyNode[] {
  const outer = outerOf(def);
  return outer === def ? [] : outer.children.filter((c) => c.type === 'decorator');
}

export function nameOf(src: Source, def: PyNode): string {
  const name = fieldChild(def, 'name');
  return name ? textOf(src, name) : '<anonymous>';
}

const OVERLOAD = /^@\s*(?:\w+\s*\.\s*)*overload\s*$/;

/** A decorator `@overload` / `@typing.overload`: the definition is a typing signature. */
export function isOverloadDecorator(src: Source, decorator: PyNode): boolean {
  return OVERLOAD.test(textOf(src, decorator));
}

/** An `@overload` stub. */
export function isOverload(src: Source, def: PyNode): boolean {
  return decoratorsOf(def).some((d) => isOverloadDecorator(src, d));
}

export function isStaticMethod(src: Source, def: PyNode): boolean {
  return decoratorsOf(def).some((d) => /^@\s*(?:\w+\.)*staticmethod\s*$/.test(textOf(src, d)));
}

/** Public name: no leading underscore, except dunder names (`__init__`), which are part of the protocol. */
export function isPublicName(name: string): boolean {
  return !name.startsWith('_') || /^__\w+__$/.test(name);
}

/**
 * Exported = public name, declared at module level (also inside module-level `if`/`try` blocks)
 * or directly inside an exported class. Nested functions and classes inside functions are not.
 */
export function isExported(src: Source, def: PyNode): boolean {
  if (!isPublicName(nameOf(src, def))) return false;
  for (let p = def.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return false;
    if (p.type === 'class_definition') return isExported(src, p);
  }
  return true;
}

/** Is `stmt` the first statement (ignoring comments) of the module or of a block? */
export function isFirstStatement(stmt: PyNode): boolean {
  const holder = stmt.parent;
  if (!holder) return false;
  const first = holder.children.find((c) => c.named && c.type !== 'comment');
  return first === stmt;
}

/** Docstring: a string expression statement that is the first statement of a module, class or function. */
export function isDocstringStatement(stmt: PyNode): boolean {
  if (stmt.type !== 'expression_statement') return false;
  const parts = stmt.children.filter((c) => c.named && c.type !== 'comment');
  return parts.length === 1 && isStringNode(parts[0]!) && isDocumentedBody(stmt.parent) && isFirstStatement(stmt);
}

/** The module, or the body block of a function or class. */
function isDocumentedBody(holder: PyNode | undefined): boolean {
  if (holder?.type === 'module') return true;
  const owner = holder?.type === 'block' ? holder.parent?.type : undefined;
  return owner === 'function_definition' || owner === 'class_definition';
}

/** A statement that is only a string (a docstring, or a string used as a comment): documentation, not code. */
export function isStringStatement(stmt: PyNode): boolean {
  if (stmt.type !== 'expression_statement') return false;
  const parts = stmt.children.filter((c) => c.named && c.type !== 'comment');
  return parts.length === 1 && isStringNode(parts[0]!);
}

export function isStringNode(node: PyNode): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

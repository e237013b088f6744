import type { ClassFact } from '../../facts/types.js';
import type { CodeLineMap } from '../shared/code-lines.js';
import { get, list, memberKeyName, unwrap, type Node } from './ast.js';
import { isExported } from './exports.js';
import { CLASS_NODES, className, hasBody, isFunctionLike } from './functions.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

/** `get x()`/`set x()` of one property (static or not) are one method; computed keys are never paired. */
function accessorKey(member: Node): string | undefined {
  if (member.kind !== 'get' && member.kind !== 'set') return undefined;
  const name = memberKeyName(member);
  return name === '<computed>' ? undefined : `${member.static === true ? 'static ' : ''}${name}`;
}

/**
 * Methods of a class: methods, accessors and the constructor that have a body (overload
 * signatures and abstract methods are not counted; the getter and setter of one property are one
 * method), plus fields initialised with a function (`onClick = () => {}`), which are methods in
 * all but syntax.
 */
export function countMethods(cls: Node): number {
  let count = 0;
  const accessors = new Set<string>();
  for (const member of list(get(cls, 'body'), 'body')) {
    if (member.type === 'MethodDefinition' && hasBody(member)) {
      const key = accessorKey(member);
      if (key !== undefined && accessors.has(key)) continue;
      if (key !== undefined) accessors.add(key);
      count++;
    } else if (member.type === 'PropertyDefinition') {
      const value = unwrap(get(member, 'value'));
      if (value && isFunctionLike(value)) count++;
    }
  }
  return count;
}

export function classVisitor(parsed: ParsedSource, exportedNames: ReadonlySet<string>, codeLines: CodeLineMap, out: ClassFact[]): Visitor {
  return {
    types: CLASS_NODES,
    enter(node, ancestors) {
      if (!CLASS_NODES.has(node.type)) return;
      const span = parsed.span(node);
      out.push({
        ...span,
        name: className(node, ancestors),
        methods: countMethods(node),
        lengthLines: span.endLine - span.line + 1,
        codeLines: codeLines.count(span.line, span.endLine),
        exported: isExported(node, ancestors, exportedNames),
      });
    },
  };
}

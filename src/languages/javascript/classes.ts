import type { ClassFact } from '../../facts/types.js';
import { get, list, unwrap, type Node } from './ast.js';
import { isExported } from './exports.js';
import { CLASS_NODES, className, hasBody, isFunctionLike } from './functions.js';
import type { ParsedSource } from './parse.js';
import type { Visitor } from './walker.js';

/**
 * Methods of a class: methods, accessors and the constructor that have a body (overload
 * signatures and abstract methods are not counted), plus fields initialised with a function
 * (`onClick = () => {}`), which are methods in all but syntax.
 */
export function countMethods(cls: Node): number {
  let count = 0;
  for (const member of list(get(cls, 'body'), 'body')) {
    if (member.type === 'MethodDefinition' && hasBody(member)) count++;
    else if (member.type === 'PropertyDefinition') {
      const value = unwrap(get(member, 'value'));
      if (value && isFunctionLike(value)) count++;
    }
  }
  return count;
}

export function classVisitor(parsed: ParsedSource, exportedNames: ReadonlySet<string>, out: ClassFact[]): Visitor {
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
        exported: isExported(node, ancestors, exportedNames),
      });
    },
  };
}

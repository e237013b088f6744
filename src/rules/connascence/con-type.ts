import type { FunctionFact } from '../../facts/types.js';
import { presets, type FileRule, type Report } from '../types.js';

function anyReport(fn: FunctionFact): Report {
  const first = fn.anyInSignature[0]!;
  return {
    messageId: 'explicitAny',
    data: { name: fn.name, count: fn.anyInSignature.length },
    line: first.line,
    column: first.column,
    key: fn.name,
  };
}

function unannotatedReport(fn: FunctionFact): Report {
  return {
    messageId: 'unannotated',
    data: { name: fn.name, params: fn.unannotatedParams.join(', ') },
    line: fn.line,
    column: fn.column,
    key: fn.name,
  };
}

/** CON_TYPE: connascence of type that the type system cannot check. */
export const conType: FileRule = {
  scope: 'file',
  meta: {
    id: 'CON_TYPE',
    family: 'connascence',
    defaultSeverity: 'low',
    description: 'Explicit `any` in an exported TypeScript signature; unannotated parameters of a public Python function.',
    rationale: 'Callers and the function must agree on the types of the values they exchange; without annotations nothing checks that agreement.',
    languages: ['typescript', 'python'],
    presets: presets({ enabled: false, options: {} }, { strict: { enabled: true }, 'nasa-compliance': { enabled: true } }),
    messages: {
      explicitAny: '{{name}} is exported with `any` in its signature ({{count}}×): callers get no type checking.',
      unannotated: 'Public function {{name}} has unannotated parameters: {{params}}.',
    },
    docs: {
      whatItDoes:
        'TypeScript: reports exported functions whose parameter or return type annotations contain an explicit `any` (one finding per function, at the first `any`). Python: reports public functions (name without a leading underscore) with parameters other than `self`/`cls` that have no annotation.',
      whyIsThisBad:
        'Connascence of type is weak coupling when a checker verifies it and strong coupling when it does not. `any` and missing annotations turn the public interface into an unchecked agreement that every caller has to remember.',
      example: 'export function parse(input: any): any {}\n\ndef parse(text, strict):\n    ...',
      useInstead: 'export function parse(input: string): Config {}\n\ndef parse(text: str, strict: bool) -> Config:\n    ...',
    },
  },
  check(facts) {
    const exported = facts.functions.filter((fn) => fn.exported);
    if (facts.language === 'python') return exported.filter((fn) => fn.unannotatedParams.length > 0).map(unannotatedReport);
    return exported.filter((fn) => fn.anyInSignature.length > 0).map(anyReport);
  },
};

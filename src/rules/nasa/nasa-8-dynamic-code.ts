import { type FileRule } from '../types.js';
import { enclosingFunctions } from '../shared/enclosing.js';
import { safetyKey } from '../shared/safety-key.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/** NASA_8_DYNAMIC_CODE: the managed-language reading of Power of Ten rule 8 (no preprocessor tricks). */
export const nasa8DynamicCode: FileRule = {
  scope: 'file',
  meta: {
    id: 'NASA_8_DYNAMIC_CODE',
    family: 'nasa',
    defaultSeverity: 'high',
    description: 'Code run from a string: `eval`, `new Function`, Python `exec`/`eval`.',
    rationale: 'Code that only exists at run time cannot be read, analysed or tested beforehand, and is the classic injection vector.',
    languages: ALL_LANGUAGES,
    safety: true,
    presets: alwaysOn(),
    messages: {
      dynamic: '{{callee}} runs dynamic code, which no tool or reviewer sees as code.',
    },
    docs: {
      whatItDoes:
        'Reports calls of `eval`, `new Function(...)` and Python `exec` and `eval`, whatever their argument: code in a string, even a literal one, escapes every linter, type checker and this analyser. Python `compile()` on its own is not reported: it builds a code object and runs nothing, and the `exec`/`eval` that runs it is (so `exec(compile(src, path, "exec"))` is one finding). `ast.literal_eval` is safe and never reported.',
      whyIsThisBad:
        'Power of Ten rule 8 limits the preprocessor to what tools can still analyse. In JavaScript and Python the equivalent is code generated from strings: no tool, reviewer or test sees it before it runs, and any user data that reaches the string is code injection.',
      example: "const getter = new Function('obj', 'return obj.' + field);",
      useInstead: 'const getter = (obj) => obj[field];',
    },
  },
  check(facts) {
    const calls = facts.calls.filter((call) => call.kind === 'dynamic-code');
    const scopes = enclosingFunctions(facts.functions, calls);
    return calls
      .map((call, i) => ({
        messageId: 'dynamic',
        data: { callee: call.callee },
        line: call.line,
        column: call.column,
        // The callee, the function it is in and what it runs: a baseline entry accepts this call only.
        key: safetyKey(call.callee, scopes[i]!, call.argument),
      }));
  },
};

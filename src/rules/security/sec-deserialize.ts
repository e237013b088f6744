import { type FileRule } from '../types.js';
import { enclosingFunctions } from '../shared/enclosing.js';
import { safetyKey } from '../shared/safety-key.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/** SEC_DESERIALIZE: deserialisation formats that can run code. */
export const secDeserialize: FileRule = {
  scope: 'file',
  meta: {
    id: 'SEC_DESERIALIZE',
    family: 'security',
    defaultSeverity: 'critical',
    description: 'Unsafe deserialisation: `pickle.load(s)`, `yaml.load` without a safe loader, `marshal.loads`, `node-serialize`.',
    rationale: 'These formats can instantiate arbitrary objects or run code while loading; untrusted input becomes remote code execution (CWE-502).',
    languages: ALL_LANGUAGES,
    safety: true,
    presets: alwaysOn(),
    messages: {
      unsafe: '{{callee}} can run code while loading{{detail}}: use a data-only format or a safe loader.',
    },
    docs: {
      whatItDoes:
        'Reports `pickle.load`/`pickle.loads` (and `cPickle`, `dill`), `yaml.load` without `SafeLoader`/`CSafeLoader`, `marshal.load(s)` and `node-serialize` `unserialize`. ' +
        'A direct round trip, `pickle.loads(pickle.dumps(obj))`, is not reported: its bytes are made on the spot from an object in memory, never read from outside.',
      whyIsThisBad:
        'Pickle and friends rebuild arbitrary objects and call their constructors; a crafted payload runs code in the loading process. `yaml.load` with the full loader does the same through Python tags (CWE-502).',
      example: 'data = pickle.loads(request.body)\nconfig = yaml.load(text)',
      useInstead: 'data = json.loads(request.body)\nconfig = yaml.safe_load(text)',
    },
  },
  check(facts) {
    const calls = facts.calls.filter((call) => call.kind === 'deserialize');
    const scopes = enclosingFunctions(facts.functions, calls);
    return calls
      .map((call, i) => ({
        messageId: 'unsafe',
        data: { callee: call.callee, detail: call.detail ? ` (${call.detail})` : '' },
        line: call.line,
        column: call.column,
        // The callee, the function it is in and what it runs: a baseline entry accepts this call only.
        key: safetyKey(call.callee, scopes[i]!, call.argument),
      }));
  },
};

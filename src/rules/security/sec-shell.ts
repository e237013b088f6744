import { type FileRule } from '../types.js';
import { enclosingFunctions } from '../shared/enclosing.js';
import { safetyKey } from '../shared/safety-key.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/** SEC_SHELL: shell command built from data. */
export const secShell: FileRule = {
  scope: 'file',
  meta: {
    id: 'SEC_SHELL',
    family: 'security',
    defaultSeverity: 'critical',
    description: 'Shell execution with a non-literal command (`child_process.exec*`, `subprocess(..., shell=True)`, `os.system`).',
    rationale: 'A command line assembled from data lets that data run arbitrary commands (OS command injection, CWE-78).',
    languages: ALL_LANGUAGES,
    safety: true,
    presets: alwaysOn(),
    messages: {
      shell: '{{callee}} runs a shell command built at run time{{detail}}: pass an argument list without a shell.',
    },
    docs: {
      whatItDoes:
        'Reports `child_process.exec`/`execSync` (and `spawn`/`execFile` with `shell: true`), Python `subprocess.*(..., shell=True)`, `os.system` and `os.popen` when the command is not a plain string literal (in Python, a list or tuple of plain string literals is a literal command too).',
      whyIsThisBad:
        'The shell interprets `;`, `|`, `$()` and quotes inside the command. Any part of the command that comes from a user, a file or the network can run its own commands with the privileges of the process (CWE-78).',
      example: "exec(`convert ${upload} out.png`);\n\nsubprocess.run(f\"convert {upload} out.png\", shell=True)",
      useInstead: "execFile('convert', [upload, 'out.png']);\n\nsubprocess.run([\"convert\", upload, \"out.png\"])",
    },
  },
  check(facts) {
    const calls = facts.calls.filter((call) => call.kind === 'shell');
    const scopes = enclosingFunctions(facts.functions, calls);
    return calls
      .map((call, i) => ({
        messageId: 'shell',
        data: { callee: call.callee, detail: call.detail ? ` (${call.detail})` : '' },
        line: call.line,
        column: call.column,
        // The callee, the function it is in and what it runs: a baseline entry accepts this call only.
        key: safetyKey(call.callee, scopes[i]!, call.argument),
      }));
  },
};

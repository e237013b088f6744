import { presets, type FileRule } from '../types.js';
import { ALL_LANGUAGES } from '../shared/presets.js';

/** CON_TIMING: connascence of timing — sleeps and timeouts with literal delays. */
export const conTiming: FileRule = {
  scope: 'file',
  meta: {
    id: 'CON_TIMING',
    family: 'connascence',
    defaultSeverity: 'medium',
    description: 'Sleep or timeout with a literal delay in non-test code.',
    rationale: 'Code that waits a fixed time assumes how long something else takes; it is slow when the guess is high and flaky when it is low.',
    languages: ALL_LANGUAGES,
    judgesTests: false,
    presets: presets({ enabled: true, options: {} }, { lenient: { enabled: false } }),
    messages: {
      timing: '{{callee}} waits a fixed time ({{delay}}): the code depends on how long something else takes.',
    },
    docs: {
      whatItDoes:
        'Reports `setTimeout`, `setInterval`, `sleep`, `delay`, `time.sleep`, `asyncio.sleep` and similar calls whose delay is a literal (`500`, `5 * 1000`). ' +
        'Not reported: delays that only schedule — zero (`setTimeout(fn, 0)`, `time.sleep(0)`, `asyncio.sleep(0)` yield to other tasks or threads), JS delays up to 4 ms (browsers clamp nested timers to 4 ms: they defer to a later task) and the largest timer delay 2^31 - 1 ms, which means "never"; `setImmediate`, `queueMicrotask` and `process.nextTick` take no delay; ' +
        'delays that are named constants or variables (`sleep(RETRY_DELAY)`) are not literals and are left to CON_MEANING at their definition. ' +
        'Not reported either: a debounce — a JS timer whose handle is stored (`t = setTimeout(…)`, `const t = …`, `this.t = …`, `state.timeout = …`) under a name the same file passes to `clearTimeout`/`clearInterval`; and poll pacing — a sleep that is a statement directly in a `while`/`for` loop body (`time.sleep(0.1)`, `await asyncio.sleep(1)`, `await sleep(100)`, `await new Promise((r) => setTimeout(r, 100))`) rate-limits a loop rather than waiting for another actor. A sleep outside a loop is still reported. ' +
        'Nor a deadline: a `setTimeout` whose callback only gives up (`setTimeout(() => controller.abort(), 5000)`, `() => reject(new TimeoutError())`) sets a time limit rather than guessing how long something takes. ' +
        'Test files are skipped unless `includeTests` is set.',
      whyIsThisBad:
        'Connascence of timing: two parts of the program only work together when one of them finishes within the hard-coded delay. It works on the developer machine and fails under load.',
      example: 'await startServer();\nawait sleep(500);\nawait client.connect();',
      useInstead: 'await startServer();\nawait waitUntil(() => server.listening);\nawait client.connect();',
    },
  },
  check(facts) {
    return facts.calls
      .filter((call) => call.kind === 'timing' && call.pacing === undefined)
      .map((call) => ({
        messageId: 'timing',
        data: { callee: call.callee, delay: call.detail ?? 'literal delay' },
        line: call.line,
        column: call.column,
        key: call.callee,
      }));
  },
};

import type { BuildEvent } from '../container/build.js';
import { inertText, printable } from '../printable.js';
import { statusLine } from './progress.js';

const STEP = /^Step (\d+)\/(\d+) : (.*)/;
const SPINNER = ['|', '/', '-', '\\'];

/**
 * `image build` progress: when live, a spinner and the current step; otherwise the step lines and
 * errors as plain log lines (what CI logs want). Nothing when disabled (--json).
 */
export function buildProgress(options: { enabled: boolean; stream: NodeJS.WriteStream }): { onEvent: (event: BuildEvent) => void; done: () => void } {
  const line = statusLine(options);
  let tick = 0;
  let current = '';
  return {
    onEvent(event) {
      const step = STEP.exec((event.stream ?? '').trim());
      if (step) current = `Step ${step[1]}/${step[2]}: ${step[3]!.slice(0, 100)}`;
      const error = event.errorDetail?.message ?? event.error;
      if (error) line.log(inertText(error.trim()));
      else if (line.live) line.show(`${SPINNER[tick++ % SPINNER.length]} ${printable(current)}`);
      else if (step) line.log(printable(current));
    },
    done: () => line.done(),
  };
}

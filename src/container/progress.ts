import type { BuildEvent } from './build.js';

const STEP = /^Step (\d+)\/(\d+) : (.*)/;
const SPINNER = ['|', '/', '-', '\\'];

/**
 * Build progress: on a TTY, one updating line with a spinner and the current step; otherwise the
 * step lines and errors as plain log lines (what CI logs want). Nothing when disabled (--json).
 */
export function progressPrinter(options: { enabled: boolean; stream: NodeJS.WriteStream }): { onEvent: (event: BuildEvent) => void; done: () => void } {
  const { stream } = options;
  const tty = stream.isTTY === true && !process.env.CI;
  let tick = 0;
  let current = '';
  let shown = false;
  return {
    onEvent(event) {
      if (!options.enabled) return;
      const step = STEP.exec((event.stream ?? '').trim());
      if (step) current = `Step ${step[1]}/${step[2]}: ${step[3]!.slice(0, 100)}`;
      const error = event.errorDetail?.message ?? event.error;
      if (error) stream.write(`${tty ? '\r\x1b[2K' : ''}${error.trim()}\n`);
      else if (tty) {
        shown = true;
        stream.write(`\r\x1b[2K${SPINNER[tick++ % SPINNER.length]} ${current}`);
      } else if (step) stream.write(`${current}\n`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

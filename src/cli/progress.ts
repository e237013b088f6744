/**
 * Progress on standard error, one helper for every long command (`analyze`, `image build`): on an
 * interactive terminal outside CI, one line redrawn in place; otherwise nothing is redrawn, and only
 * the lines meant for a log are printed, so that CI logs stay plain.
 */
const CLEAR_LINE = '\r\x1b[2K';

export interface StatusLine {
  /** Whether the line is redrawn in place (an interactive terminal, not CI). */
  readonly live: boolean;
  /** Redraws the status (only when live). */
  show(text: string): void;
  /** A line for the log, above the status when live. */
  log(line: string): void;
  /** Clears the status, if one is shown. */
  done(): void;
}

export function statusLine(options: { enabled: boolean; stream?: NodeJS.WriteStream }): StatusLine {
  const stream = options.stream ?? process.stderr;
  const live = options.enabled && stream.isTTY === true && !process.env.CI;
  let shown = false;
  return {
    live,
    show(text) {
      if (!live) return;
      shown = true;
      stream.write(`${CLEAR_LINE}${text}`);
    },
    log(line) {
      if (!options.enabled) return;
      stream.write(`${live && shown ? CLEAR_LINE : ''}${line}\n`);
      shown = false;
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}

/** `Analysing 120/458 files (240 files/s)`, redrawn at most every 100 ms. */
export function analysisProgress(enabled: boolean): { update: (done: number, total: number) => void; done: () => void } {
  const line = statusLine({ enabled });
  const started = performance.now();
  let last = 0;
  return {
    update(done, total) {
      if (!line.live) return;
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      line.show(`Analysing ${done}/${total} files (${Math.round(done / Math.max((now - started) / 1000, 0.001))} files/s)`);
    },
    done: () => line.done(),
  };
}

/**
 * A one-line progress indicator on a terminal (stderr): shown only when the run has lasted `delayMs` (one second)
 * and the stream is a TTY, redrawn at most every `intervalMs`, erased by `done()` before any report is printed.
 *
 * Updates are driven by the caller (`update(done, total)`), not by a timer: the in-thread analysis keeps the event
 * loop busy, so a timer would never fire while it runs. TTY writes on stderr are synchronous, so the line appears
 * as soon as it is drawn.
 */
export interface Progress {
  update(done: number, total: number): void;
  /** Erases the line if it was drawn. Safe to call more than once. */
  done(): void;
}

export interface ProgressOptions {
  /** When false, the indicator does nothing (e.g. machine-readable output formats). Default true. */
  enabled?: boolean;
  delayMs?: number;
  intervalMs?: number;
  label?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

const NOOP: Progress = { update() {}, done() {} };

export function createProgress(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  if (options.enabled === false || !stream.isTTY) return NOOP;
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 1000;
  const intervalMs = options.intervalMs ?? 100;
  const label = options.label ?? 'analysing';
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  let finished = false;

  const update = (done: number, total: number): void => {
    if (finished) return;
    const t = now();
    if (t - started < delayMs) return;
    if (t - lastDraw < intervalMs && done < total) return;
    lastDraw = t;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    let line = `err-codemod: ${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files (${pct}%) ${((t - started) / 1000).toFixed(1)}s`;
    const width = stream.columns && stream.columns > 10 ? stream.columns - 1 : 0;
    if (width && line.length > width) line = line.slice(0, width);
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  };

  return {
    update,
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

// Progress display for long work: a redrawn bar on a terminal, occasional plain lines when piped or logged.
import { formatBytes } from './format';
import type { TextSink } from './output';

/** How a bar names amounts and rates: chunks for embedding, bytes for a model download. */
export interface ProgressUnits {
  /** e.g. `10/20 chunks` or `12.0 MB/40.0 MB`. */
  readonly amount: (done: number, total: number) => string;
  /** e.g. `4.0/s` or `3.1 MB/s`. */
  readonly rate: (perSecond: number) => string;
}

/** Counts of chunks (the default). */
export const CHUNK_UNITS: ProgressUnits = {
  amount: (done, total) => `${done}/${total} chunks`,
  rate: (perSecond) => `${perSecond.toFixed(1)}/s`,
};

/** Byte counts shown as sizes (model downloads). */
export const BYTE_UNITS: ProgressUnits = {
  amount: (done, total) => `${formatBytes(done)}/${formatBytes(total)}`,
  rate: (perSecond) => `${formatBytes(Math.round(perSecond))}/s`,
};

/** Something that shows progress of `done` out of `total` items. */
export interface ProgressReporter {
  update(done: number, total: number): void;
  /** Ends the display (the bar moves to a fresh line); safe to call more than once. */
  finish(): void;
}

/** Seconds as a short duration, e.g. 1m05s. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * The text of one bar frame, e.g. `embedding [#####-----]  50% 10/20 chunks  4.0/s  eta 3s`, fitted to `width`.
 * `rate` is items per second (0 when not yet known).
 */
export function renderBar(label: string, done: number, total: number, rate: number, width: number, units: ProgressUnits = CHUNK_UNITS): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
  const tail = ` ${percent} ${units.amount(done, total)}  ${units.rate(rate)}  eta ${eta}`;
  const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 4));
  const filled = Math.round(fraction * barWidth);
  const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`;
  return line.length > width - 1 ? line.slice(0, Math.max(0, width - 1)) : line;
}

/** A single-line bar redrawn in place (at most ~10 times a second) on a terminal stream. */
export class TtyProgressBar implements ProgressReporter {
  /** The first update seen: the rate is measured from there, so start-up time does not skew it. */
  private first: { t: number; done: number } | null = null;
  private lastDraw = 0;
  private drawn = false;
  private finished = false;

  constructor(
    private readonly sink: TextSink,
    private readonly label: string,
    private readonly now: () => number = Date.now,
    private readonly units: ProgressUnits = CHUNK_UNITS,
  ) {}

  update(done: number, total: number): void {
    if (this.finished) return;
    const t = this.now();
    this.first ??= { t, done };
    if (this.drawn && done < total && t - this.lastDraw < 100) return;
    this.lastDraw = t;
    this.drawn = true;
    const seconds = (t - this.first.t) / 1000;
    const rate = seconds > 0 ? (done - this.first.done) / seconds : 0;
    const width = this.sink.columns && this.sink.columns > 0 ? this.sink.columns : 80;
    this.sink.write(`\r\x1b[K${renderBar(this.label, done, total, rate, width, this.units)}`);
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.drawn) this.sink.write('\n');
  }
}

/** Plain progress lines for logs and pipes: one when work starts, then at most one every `intervalMs`, and at the end. */
export class LineProgress implements ProgressReporter {
  private lastLine = -Infinity;
  private lastDone = -1;

  constructor(
    private readonly sink: TextSink,
    private readonly label: string,
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
    private readonly units: ProgressUnits = CHUNK_UNITS,
  ) {}

  update(done: number, total: number): void {
    const t = this.now();
    if (done === this.lastDone) return;
    if (done < total && t - this.lastLine < this.intervalMs) return;
    this.lastLine = t;
    this.lastDone = done;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    this.sink.write(`${this.label}: ${this.units.amount(done, total)} (${percent}%)\n`);
  }

  finish(): void {}
}

/** A bar on a terminal, plain lines otherwise. */
export function createProgressReporter(sink: TextSink, label: string, units: ProgressUnits = CHUNK_UNITS): ProgressReporter {
  return sink.isTTY ? new TtyProgressBar(sink, label, Date.now, units) : new LineProgress(sink, label, 1000, Date.now, units);
}

/**
 * Progress of long work on stderr, as a bar redrawn in place. Only on a terminal: piped, or under
 * `--json`/`--csv` (where `run` marks stderr as not a terminal), nothing is written, so that
 * stderr holds only warnings and errors a script may read.
 */
import type { SuiteProgress } from '../../src/predict/predictSuite.js';
import type { CliIO } from './io.js';

/** Erases the line a bar was drawn on (the carriage return, then ANSI "erase to end of line"). */
export const CLEAR_LINE = '\r\x1b[K';

/**
 * A bar for `label` that `update(done, total, detail?)` redraws at most ten times a second, ending the
 * line when `done` reaches `total`. Work that ends within `delayMs` shows nothing: a bar is for
 * waits, not for every command. `format` turns the counts into text (e.g. megabytes).
 *
 * @example const p = progressBar(io, 'evaluating ladders'); p(3, 12); // after a second: "evaluating ladders [######..................] 3/12"
 */
export function progressBar(
  io: CliIO,
  label: string,
  format: (done: number, total: number) => string = (d, t) => `${d}/${t}`,
  minTotal = 0,
  delayMs = 1000,
): (done: number, total: number, detail?: string) => void {
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  let finished = false;
  return (done, total, detail) => {
    if (!io.stderrIsTTY || total <= minTotal || finished) return;
    const now = Date.now();
    finished = done >= total;
    if (finished ? !drawn : now - started < delayMs || now - lastDraw < 100) return;
    lastDraw = now;
    drawn = true;
    const width = 24;
    const filled = Math.max(0, Math.min(width, Math.round((width * done) / total)));
    const more = detail === undefined || finished ? '' : ` · ${detail}`;
    io.stderr(`${CLEAR_LINE}${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${format(done, total)}${more}${finished ? '\n' : ''}`);
  };
}

/** Progress of a count of tasks (ladders, benchmarks, charts). */
export function taskProgress(io: CliIO, label: string): (done: number, total: number) => void {
  return progressBar(io, label);
}

/** Progress of reading a file, in megabytes; files under 32 MB read in well under a second. */
export function progressReporter(io: CliIO, label: string): (done: number, total: number) => void {
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  return progressBar(io, label, (d, t) => `${mb(d)} of ${mb(t)} MB`, 32 << 20);
}

/**
 * Progress of a prediction or backtest suite: benchmarks done, the one that runs and, during COD's
 * long steps, that step's count.
 *
 * @example "predicting [######..................] 3/12 · gsm8k cod: interval 120/200"
 */
export function suiteProgress(io: CliIO, label: string): (p: SuiteProgress) => void {
  const bar = progressBar(io, label);
  return (p) => {
    const now = p.benchmark === undefined ? undefined : `${p.benchmark} ${p.method ?? ''}${p.step === undefined ? '' : `: ${p.step.name}${p.step.total > 1 ? ` ${p.step.done}/${p.step.total}` : ''}`}`;
    bar(p.done, p.total, now);
  };
}

/**
 * Progress of long work on stderr, as a bar redrawn in place. Only on a terminal: piped, or under
 * `--json`/`--csv` (where `run` marks stderr as not a terminal), nothing is written, so that
 * stderr holds only warnings and errors a script may read.
 */
import type { CliIO } from './io.js';

/** Erases the line a bar was drawn on (the carriage return, then ANSI "erase to end of line"). */
export const CLEAR_LINE = '\r\x1b[K';

/**
 * A bar for `label` that `update(done, total)` redraws at most ten times a second, ending the line
 * when `done` reaches `total`. `format` turns the counts into text (e.g. megabytes).
 *
 * @example const p = progressBar(io, 'evaluating ladders'); p(3, 12); // "evaluating ladders [######..................] 3/12"
 */
export function progressBar(
  io: CliIO,
  label: string,
  format: (done: number, total: number) => string = (d, t) => `${d}/${t}`,
  minTotal = 0,
): (done: number, total: number) => void {
  let lastDraw = 0;
  let finished = false;
  return (done, total) => {
    if (!io.stderrIsTTY || total <= minTotal || finished) return;
    const now = Date.now();
    if (now - lastDraw < 100 && done < total) return;
    lastDraw = now;
    const width = 24;
    const filled = Math.max(0, Math.min(width, Math.round((width * done) / total)));
    finished = done >= total;
    io.stderr(`${CLEAR_LINE}${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${format(done, total)}${finished ? '\n' : ''}`);
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

/**
 * The command line's contact with the outside world, injectable so that tests can run commands
 * in-process and read what they print.
 */

/** Where a command writes. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress lines are redrawn in place there). */
  stderrIsTTY: boolean;
}

/** The real process streams. */
export const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

export { writeFilesAtomically, type OutputFile } from '../../src/io/outputFiles.js';

/** Reports progress of long work on stderr: redrawn in place on a terminal, else a line per quarter. */
export function progressReporter(io: CliIO, label: string): (done: number, total: number) => void {
  let lastQuarter = -1;
  let lastDraw = 0;
  return (done, total) => {
    if (total < 32 << 20) return; // small inputs read in well under a second
    const pct = Math.floor((100 * done) / total);
    if (io.stderrIsTTY) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      io.stderr(`\r${label}: ${pct}% (${(done / 2 ** 20).toFixed(0)} of ${(total / 2 ** 20).toFixed(0)} MB)${done >= total ? '\n' : ''}`);
    } else {
      const q = Math.floor(pct / 25);
      if (q === lastQuarter) return;
      lastQuarter = q;
      io.stderr(`${label}: ${pct}% (${(done / 2 ** 20).toFixed(0)} of ${(total / 2 ** 20).toFixed(0)} MB)\n`);
    }
  };
}

/**
 * Progress of a count of tasks on stderr: a bar redrawn in place on a terminal, else a line at each
 * quarter.
 *
 * @example const p = taskProgress(io, 'evaluating ladders'); p(3, 12); // "evaluating ladders [#####...............] 3/12"
 */
export function taskProgress(io: CliIO, label: string): (done: number, total: number) => void {
  let lastQuarter = -1;
  return (done, total) => {
    if (io.stderrIsTTY) {
      const width = 24;
      const filled = Math.round((width * done) / total);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done >= total ? '\n' : ''}`);
      return;
    }
    const q = Math.floor((4 * done) / total);
    if (q === lastQuarter) return;
    lastQuarter = q;
    io.stderr(`${label}: ${done}/${total}\n`);
  };
}

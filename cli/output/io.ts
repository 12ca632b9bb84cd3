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

export { progressBar, taskProgress, progressReporter, suiteProgress } from './progress.js';

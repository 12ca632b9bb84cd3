/**
 * How the command line reports failure: bad input, bad usage and outputs that cannot be written
 * print one clear line and exit 2;
 * anything else is a bug in scalecast, reported as such (exit 1), with the stack only when
 * SCALECAST_DEBUG is set.
 */
import { isUserError, UsageError, OutputError, fileSystemReason } from '../../src/core/userError.js';
import type { CliIO } from './io.js';
import { CLEAR_LINE } from './progress.js';

export { UsageError, OutputError, fileSystemReason };

/** Exit codes. */
export const EXIT = { ok: 0, bug: 1, badInput: 2 } as const;

/**
 * Prints `e` for the user and returns the exit code: every {@link UserError} (usage, input, output,
 * degenerate data) is one line and exit 2; anything else is a bug. With `json`, the error also goes
 * to stdout as JSON.
 */
export function reportFailure(e: unknown, io: CliIO, json: boolean): number {
  // A progress bar may be half drawn on a terminal: the message starts on a clean line.
  if (io.stderrIsTTY) io.stderr(CLEAR_LINE);
  if (isUserError(e)) {
    // One line, whatever a message quotes (a parser's message may copy the input's line breaks).
    io.stderr(`scalecast: error: ${e.describe().replace(/\s*\n\s*/g, ' ')}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: e.toJSON() }, null, 2)}\n`);
    return EXIT.badInput;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(`scalecast: internal error: ${err.message}\n`);
  if (process.env.SCALECAST_DEBUG) io.stderr(`${err.stack}\n`);
  else io.stderr('This is a bug in scalecast. Run again with SCALECAST_DEBUG=1 to see where it happened.\n');
  return EXIT.bug;
}

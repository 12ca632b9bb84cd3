/**
 * How the command line reports failure: bad input, bad usage and outputs that cannot be written
 * print one clear line and exit 2;
 * anything else is a bug in scalecast, reported as such (exit 1), with the stack only when
 * SCALECAST_DEBUG is set.
 */
import { isInputError } from '../../src/io/inputError.js';
import { ChartFontError } from '../../src/charts/renderChart.js';
import { DensityInputError } from '../../src/density/densityError.js';
import { FitDataError } from '../../src/fit/fitError.js';
import type { CliIO } from './io.js';

/** A command-line mistake (a missing flag, two flags that exclude each other). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An output that cannot be written (the output folder is a file, permission denied, disk full):
 * the user's to fix, like bad input.
 */
export class OutputError extends Error {
  /**
   * @param path what could not be written
   * @param cause the file-system error
   */
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write ${path}: ${fileSystemReason(cause)}`);
    this.name = 'OutputError';
  }
}

/** A short reason for a file-system error, e.g. "permission denied". */
export function fileSystemReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file is in the way where a folder is needed';
    case 'EISDIR':
      return 'a folder is in the way where a file is needed';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'no such folder';
    default:
      return err instanceof Error ? err.message : String(e);
  }
}

/** Exit codes. */
export const EXIT = { ok: 0, bug: 1, badInput: 2 } as const;

/** Prints `e` for the user and returns the exit code. With `json`, the error also goes to stdout as JSON. */
export function reportFailure(e: unknown, io: CliIO, json: boolean): number {
  if (isInputError(e)) {
    io.stderr(`scalecast: error: ${e.describe()}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: e.toJSON() }, null, 2)}\n`);
    return EXIT.badInput;
  }
  if (e instanceof FitDataError || e instanceof DensityInputError || e instanceof ChartFontError) {
    io.stderr(`scalecast: error: ${e.message}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: { code: 'code' in e ? e.code : 'no-font', message: e.message } }, null, 2)}\n`);
    return EXIT.badInput;
  }
  if (e instanceof OutputError) {
    io.stderr(`scalecast: error: ${e.message}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: { code: 'unwritable', file: e.path, message: e.message } }, null, 2)}\n`);
    return EXIT.badInput;
  }
  if (e instanceof UsageError) {
    io.stderr(`scalecast: error: ${e.message}\n(see --help)\n`);
    if (json) io.stdout(`${JSON.stringify({ error: { code: 'usage', message: e.message } }, null, 2)}\n`);
    return EXIT.badInput;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(`scalecast: internal error: ${err.message}\n`);
  if (process.env.SCALECAST_DEBUG) io.stderr(`${err.stack}\n`);
  else io.stderr('This is a bug in scalecast. Run again with SCALECAST_DEBUG=1 to see where it happened.\n');
  return EXIT.bug;
}

/**
 * The command line's contact with the outside world, injectable so that tests can run commands
 * in-process and read what they print.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OutputError } from './failure.js';

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

/** A file to write: a path relative to the output folder and its content. */
export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}

/**
 * Writes a set of files so that they appear whole or not at all: every file is first written to a
 * temporary name in its folder, then all are renamed into place. If any write fails, the
 * temporary files are removed and the existing files are left as they were.
 *
 * @throws OutputError naming the path that could not be written and why
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new OutputError(join(dir, f.name), new Error('two outputs have this name'));
    names.add(f.name);
  }
  const tag = `.tmp-${process.pid}-${Date.now()}`;
  const staged: { tmp: string; final: string }[] = [];
  let at = dir;
  try {
    for (const f of files) {
      const final = join(dir, f.name);
      at = dirname(final);
      mkdirSync(at, { recursive: true });
      const tmp = final + tag;
      at = final;
      writeFileSync(tmp, f.content);
      staged.push({ tmp, final });
    }
    for (const s of staged) {
      at = s.final;
      renameSync(s.tmp, s.final);
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw new OutputError(at, e);
  }
  return staged.map((s) => s.final);
}

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

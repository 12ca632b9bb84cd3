/** Progress bars: only on a terminal, only for waits longer than a second, redrawn in place. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLEAR_LINE, progressBar, suiteProgress } from '../../cli/output/progress.js';
import type { CliIO } from '../../cli/output/io.js';

function terminal(isTTY = true): CliIO & { err: string } {
  const io = { err: '', stdout: () => {}, stderr: (t: string) => void (io.err += t), stderrIsTTY: isTTY };
  return io;
}

describe('progress bars', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('shows nothing for work that ends within a second', () => {
    const io = terminal();
    const bar = progressBar(io, 'work');
    bar(1, 4);
    vi.setSystemTime(900);
    bar(4, 4);
    expect(io.err).toBe('');
  });

  it('draws after a second, at most ten times a second, and ends the line when done', () => {
    const io = terminal();
    const bar = progressBar(io, 'work');
    vi.setSystemTime(1000);
    bar(1, 4, 'a');
    vi.setSystemTime(1050);
    bar(2, 4, 'b'); // within 100 ms of the last draw: skipped
    vi.setSystemTime(1200);
    bar(3, 4, 'c');
    bar(4, 4);
    bar(4, 4); // after the end: nothing
    expect(io.err).toBe(`${CLEAR_LINE}work [######..................] 1/4 · a${CLEAR_LINE}work [##################......] 3/4 · c${CLEAR_LINE}work [########################] 4/4\n`);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const io = terminal(false);
    const bar = progressBar(io, 'work');
    vi.setSystemTime(5000);
    bar(1, 2);
    bar(2, 2);
    expect(io.err).toBe('');
  });

  it('names the benchmark, the method and COD step of a suite', () => {
    const io = terminal();
    const p = suiteProgress(io, 'predicting');
    vi.setSystemTime(2000);
    p({ done: 1, total: 3, benchmark: 'gsm8k', method: 'cod', step: { name: 'interval', done: 120, total: 200 } });
    expect(io.err).toBe(`${CLEAR_LINE}predicting [########................] 1/3 · gsm8k cod: interval 120/200`);
  });
});

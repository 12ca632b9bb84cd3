/**
 * Property test of the whole command line: every command driven in-process (`run` of
 * cli/program.ts) with random subsets and orders of its real options, random values (valid, out of
 * range, malformed, empty, huge) and random corruptions of tiny inputs. For every run:
 *
 * - the exit code is 0 or 2: never 1 (an internal error) and never an exception escaping `run`;
 * - a code-2 run writes exactly one line to stderr, starting "scalecast: error: ";
 * - nothing is written outside the run's fresh temp folder (all outputs point there).
 *
 * Seeds are fixed, so every run is reproducible; the last test checks that at least 10,000 runs
 * were made. Cases hitting a reported bug are listed in KNOWN_BUGS (commandProperties.support.ts).
 * Generators: commandProperties.commands.ts; inputs and corruptions: commandProperties.fixtures.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulationConfig } from '../../src/app/simulate.js';
import { simulateLadder } from '../../src/simulate/simulateLadder.js';
import { simulationFiles } from '../../src/simulate/writeSimulation.js';
import * as C from './commandProperties.commands.js';
import { check, counts, enterTempRoot, filesWritten, knownHits, leaveTempRoot, settings, total, type Case } from './commandProperties.support.js';

// Every file the commands write goes through writeFilesAtomically: record where, then write.
vi.mock('../../src/io/outputFiles.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/io/outputFiles.js')>();
  return {
    ...real,
    writeFilesAtomically: (dir: string, files: readonly { name: string; content: string | Uint8Array }[]) => {
      const g = globalThis as unknown as { __scalecastWrites?: { dir: string; names: string[] }[] };
      (g.__scalecastWrites ??= []).push({ dir, names: files.map((f) => f.name) });
      return real.writeFilesAtomically(dir, files);
    },
  };
});

/** The runs of every property: 11,804 in all. */
const RUNS = {
  'free-form': 3000,
  inspect: 2500,
  fit: 1500,
  density: 1000,
  predict: 1000,
  cluster: 700,
  backtest: 500,
  simulate: 400,
  'plot density': 200,
  'plot chinchilla': 150,
  'plot scaling': 100,
  'plot clusters': 100,
  'plot mapping': 100,
  'plot backtest': 100,
  report: 80,
  evaluate: 50,
  monitor: 300,
  main: 24,
} as const;

const TIMEOUT = 120_000;

async function property(index: number, arb: fc.Arbitrary<Case>, numRuns: number): Promise<void> {
  await fc.assert(fc.asyncProperty(arb, check), settings<[Case]>(index, numRuns));
}

let sim: Record<string, string> = {};

beforeAll(() => {
  enterTempRoot();
  const s = simulateLadder(simulationConfig({ seed: 3, items: 10 }));
  sim = Object.fromEntries(simulationFiles(s).map((f) => [f.name, f.content]));
});
afterAll(() => leaveTempRoot());

describe('every command exits 0 or 2, with one error line on 2, and writes only into its temp folder', () => {
  it('free-form command lines of random tokens', () => property(1, C.freeFormCases(), RUNS['free-form']), TIMEOUT);
  it('inspect', () => property(2, C.inspectCases(), RUNS.inspect), TIMEOUT);
  it('fit', () => property(3, C.fitCases(), RUNS.fit), TIMEOUT);
  it('density', () => property(4, C.densityCases(), RUNS.density), TIMEOUT);
  it('cluster', () => property(5, C.clusterCases(), RUNS.cluster), TIMEOUT);
  it('predict', () => property(6, C.predictCases(), RUNS.predict), TIMEOUT);
  it('backtest', () => property(7, C.backtestCases(), RUNS.backtest), TIMEOUT);
  it('simulate', () => property(8, C.simulateCases(), RUNS.simulate), TIMEOUT);
  it('plot chinchilla', () => property(9, C.plotChinchillaCases(), RUNS['plot chinchilla']), TIMEOUT);
  it('plot density', () => property(10, C.plotDensityCases(), RUNS['plot density']), TIMEOUT);
  for (const [i, kind] of (['scaling', 'clusters', 'mapping'] as const).entries()) {
    it(`plot ${kind}`, () => property(11 + i, C.plotLadderCases(kind), RUNS[`plot ${kind}`]), TIMEOUT);
  }
  it('plot backtest', () => property(14, C.plotBacktestCases(), RUNS['plot backtest']), TIMEOUT);
  it('report', () => property(15, C.reportCases(), RUNS.report), TIMEOUT);
  it('evaluate (a tiny custom corpus)', () => property(16, C.evaluateCases(), RUNS.evaluate), TIMEOUT);
  it('monitor', () => property(18, C.monitorCases(), RUNS.monitor), TIMEOUT);
  it('main (a simulated folder of 10 items per benchmark)', () => property(17, C.mainCases(sim), RUNS.main), TIMEOUT);

  it('made at least 10,000 runs in all', () => {
    const perCommand = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
    console.log(`command-line property runs: ${total()} ${JSON.stringify(perCommand)}; files written: ${filesWritten}; known bugs hit: ${JSON.stringify(Object.fromEntries(knownHits))}`);
    expect(total()).toBeGreaterThanOrEqual(10_000);
    // The write check saw the files the runs wrote (the mock of writeFilesAtomically is in place).
    expect(filesWritten).toBeGreaterThan(100);
  });
});

/**
 * The `simulate` job: a synthetic model ladder with known ground truth, written whole or not at
 * all, never over a user's data (files with other contents are replaced only with `force`).
 */
import { UsageError } from '../core/userError.js';
import { checkOutputs, writeFilesAtomically } from '../io/outputFiles.js';
import { DEFAULT_SIMULATION, simulateLadder, type SimulatedLadder, type SimulationConfig } from '../simulate/simulateLadder.js';
import { simulationFiles } from '../simulate/writeSimulation.js';

/** The most items per benchmark `simulate` writes (1.2M score rows with the default ladder). */
export const MAX_ITEMS = 100_000;

/** What `simulate` is asked. */
export interface SimulateRequest {
  /** The folder to write into (created if needed). */
  out: string;
  /** @default DEFAULT_SIMULATION.seed */
  seed?: number;
  /** Items per benchmark, 10 to {@link MAX_ITEMS}. */
  items?: number;
  /** Replace data files with other contents. */
  force?: boolean;
}

/** What `simulate` gives: the simulation and the files written. */
export interface SimulateResult {
  sim: SimulatedLadder;
  out: string;
  files: { name: string; bytes: number }[];
}

/** The simulation config of the request. */
export function simulationConfig(request: Omit<SimulateRequest, 'out'>): Partial<SimulationConfig> {
  const config: Partial<SimulationConfig> = { seed: request.seed ?? DEFAULT_SIMULATION.seed };
  if (request.items !== undefined) {
    if (!(Number.isInteger(request.items) && request.items >= 10 && request.items <= MAX_ITEMS)) throw new UsageError(`--items must be a whole number from 10 to ${MAX_ITEMS}`);
    config.benchmarks = DEFAULT_SIMULATION.benchmarks.map((b) => ({ ...b, items: request.items! }));
  }
  return config;
}

/** Simulates the ladder and writes its files. */
export function simulateJob(request: SimulateRequest): SimulateResult {
  checkOutputs(request.out, [], {});
  const sim = simulateLadder(simulationConfig(request));
  const files = simulationFiles(sim);
  checkOutputs(request.out, files, { force: request.force === true });
  writeFilesAtomically(request.out, files);
  return { sim, out: request.out, files: files.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.content) })) };
}

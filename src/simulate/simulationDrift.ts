/**
 * Comparing a folder with the files a simulation would write, to tell whether a copy of the
 * synthetic data (such as the embedded default under `datasets/synthetic/`) is what the simulator
 * makes today.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationFile } from './writeSimulation.js';

/** How a folder differs from a simulation's files. */
export interface SimulationDrift {
  /** Files the folder lacks. */
  missing: string[];
  /** Files the folder has with other content. */
  different: string[];
}

/**
 * Which of `files` are missing from `dir` or differ from it byte for byte. A file that cannot be read
 * counts as missing.
 *
 * @example simulationDrift('datasets/synthetic', simulationFiles(simulateLadder())) // => { missing: [], different: [] }
 */
export function simulationDrift(dir: string, files: readonly SimulationFile[]): SimulationDrift {
  const out: SimulationDrift = { missing: [], different: [] };
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(join(dir, f.name), 'utf8');
    } catch {
      out.missing.push(f.name);
      continue;
    }
    if (text !== f.content) out.different.push(f.name);
  }
  return out;
}

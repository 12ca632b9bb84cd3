/** Text output of `simulate` (and of the main job): the simulator's truth. */
import { formatQuantity } from '../../src/io/quantity.js';
import { compareText } from '../../src/io/textOrder.js';
import type { SimulatedLadder } from '../../src/simulate/simulateLadder.js';
import { fixed, formatTable, sci } from './textTable.js';

/** The truth's expected accuracy of every model on every benchmark, benchmarks in alphabetical order (as `inspect` lists them). */
export function renderTruth(sim: SimulatedLadder): string {
  const benches = sim.config.benchmarks.map((b) => b.name).sort(compareText);
  const acc = new Map(sim.expected.map((e) => [`${e.model}\u0000${e.benchmark}`, e.accuracy] as const));
  const table = formatTable(
    [{ header: 'model' }, { header: 'role' }, { header: 'params', right: true }, { header: 'compute (FLOPs)', right: true }, ...benches.map((b) => ({ header: b, right: true }))],
    sim.models.map((m) => [m.model, m.role, formatQuantity(m.params), sci(m.compute), ...benches.map((b) => fixed(acc.get(`${m.model}\u0000${b}`)))]),
  );
  return `True expected accuracy (mean over all items of each item's pass-rate law)\n${table}\n`;
}

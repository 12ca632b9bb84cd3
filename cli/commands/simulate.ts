/**
 * `scalecast simulate`: writes a synthetic model ladder with known ground truth.
 */
import type { Command } from 'commander';
import { DEFAULT_SIMULATION, simulateLadder, type SimulatedLadder, type SimulationConfig } from '../../src/data/simulateLadder.js';
import { simulationFiles } from '../../src/data/writeSimulation.js';
import { formatQuantity } from '../../src/data/quantity.js';
import { UsageError } from '../output/failure.js';
import { writeFilesAtomically, type CliIO } from '../output/io.js';
import { fixed, formatTable, sci } from '../output/textTable.js';

interface SimulateFlags {
  out: string;
  seed: string;
  items?: string;
  json?: boolean;
}

/** Parses an integer flag or throws a usage error naming it. */
export function intFlag(value: string, name: string, min: number): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, not "${value}"`);
  return v;
}

/** The simulation config the flags ask for. */
export function simulationConfigFrom(flags: { seed: string; items?: string }): Partial<SimulationConfig> {
  const config: Partial<SimulationConfig> = { seed: intFlag(flags.seed, '--seed', 0) };
  if (flags.items !== undefined) {
    const n = intFlag(flags.items, '--items', 10);
    config.benchmarks = DEFAULT_SIMULATION.benchmarks.map((b) => ({ ...b, items: n }));
  }
  return config;
}

/** Registers the command. */
export function registerSimulate(program: Command, io: CliIO): void {
  program
    .command('simulate')
    .description('write a synthetic model ladder with known ground truth (models.csv, scores.csv, heldout.csv, items.csv, truth.json)')
    .requiredOption('-o, --out <dir>', 'folder to write into (created if needed)')
    .option('--seed <n>', 'random seed; the same seed gives byte-identical files', String(DEFAULT_SIMULATION.seed))
    .option('--items <n>', `items per benchmark (default ${DEFAULT_SIMULATION.benchmarks[0]!.items})`)
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
The ladder is ${DEFAULT_SIMULATION.ladderParams.length} models of one family (${DEFAULT_SIMULATION.ladderParams.map((p) => formatQuantity(p)).join(', ')}) at ${DEFAULT_SIMULATION.tokensPerParam} tokens per parameter,
the held-out target is ${formatQuantity(DEFAULT_SIMULATION.targetParams)}, and an anchor model of another family is scored too.
Items follow known laws: clusters that scale smoothly (the COD law), items that emerge late,
items nobody solves, and noisy items; pass rates are sampled from k trials.

Examples:
  $ scalecast simulate --out ladder/
  $ scalecast simulate --out ladder/ --seed 7 --items 5000 --json`,
    )
    .action((flags: SimulateFlags) => {
      const sim = simulateLadder(simulationConfigFrom(flags));
      const files = simulationFiles(sim);
      writeFilesAtomically(flags.out, files);
      const written = files.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.content) }));
      if (flags.json) {
        io.stdout(`${JSON.stringify({ out: flags.out, seed: sim.config.seed, files: written, expected: sim.expected }, null, 2)}\n`);
        return;
      }
      io.stdout(`Wrote ${written.length} files to ${flags.out} (seed ${sim.config.seed}):\n`);
      io.stdout(`${formatTable([{ header: 'file' }, { header: 'bytes', right: true }], written.map((w) => [w.name, String(w.bytes)]))}\n\n`);
      io.stdout(renderTruth(sim));
    });
}

/** The truth's expected accuracy of every model on every benchmark. */
export function renderTruth(sim: SimulatedLadder): string {
  const benches = sim.config.benchmarks.map((b) => b.name);
  const acc = new Map(sim.expected.map((e) => [`${e.model}\u0000${e.benchmark}`, e.accuracy] as const));
  const table = formatTable(
    [{ header: 'model' }, { header: 'role' }, { header: 'params', right: true }, { header: 'compute (FLOPs)', right: true }, ...benches.map((b) => ({ header: b, right: true }))],
    sim.models.map((m) => [m.model, m.role, formatQuantity(m.params), sci(m.compute), ...benches.map((b) => fixed(acc.get(`${m.model}\u0000${b}`)))]),
  );
  return `True expected accuracy (mean over all items of each item's pass-rate law)\n${table}\n`;
}

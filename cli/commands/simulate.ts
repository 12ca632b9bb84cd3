/**
 * `scalecast simulate`: writes a synthetic model ladder with known ground truth.
 */
import type { Command } from 'commander';
import { DEFAULT_SIMULATION, simulateLadder, type SimulatedLadder, type SimulationConfig } from '../../src/simulate/simulateLadder.js';
import { simulationFiles } from '../../src/simulate/writeSimulation.js';
import { formatQuantity } from '../../src/io/quantity.js';
import { compareText } from '../../src/io/textOrder.js';
import { writeFilesAtomically, type CliIO } from '../output/io.js';
import { fixed, formatTable, sci } from '../output/textTable.js';
import { intFlag } from './inputOptions.js';

interface SimulateFlags {
  out: string;
  seed: string;
  items?: string;
  json?: boolean;
}

/** The largest seed: seeds are 32-bit. */
export const MAX_SEED = 2 ** 32 - 1;
/** The most items per benchmark `simulate` writes (1.2M score rows with the default ladder). */
export const MAX_ITEMS = 100_000;

/** The simulation config the flags ask for. @throws UsageError for a bad --seed or --items */
export function simulationConfigFrom(flags: { seed: string; items?: string }): Partial<SimulationConfig> {
  const config: Partial<SimulationConfig> = { seed: intFlag(flags.seed, '--seed', 0, MAX_SEED) };
  if (flags.items !== undefined) {
    const n = intFlag(flags.items, '--items', 10, MAX_ITEMS);
    config.benchmarks = DEFAULT_SIMULATION.benchmarks.map((b) => ({ ...b, items: n }));
  }
  return config;
}

/** Registers the command. */
export function registerSimulate(program: Command, io: CliIO): void {
  program
    .command('simulate')
    .description('write a synthetic model ladder with known ground truth (models.csv, scores.csv, heldout.truth.csv, items.truth.csv, truth.json)')
    .requiredOption('-o, --out <dir>', 'folder to write into (created if needed)')
    .option('--seed <n>', `random seed from 0 to ${MAX_SEED}; the same seed gives byte-identical files`, String(DEFAULT_SIMULATION.seed))
    .option('--items <n>', `items per benchmark, 10 to ${MAX_ITEMS} (default ${DEFAULT_SIMULATION.benchmarks[0]!.items})`)
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
The ladder is ${DEFAULT_SIMULATION.ladderParams.length} models of one family (${DEFAULT_SIMULATION.ladderParams.map((p) => formatQuantity(p)).join(', ')}) at ${DEFAULT_SIMULATION.tokensPerParam} tokens per parameter,
the held-out target is ${formatQuantity(DEFAULT_SIMULATION.targetParams)}, and an anchor model of another family is scored too.
Items follow known laws: clusters that scale smoothly (the COD law), items that emerge late,
items nobody solves, and noisy items; pass rates are sampled from k trials.
models.csv and scores.csv are what a user would give scalecast; the *.truth.* files and
truth.json are what a predictor must not see (inspect on the folder leaves them out).

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

/**
 * `scalecast simulate`: flags → request → job (src/app/simulate.ts) → what was written.
 */
import type { Command } from 'commander';
import { MAX_ITEMS } from '../../src/app/simulate.js';
import { formatQuantity } from '../../src/io/quantity.js';
import { DEFAULT_SIMULATION } from '../../src/simulate/simulateLadder.js';
import { MAX_SEED, wholeNumber } from '../options.js';
import type { CliIO } from '../output/io.js';
import { formatTable } from '../output/textTable.js';

interface SimulateFlags {
  out: string;
  seed: number;
  items?: number;
  force?: boolean;
  json?: boolean;
}

/** Registers the command. */
export function registerSimulate(program: Command, io: CliIO): void {
  program
    .command('simulate')
    .description('write a synthetic model ladder with known ground truth (models.csv, scores.csv, heldout.truth.csv, items.truth.csv, truth.json)')
    .requiredOption('-o, --out <dir>', 'folder to write into (created if needed)')
    .option('--seed <n>', `random seed from 0 to ${MAX_SEED}; the same seed gives byte-identical files`, wholeNumber(0, MAX_SEED), DEFAULT_SIMULATION.seed)
    .option('--items <n>', `items per benchmark, 10 to ${MAX_ITEMS} (default ${DEFAULT_SIMULATION.benchmarks[0]!.items})`, wholeNumber(10, MAX_ITEMS))
    .option('--force', 'replace data files in --out whose contents differ (by default they are left alone and the command stops)')
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
Files already in --out with other contents are not replaced without --force.

Examples:
  $ scalecast simulate --out ladder/
  $ scalecast simulate --out ladder7/ --seed 7 --items 5000 --json`,
    )
    .action(async (flags: SimulateFlags) => {
      const { simulateJob } = await import('../../src/app/simulate.js');
      const r = simulateJob({ out: flags.out, seed: flags.seed, ...(flags.items === undefined ? {} : { items: flags.items }), force: flags.force === true });
      if (flags.json) {
        io.stdout(`${JSON.stringify({ out: r.out, seed: r.sim.config.seed, files: r.files, expected: r.sim.expected }, null, 2)}\n`);
        return;
      }
      const { renderTruth } = await import('../output/renderTruth.js');
      io.stdout(`Wrote ${r.files.length} files to ${r.out} (seed ${r.sim.config.seed}):\n`);
      io.stdout(`${formatTable([{ header: 'file' }, { header: 'bytes', right: true }], r.files.map((w) => [w.name, String(w.bytes)]))}\n\n`);
      io.stdout(renderTruth(r.sim));
    });
}

/**
 * `scalecast main` (what `npm start` runs): the main job on the embedded default data.
 *
 * For now (until the prediction pipeline lands) it regenerates the synthetic ladder with the default
 * seed, checks that it matches the copy embedded under `datasets/synthetic/` byte for byte (writing it
 * when missing), and inspects it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadDataset } from '../../src/data/loadDataset.js';
import { simulateLadder } from '../../src/data/simulateLadder.js';
import { summarizeDataset } from '../../src/data/summarizeDataset.js';
import { simulationFiles } from '../../src/data/writeSimulation.js';
import { writeFilesAtomically, type CliIO } from '../output/io.js';
import { projectRoot } from '../projectRoot.js';
import { renderSummary } from './inspect.js';
import { renderTruth } from './simulate.js';

/** Registers the command. */
export function registerMain(program: Command, io: CliIO): void {
  program
    .command('main')
    .description('run the main job on the embedded default data (what npm start runs)')
    .option('--data <dir>', 'folder of the default data', undefined)
    .option('--json', 'print the dataset summary as JSON')
    .addHelpText('after', '\nExample:\n  $ scalecast main          # same as npm start')
    .action((flags: { data?: string; json?: boolean }) => {
      const dir = flags.data ?? join(projectRoot(), 'datasets', 'synthetic');
      const sim = simulateLadder();
      const files = simulationFiles(sim);
      const stale = files.filter((f) => !existsSync(join(dir, f.name)) || readFileSync(join(dir, f.name), 'utf8') !== f.content);
      if (stale.length > 0) {
        writeFilesAtomically(dir, files);
        io.stderr(`scalecast: wrote the default synthetic ladder to ${dir} (${stale.map((f) => f.name).join(', ')} were missing or different)\n`);
      } else {
        io.stderr(`scalecast: ${dir} matches the simulator's output for seed ${sim.config.seed} byte for byte\n`);
      }
      const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });
      const summary = summarizeDataset(data);
      if (flags.json) {
        io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      io.stdout(`Embedded default data: ${dir}\n\n`);
      io.stdout(renderSummary(summary));
      io.stdout(`\n${renderTruth(sim)}`);
      io.stdout('\nThe target row has no scores: predicting it is the job of `scalecast predict` (coming next).\n');
    });
}

/**
 * `scalecast main` (what `npm start` runs): the main job (src/app/main.ts) on the embedded default
 * data, rendered as text.
 */
import type { Command } from 'commander';
import { UsageError } from '../output/failure.js';
import type { CliIO } from '../output/io.js';

/** Registers the command. */
export function registerMain(program: Command, io: CliIO): void {
  program
    .command('main')
    .description('run the main job on the embedded default data (what npm start runs)')
    .option('--data <dir>', 'folder of the default data (default: datasets/synthetic in the package)')
    .option('--json', 'print the dataset summary as JSON')
    .option('--figures <dir>', 'where to write the charts (SVG and PNG) and report.html (default: figures/ in the package)')
    .option('--no-figures', 'write no charts and no report')
    .addHelpText('after', '\nExamples:\n  $ scalecast main                       # same as npm start\n  $ scalecast main --figures /tmp/figs   # charts and report elsewhere')
    .action(async (flags: { data?: string; json?: boolean; figures?: string | false }, cmd: Command) => {
      if (flags.json && typeof flags.figures === 'string' && cmd.getOptionValueSource('figures') === 'cli') throw new UsageError('--json prints the dataset summary only and draws nothing; --figures does not apply');
      const { mainJob, DENSITY_REFERENCE } = await import('../../src/app/main.js');
      const r = await mainJob({ ...(flags.data === undefined ? {} : { data: flags.data }), ...(flags.figures === undefined ? {} : { figures: flags.figures }), summaryOnly: flags.json === true });
      if (r.wrote.length > 0) io.stderr(`scalecast: wrote ${r.wrote.join(', ')} of the default synthetic ladder (seed ${r.seed}) to ${r.dir}\n`);
      if (r.differ.length > 0) {
        io.stderr(
          `scalecast: warning: ${r.differ.join(', ')} in ${r.dir} differ${r.differ.length === 1 ? 's' : ''} from what the simulator writes for seed ${r.seed}; ` +
            `using the files as they are. To refresh them: scalecast simulate --out ${flags.data ?? 'datasets/synthetic'} --force\n`,
        );
      }
      if (flags.json) {
        io.stdout(`${JSON.stringify(r.summary, null, 2)}\n`);
        return;
      }
      const { renderSummary } = await import('../output/renderSummary.js');
      const { renderBacktest, renderPredictions } = await import('../output/renderPredict.js');
      const { renderTruth } = await import('../output/renderTruth.js');
      const { renderDensity } = await import('../output/renderDensity.js');
      const run = r.run!;
      io.stdout(`Embedded default data: ${r.dir}\n\n`);
      io.stdout(renderSummary(r.summary));
      io.stdout(`\nPrediction of ${run.target.name} (its true expected accuracy in the "actual" column), as ${run.commands.predict}\n`);
      io.stdout(renderPredictions({ target: run.target, axis: 'compute', ladder: run.ladder, rows: run.rows, results: run.results }, true, true));
      io.stdout(`\nBacktest, as ${run.commands.backtest}\n`);
      io.stdout(renderBacktest(run.backtests, 'auto', run.trainSize));
      io.stdout(`\n${renderTruth(run.sim)}`);
      io.stdout(`\nCapacity density of ${run.publicModels} public base models (datasets/public/density.*)\n`);
      io.stdout(renderDensity(run.density, `family ${DENSITY_REFERENCE}`));
      if (run.figures !== null) io.stdout(`\nFigures: ${run.figures.charts} charts (SVG and PNG) and report.html written to ${run.figures.dir}\n`);
    });
}

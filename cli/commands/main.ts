/**
 * `scalecast main` (what `npm start` runs): the main job on the embedded default data.
 *
 * It inspects the synthetic ladder embedded under `datasets/synthetic/`, predicts the held-out 70B
 * target on every benchmark with COD and the baselines (the default chosen per benchmark), backtests
 * the methods by hiding the two largest ladder models, and prints the simulator's truth next to it
 * all. The embedded files are never
 * overwritten: missing ones are written; when the simulator (default seed) would now write other
 * bytes, a warning names the files that differ and the command that refreshes them, and the job
 * goes on with the embedded data.
 */
import { join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { loadDataset } from '../../src/data/loadDataset.js';
import { simulateLadder } from '../../src/simulate/simulateLadder.js';
import { simulationDrift } from '../../src/simulate/simulationDrift.js';
import { summarizeDataset } from '../../src/data/summarizeDataset.js';
import { simulationFiles } from '../../src/simulate/writeSimulation.js';
import { writeFilesAtomically, type CliIO } from '../output/io.js';
import { projectRoot } from '../projectRoot.js';
import { renderSummary } from './inspect.js';
import { renderBacktest, renderPredictions } from './predict.js';
import { benchmarkData } from '../../src/predict/benchmarkData.js';
import { resolveLadder } from '../../src/predict/ladder.js';
import { backtestSuite, predictSuite } from '../../src/predict/predictSuite.js';
import { renderTruth } from './simulate.js';
import { OPEN_LLM_LEADERBOARD_V1_CHANCE } from '../../src/density/chanceLevels.js';
import { densityAnalysis, type DensityAnalysisResult } from '../../src/density/densityAnalysis.js';
import { renderDensity } from './density.js';
import { curvePositions } from '../../src/charts/scalingCurveChart.js';
import { reportHtml } from '../../src/charts/reportHtml.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { chinchilla } from '../../src/fit/laws/index.js';
import { simulateChinchillaRuns } from '../../src/fit/simulateChinchillaRuns.js';
import { chartFiles, reportScripts } from '../output/chartFiles.js';
import { chinchillaSections, densitySections, predictionSections } from '../output/reportSections.js';

/** The reference family of the main job's density run: the widest size ladder in the table (0.5B–110B). */
export const DENSITY_REFERENCE = 'Qwen1.5';

/**
 * Capacity density of the embedded public table (`datasets/public/density.*` under `root`) against
 * {@link DENSITY_REFERENCE}, with the Open LLM Leaderboard v1 chance levels as floors.
 */
export function publicTableDensity(root: string, bootstrap: number): { density: DensityAnalysisResult; models: number } {
  const dir = join(root, 'datasets', 'public');
  const pub = loadDataset({ scores: [join(dir, 'density.scores.csv')], models: [join(dir, 'density.models.csv')] });
  const density = densityAnalysis(
    benchmarkData(pub).map((b) => ({ benchmark: b.benchmark, scores: b.scores, floor: OPEN_LLM_LEADERBOARD_V1_CHANCE[b.benchmark] ?? 0 })),
    pub.models!.models,
    { reference: pub.models!.models.filter((m) => m.family === DENSITY_REFERENCE).map((m) => m.model), law: { bootstrap, seed: 1 } },
  );
  return { density, models: pub.models!.models.length };
}


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
    .action(async (flags: { data?: string; json?: boolean; figures?: string | false }) => {
      const dir = flags.data ?? join(projectRoot(), 'datasets', 'synthetic');
      const sim = simulateLadder();
      const files = simulationFiles(sim);
      const drift = simulationDrift(dir, files);
      if (drift.missing.length > 0) {
        writeFilesAtomically(
          dir,
          files.filter((f) => drift.missing.includes(f.name)),
        );
        io.stderr(`scalecast: wrote ${drift.missing.join(', ')} of the default synthetic ladder (seed ${sim.config.seed}) to ${dir}\n`);
      }
      if (drift.different.length > 0) {
        io.stderr(
          `scalecast: warning: ${drift.different.join(', ')} in ${dir} differ${drift.different.length === 1 ? 's' : ''} from what the simulator writes for seed ${sim.config.seed}; ` +
            `using the files as they are. To refresh them: scalecast simulate --out ${flags.data ?? 'datasets/synthetic'}\n`,
        );
      }
      const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });
      const summary = summarizeDataset(data);
      if (flags.json) {
        io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      io.stdout(`Embedded default data: ${dir}\n\n`);
      io.stdout(renderSummary(summary));
      // Ladder, target and guess floors come from the simulator's own configuration.
      const targetName = sim.models.find((m) => m.role === 'target')!.model;
      const ladder = resolveLadder(data, { family: sim.config.family });
      const target = data.models!.models.find((m) => m.model === targetName)!;
      const benchmarks = benchmarkData(data, { guess: Object.fromEntries(sim.config.benchmarks.map((b) => [b.name, b.guess])) });
      const anchors = sim.models.filter((m) => m.role === 'anchor').map((m) => m.model);
      const curveAt = curvePositions(
        ladder.map((l) => l.x),
        target.compute!,
      );
      const results = predictSuite(benchmarks, ladder, { x: target.compute!, params: target.params, model: targetName }, { methods: 'auto', cod: { bootstrap: 200, seed: 1, anchors, curveAt } });
      const truth = new Map(sim.expected.filter((e) => e.model === targetName).map((e) => [e.benchmark, e.accuracy] as const));
      const rows = results.flatMap((r) =>
        r.predictions.map((p) => ({ benchmark: r.benchmark, method: p.method, prediction: p.prediction, interval: p.interval, ...(p.default ? { default: true } : {}), actual: truth.get(r.benchmark), ...(p.reason ? { reason: p.reason } : {}) })),
      );
      io.stdout(`\nPrediction of ${targetName} (its true expected accuracy in the "actual" column)\n`);
      io.stdout(renderPredictions({ target: { name: targetName, x: target.compute!, axis: 'compute' }, ladder, predictions: rows }, true, results, true, { axis: 'compute' }));
      io.stdout(`\nBacktest\n`);
      const backtests = backtestSuite(benchmarks, ladder, 2, { methods: 'auto' });
      io.stdout(renderBacktest(backtests, 'auto', ladder.length - 2));
      io.stdout(`\n${renderTruth(sim)}`);
      // Capacity density of the embedded public table against the widest ladder in it.
      const { density, models: publicModels } = publicTableDensity(projectRoot(), 1000);
      io.stdout(`\nCapacity density of ${publicModels} public base models (datasets/public/density.*)\n`);
      io.stdout(renderDensity(density, `family ${DENSITY_REFERENCE}`));
      if (flags.figures === false) return;
      // Charts and the report.
      const run = { benchmarks, ladder, axis: 'compute' as const, target: { name: targetName, x: target.compute!, actual: truth }, predictions: results, backtests };
      const prediction = predictionSections(run);
      const dens = densitySections(density, DENSITY_REFERENCE);
      const runs = simulateChinchillaRuns({ seed: 1 });
      const fit = fitLaw(chinchilla, { x: [Float64Array.from(runs, (r) => r.N), Float64Array.from(runs, (r) => r.D)], y: Float64Array.from(runs, (r) => r.loss) });
      const chin = chinchillaSections(fit, runs, `Fitted to ${runs.length} simulated runs (6 sizes from 40M to 10B, 5 to 80 tokens per parameter) whose loss follows Epoch AI's published Chinchilla fit plus noise of 0.01 nats/token (simulateChinchillaRuns, seed 1): an example of the chart; \`scalecast plot chinchilla\` draws it for real runs.`);
      const charts = [...prediction.charts, ...dens.charts, ...chin.charts];
      // Paths inside the package are shown relative to it, so the report is the same on every machine.
      const shown = (p: string) => (p.startsWith(projectRoot() + sep) ? relative(projectRoot(), p) : p);
      const report = reportHtml(
        {
          title: 'scalecast — main job on the embedded data',
          subtitle: `Predicting ${targetName} from the synthetic ${sim.config.family} ladder; capacity density of the public base models against ${DENSITY_REFERENCE}; a Chinchilla fit.`,
          inputs: [
            ['scores', shown(join(dir, 'scores.csv'))],
            ['models', shown(join(dir, 'models.csv'))],
            ['ladder', ladder.map((l) => l.model).join(', ')],
            ['target', `${targetName} (${target.compute!.toExponential(2)} FLOPs)`],
            ['anchors', anchors.join(', ') || 'none'],
            ['benchmarks', benchmarks.map((b) => `${b.benchmark} (${b.matrix?.items.length ?? '?'} items)`).join(', ')],
            ['density data', 'datasets/public/density.scores.csv, datasets/public/density.models.csv'],
          ],
          sections: [...prediction.sections, ...dens.sections, ...chin.sections],
        },
        reportScripts(),
      );
      const figures = typeof flags.figures === 'string' ? resolve(flags.figures) : join(projectRoot(), 'figures');
      const outputs = [...(await chartFiles(charts, ['svg', 'png'])), { name: 'report.html', content: report }];
      writeFilesAtomically(figures, outputs);
      io.stdout(`\nFigures: ${charts.length} charts (SVG and PNG) and report.html written to ${figures}\n`);
    });
}

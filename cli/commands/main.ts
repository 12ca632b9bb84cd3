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
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadDataset } from '../../src/data/loadDataset.js';
import { simulateLadder } from '../../src/data/simulateLadder.js';
import { simulationDrift } from '../../src/data/simulationDrift.js';
import { summarizeDataset } from '../../src/data/summarizeDataset.js';
import { simulationFiles } from '../../src/data/writeSimulation.js';
import { writeFilesAtomically, type CliIO } from '../output/io.js';
import { projectRoot } from '../projectRoot.js';
import { renderSummary } from './inspect.js';
import { renderBacktest, renderPredictions } from './predict.js';
import { benchmarkData } from '../../src/predict/benchmarkData.js';
import { resolveLadder } from '../../src/predict/ladder.js';
import { backtestSuite, predictSuite } from '../../src/predict/predictSuite.js';
import { renderTruth } from './simulate.js';
import { OPEN_LLM_LEADERBOARD_V1_CHANCE } from '../../src/density/chanceLevels.js';
import { densityAnalysis } from '../../src/density/densityAnalysis.js';
import { renderDensity } from './density.js';

/** The reference family of the main job's density run: the widest size ladder in the table (0.5B–110B). */
const DENSITY_REFERENCE = 'Qwen1.5';


/** Registers the command. */
export function registerMain(program: Command, io: CliIO): void {
  program
    .command('main')
    .description('run the main job on the embedded default data (what npm start runs)')
    .option('--data <dir>', 'folder of the default data (default: datasets/synthetic in the package)')
    .option('--json', 'print the dataset summary as JSON')
    .addHelpText('after', '\nExample:\n  $ scalecast main          # same as npm start')
    .action((flags: { data?: string; json?: boolean }) => {
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
      const results = predictSuite(benchmarks, ladder, target.compute!, { methods: 'auto', cod: { bootstrap: 200, seed: 1 } });
      const truth = new Map(sim.expected.filter((e) => e.model === targetName).map((e) => [e.benchmark, e.accuracy] as const));
      const rows = results.flatMap((r) =>
        r.predictions.map((p) => ({ benchmark: r.benchmark, method: p.method, prediction: p.prediction, interval: p.interval, ...(p.default ? { default: true } : {}), actual: truth.get(r.benchmark), ...(p.reason ? { reason: p.reason } : {}) })),
      );
      io.stdout(`\nPrediction of ${targetName} (its true expected accuracy in the "actual" column)\n`);
      io.stdout(renderPredictions({ target: { name: targetName, x: target.compute!, axis: 'compute' }, ladder, predictions: rows }, true, results, true, { axis: 'compute' }));
      io.stdout(`\nBacktest\n`);
      io.stdout(renderBacktest(backtestSuite(benchmarks, ladder, 2, { methods: 'auto' }), 'auto', ladder.length - 2));
      io.stdout(`\n${renderTruth(sim)}`);
      // Capacity density of the embedded public table against the widest ladder in it.
      const publicDir = join(projectRoot(), 'datasets', 'public');
      const pub = loadDataset({ scores: [join(publicDir, 'density.scores.csv')], models: [join(publicDir, 'density.models.csv')] });
      const reference = pub.models!.models.filter((m) => m.family === DENSITY_REFERENCE).map((m) => m.model);
      const density = densityAnalysis(
        benchmarkData(pub).map((b) => ({ benchmark: b.benchmark, scores: b.scores, floor: OPEN_LLM_LEADERBOARD_V1_CHANCE[b.benchmark] ?? 0 })),
        pub.models!.models,
        { reference, law: { bootstrap: 1000, seed: 1 } },
      );
      io.stdout(`\nCapacity density of ${pub.models!.models.length} public base models (datasets/public/density.*)\n`);
      io.stdout(renderDensity(density, `family ${DENSITY_REFERENCE}`));
    });
}

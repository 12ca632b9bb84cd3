/**
 * The main job (what `npm start` runs) on the embedded default data: it inspects the synthetic
 * ladder under `datasets/synthetic/`, predicts the held-out 70B target on every benchmark with COD
 * and the baselines (and the default), backtests the methods by hiding the two largest ladder
 * models, sets the simulator's truth beside it, computes the capacity density of the embedded public
 * table, and writes the charts and the report.
 *
 * The embedded files are never overwritten: missing ones are written; when the simulator (default
 * seed) would now write other bytes, the result names the files that differ and the job goes on with
 * the embedded data.
 */
import { join, relative, resolve, sep } from 'node:path';
import type { NamedChart } from '../charts/chartSet.js';
import { reportHtml } from '../charts/reportHtml.js';
import { curvePositions } from '../charts/scalingCurveChart.js';
import { packageRoot } from '../core/packageRoot.js';
import { UsageError } from '../core/userError.js';
import { benchmarkData } from '../data/benchmarkData.js';
import { loadDataset } from '../data/loadDataset.js';
import { summarizeDataset, type DatasetSummary } from '../data/summarizeDataset.js';
import type { DensityAnalysisResult } from '../density/densityAnalysis.js';
import { fitLaw } from '../fit/fitLaw.js';
import { chinchilla } from '../fit/laws/index.js';
import { simulateChinchillaRuns } from '../fit/simulateChinchillaRuns.js';
import { checkOutputs, writeFilesAtomically } from '../io/outputFiles.js';
import { COD_DEFAULTS } from '../predict/codDefaults.js';
import { resolveLadder, type LadderModel } from '../predict/ladder.js';
import { backtestSuite, predictSuite, type BenchmarkBacktest, type BenchmarkPrediction } from '../predict/predictSuite.js';
import { simulateLadder, type SimulatedLadder } from '../simulate/simulateLadder.js';
import { simulationDrift } from '../simulate/simulationDrift.js';
import { simulationFiles } from '../simulate/writeSimulation.js';
import { chartFiles, reportScripts } from './chartFiles.js';
import { densityOf, DENSITY_DEFAULTS, embeddedDensityTable } from './density.js';
import { EMBEDDED_DENSITY_REFERENCE } from './densityDefaults.js';
import { predictionRows, type PredictionTableRow } from './predict.js';
import { chinchillaSections, densitySections, predictionSections } from './reportSections.js';

/** The reference family of the main job's density run (the embedded table's default reference). */
export const DENSITY_REFERENCE = EMBEDDED_DENSITY_REFERENCE;

/**
 * Capacity density of the embedded public table (`datasets/public/density.*` under `root`) against
 * {@link DENSITY_REFERENCE}, with the Open LLM Leaderboard v1 chance levels as floors.
 */
export function publicTableDensity(root: string, bootstrap: number): { density: DensityAnalysisResult; models: number } {
  const pub = loadDataset(embeddedDensityTable(root));
  const { result } = densityOf(pub, { reference: DENSITY_REFERENCE, ...DENSITY_DEFAULTS, bootstrap, seed: 1 });
  return { density: result, models: pub.models!.models.length };
}

/** What the main job is asked. */
export interface MainRequest {
  /** Folder of the default data. @default datasets/synthetic in the package */
  data?: string;
  /** Where the charts and report.html go (default: figures/ in the package), or false for none. */
  figures?: string | false;
  /** Stop after the dataset summary (what `main --json` prints). */
  summaryOnly?: boolean;
}

/** What the main job gives. */
export interface MainResult {
  dir: string;
  /** Embedded files that were missing and were written. */
  wrote: string[];
  /** Embedded files whose bytes differ from what the simulator writes now. */
  differ: string[];
  seed: number;
  summary: DatasetSummary;
  /** Everything below is absent with `summaryOnly`. */
  run?: {
    sim: SimulatedLadder;
    target: { name: string; x: number };
    ladder: LadderModel[];
    rows: PredictionTableRow[];
    results: BenchmarkPrediction[];
    backtests: BenchmarkBacktest[];
    trainSize: number;
    density: DensityAnalysisResult;
    publicModels: number;
    figures: { dir: string; charts: number } | null;
    /** The `predict` and `backtest` command lines that give the same predictions and backtest. */
    commands: { predict: string; backtest: string };
  };
}

/** The command lines of the main job's predictions and backtest: what the job adds (anchors, guess floors) said aloud. */
function sameAs(root: string, dir: string, sim: SimulatedLadder, target: string, anchors: readonly string[]): { predict: string; backtest: string } {
  const at = (f: string) => {
    const rel = relative(root, join(dir, f));
    return rel.startsWith('..') ? join(dir, f) : rel.split(sep).join('/');
  };
  const guesses = sim.config.benchmarks.map((b) => `${b.name}=${b.guess}`);
  const common = `-s ${at('scores.csv')} -m ${at('models.csv')} --family ${sim.config.family}${guesses.length > 0 ? ` --guess ${guesses.join(' ')}` : ''}`;
  return {
    predict: `scalecast predict ${common} --target ${target}${anchors.length > 0 ? ` --anchor ${anchors.join(' ')}` : ''}`,
    backtest: `scalecast backtest ${common} --holdout 2`,
  };
}

/** Runs the main job. */
export async function mainJob(request: MainRequest = {}): Promise<MainResult> {
  const root = packageRoot();
  const dir = request.data ?? join(root, 'datasets', 'synthetic');
  const figuresDir = request.figures === false ? null : typeof request.figures === 'string' ? resolve(request.figures) : join(root, 'figures');
  if (figuresDir !== null) checkOutputs(figuresDir, [], { inputs: [join(dir, 'scores.csv'), join(dir, 'models.csv')] });
  const sim = simulateLadder();
  const files = simulationFiles(sim);
  const drift = simulationDrift(dir, files);
  if (drift.missing.length > 0) {
    // The inputs of a folder the user names are never written: only the simulator's truth files are completed there.
    const inputs = drift.missing.filter((f) => f === 'models.csv' || f === 'scores.csv');
    if (request.data !== undefined && inputs.length > 0) throw new UsageError(`--data ${dir} has no ${inputs.join(' or ')}: write a synthetic ladder there with scalecast simulate --out ${dir}`);
    writeFilesAtomically(dir, files.filter((f) => drift.missing.includes(f.name)));
  }
  const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });
  const summary = summarizeDataset(data);
  const head = { dir, wrote: drift.missing, differ: drift.different, seed: sim.config.seed, summary };
  if (request.summaryOnly) return head;
  // Ladder, target and guess floors come from the simulator's own configuration.
  const targetName = sim.models.find((m) => m.role === 'target')!.model;
  const ladder = resolveLadder(data, { family: sim.config.family });
  const target = data.models!.models.find((m) => m.model === targetName)!;
  const benchmarks = benchmarkData(data, { guess: Object.fromEntries(sim.config.benchmarks.map((b) => [b.name, b.guess])) });
  const anchors = sim.models.filter((m) => m.role === 'anchor').map((m) => m.model);
  const curveAt = curvePositions(ladder.map((l) => l.x), target.compute!);
  const results = predictSuite(benchmarks, ladder, { x: target.compute!, params: target.params, model: targetName }, { methods: 'auto', cod: { ...COD_DEFAULTS, anchors, curveAt } });
  const truth = new Map(sim.expected.filter((e) => e.model === targetName).map((e) => [e.benchmark, e.accuracy] as const));
  const rows = predictionRows(results, truth).map(({ cod: _cod, ...row }) => row);
  const backtests = backtestSuite(benchmarks, ladder, 2, { methods: 'auto' });
  const { density, models: publicModels } = publicTableDensity(root, 1000);
  let figures: { dir: string; charts: number } | null = null;
  if (figuresDir !== null) {
    const run = { benchmarks, ladder, axis: 'compute' as const, target: { name: targetName, x: target.compute!, actual: truth }, predictions: results, backtests };
    const prediction = predictionSections(run);
    const dens = densitySections(density, DENSITY_REFERENCE);
    const runs = simulateChinchillaRuns({ seed: 1 });
    const fit = fitLaw(chinchilla, { x: [Float64Array.from(runs, (r) => r.N), Float64Array.from(runs, (r) => r.D)], y: Float64Array.from(runs, (r) => r.loss) });
    const chin = chinchillaSections(fit, runs, `Fitted to ${runs.length} simulated runs (6 sizes from 40M to 10B, 5 to 80 tokens per parameter) whose loss follows Epoch AI's published Chinchilla fit plus noise of 0.01 nats/token (simulateChinchillaRuns, seed 1): an example of the chart; \`scalecast plot chinchilla\` draws it for real runs.`);
    const charts: NamedChart[] = [...prediction.charts, ...dens.charts, ...chin.charts];
    // Paths inside the package are shown relative to it, so the report is the same on every machine.
    const shown = (p: string) => (p.startsWith(root + sep) ? relative(root, p) : p);
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
    const outputs = [...(await chartFiles(charts, ['svg', 'png'])), { name: 'report.html', content: report }];
    writeFilesAtomically(figuresDir, outputs);
    figures = { dir: figuresDir, charts: charts.length };
  }
  return {
    ...head,
    run: { sim, target: { name: targetName, x: target.compute! }, ladder, rows, results, backtests, trainSize: ladder.length - 2, density, publicModels, figures, commands: sameAs(root, dir, sim, targetName, anchors) },
  };
}

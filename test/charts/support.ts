/**
 * Charts of the embedded data for the chart tests, built once: a prediction run on the synthetic
 * ladder (few bootstrap replicates), the density of the public table, and a Chinchilla fit.
 */
import { loadDataset } from '../../src/data/loadDataset.js';
import { predictionCharts, type NamedChart } from '../../src/charts/chartSet.js';
import { chinchillaChart, type ChinchillaParams } from '../../src/charts/chinchillaChart.js';
import { densityChart } from '../../src/charts/densityChart.js';
import { curvePositions } from '../../src/charts/scalingCurveChart.js';
import { DENSITY_REFERENCE, publicTableDensity } from '../../src/app/main.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { chinchilla } from '../../src/fit/laws/index.js';
import { simulateChinchillaRuns } from '../../src/fit/simulateChinchillaRuns.js';
import { benchmarkData } from '../../src/data/benchmarkData.js';
import { resolveLadder } from '../../src/predict/ladder.js';
import { backtestSuite, predictSuite } from '../../src/predict/predictSuite.js';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths.js';

let cached: NamedChart[] | null = null;

/** Every kind of chart, on the embedded data. */
export function embeddedCharts(): NamedChart[] {
  if (cached) return cached;
  const dir = join(projectRoot, 'datasets', 'synthetic');
  const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });
  const ladder = resolveLadder(data, { family: 'sim' });
  const target = data.models!.models.find((m) => m.model === 'sim-70B')!;
  const benchmarks = benchmarkData(data, { guess: { 'sim-gen': 0, 'sim-mc': 0.25, 'sim-code': 0 }, benchmarks: ['sim-gen'] });
  const curveAt = curvePositions(ladder.map((l) => l.x), target.compute!);
  const predictions = predictSuite(benchmarks, ladder, target.compute!, { methods: 'auto', cod: { bootstrap: 20, seed: 1, anchors: ['anchor-34B'], curveAt } });
  // The backtest over two benchmarks, so that its chart has the group over all benchmarks.
  const backtests = backtestSuite(benchmarkData(data, { guess: { 'sim-gen': 0, 'sim-code': 0 }, benchmarks: ['sim-gen', 'sim-code'] }), ladder, 2, { methods: 'auto' });
  const charts = predictionCharts({ benchmarks, ladder, axis: 'compute', target: { name: 'sim-70B', x: target.compute!, actual: new Map([['sim-gen', 0.6]]) }, predictions, backtests });
  charts.push({ name: 'density', title: 'density', spec: densityChart(publicTableDensity(projectRoot, 100).density, DENSITY_REFERENCE) });
  const runs = simulateChinchillaRuns({ seed: 1 });
  const fit = fitLaw(chinchilla, { x: [Float64Array.from(runs, (r) => r.N), Float64Array.from(runs, (r) => r.D)], y: Float64Array.from(runs, (r) => r.loss) });
  charts.push({ name: 'chinchilla', title: 'chinchilla', spec: chinchillaChart({ params: fit.params as unknown as ChinchillaParams, points: runs }) });
  cached = charts;
  return charts;
}

let many: { charts: NamedChart[]; benchmarks: number } | null = null;

/**
 * Charts of a run over `n` benchmarks (per-benchmark scores made from sim-mc's, each shifted a
 * little so that the fits differ; aggregate scores only, so COD does not run): the scaling charts
 * and a backtest with one group of bars per benchmark, the case that grew to 86,796 px.
 */
export function manyBenchmarkCharts(n = 65): NamedChart[] {
  if (many && many.benchmarks === n) return many.charts;
  const dir = join(projectRoot, 'datasets', 'synthetic');
  const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });
  const ladder = resolveLadder(data, { family: 'sim' });
  const target = data.models!.models.find((m) => m.model === 'sim-70B')!;
  const [mc] = benchmarkData(data, { guess: { 'sim-mc': 0.25 }, benchmarks: ['sim-mc'] });
  const benchmarks = Array.from({ length: n }, (_, i) => ({
    ...mc!,
    matrix: null,
    benchmark: i % 3 === 0 ? `hendrycksTest-high_school_subject_${i}` : `task_${i}`,
    scores: new Map([...mc!.scores].map(([m, s]) => [m, Math.min(1, s * (1 + 0.01 * (i % 7)))])),
  }));
  const predictions = predictSuite(benchmarks, ladder, target.compute!, { methods: 'auto' });
  const backtests = backtestSuite(benchmarks, ladder, 2, { methods: 'auto' });
  const charts = predictionCharts({ benchmarks, ladder, axis: 'compute', target: { name: 'sim-70B', x: target.compute!, actual: new Map() }, predictions, backtests });
  many = { charts, benchmarks: n };
  return charts;
}

let mainDir: Promise<string> | null = null;

/** The figures folder of one run of the main job (`scalecast main --figures <tmp>`), made once per test file. */
export function mainFigures(): Promise<string> {
  mainDir ??= (async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { mainJob } = await import('../../src/app/main.js');
    const out = mkdtempSync(join(tmpdir(), 'scalecast-main-figures-'));
    await mainJob({ figures: out });
    return out;
  })();
  return mainDir;
}

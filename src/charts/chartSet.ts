/**
 * The charts of a prediction run, named for files and titled for the report: per benchmark the
 * scaling curve, and where COD ran its clusters and its subset→full map; then the backtest.
 *
 * @example for (const c of predictionCharts(run)) files.push(c.name); // 'scaling-gsm8k', …
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LadderModel, ScalingAxis } from '../predict/ladder.js';
import type { BenchmarkData } from '../predict/methods.js';
import type { BenchmarkBacktest, BenchmarkPrediction } from '../predict/predictSuite.js';
import { backtestChart, backtestInput } from './backtestChart.js';
import { clusterChart } from './clusterChart.js';
import { mappingChart } from './mappingChart.js';
import { scalingCurveChart, scalingCurveInput } from './scalingCurveChart.js';

/** A chart with a file-safe name and a title. */
export interface NamedChart {
  /** File-safe name without extension, e.g. `scaling-gsm8k`. */
  name: string;
  title: string;
  /** The benchmark it is about, if one. */
  benchmark?: string;
  spec: TopLevelSpec;
}

/** A name made of letters, digits, `.`, `_` and `-` only. */
export function fileSafe(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  // Keep file names well under the usual 255-byte limit.
  return safe.length > 100 ? safe.slice(0, 100) : safe;
}

/** What a prediction run gives the charts. */
export interface PredictionRun {
  benchmarks: readonly BenchmarkData[];
  ladder: readonly LadderModel[];
  axis: ScalingAxis;
  target: { name: string; x: number; actual: ReadonlyMap<string, number> };
  predictions: readonly BenchmarkPrediction[];
  backtests?: readonly BenchmarkBacktest[];
}

/**
 * Every chart of the run, in report order.
 *
 * @example predictionCharts({ benchmarks, ladder, axis: 'compute', target, predictions, backtests })
 */
export function predictionCharts(run: PredictionRun): NamedChart[] {
  const out: NamedChart[] = [];
  const used = new Set<string>();
  // Benchmarks whose names differ only in characters a file name cannot hold get -2, -3, ….
  const unique = (name: string) => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}-${i}`;
    used.add(candidate);
    return candidate;
  };
  for (const p of run.predictions) {
    const bench = run.benchmarks.find((b) => b.benchmark === p.benchmark);
    if (bench === undefined) continue;
    // A benchmark none of whose ladder models has a score has no curve to draw.
    if (!run.ladder.some((l) => bench.scores.has(l.model))) continue;
    const safe = unique(fileSafe(p.benchmark));
    const actual = run.target.actual.get(p.benchmark);
    out.push({
      name: `scaling-${safe}`,
      title: `${p.benchmark}: scaling curve`,
      benchmark: p.benchmark,
      spec: scalingCurveChart(scalingCurveInput(bench, run.ladder, { name: run.target.name, x: run.target.x, ...(actual !== undefined ? { actual } : {}) }, p, run.axis)),
    });
    const cod = p.predictions.find((m) => m.method === 'cod');
    const diag = cod?.diagnostics;
    if (diag && diag.clusters.length > 0) {
      out.push({
        name: `clusters-${safe}`,
        title: `${p.benchmark}: COD clusters`,
        benchmark: p.benchmark,
        spec: clusterChart({ benchmark: p.benchmark, axis: run.axis, ladder: run.ladder, target: { name: run.target.name, x: run.target.x }, clusters: diag.clusters }),
      });
      out.push({
        name: `mapping-${safe}`,
        title: `${p.benchmark}: subset→full map`,
        benchmark: p.benchmark,
        spec: mappingChart({ benchmark: p.benchmark, target: run.target.name, mapping: diag.mapping, subsetPrediction: diag.subsetPrediction, prediction: cod!.prediction, interval: cod!.interval }),
      });
    }
  }
  if (run.backtests && run.backtests.length > 0) {
    const input = backtestInput(run.backtests);
    if (input.rows.length > 0) out.push({ name: 'backtest', title: 'Backtest', spec: backtestChart(input) });
  }
  return out;
}

/**
 * The ladder jobs: `predict` (a larger model's score on every benchmark, by every method and the
 * default), `backtest` (hide the largest ladder models and predict them from the rest) and
 * `cluster` (COD's difficulty clusters of each benchmark).
 */
import type { BenchmarkData } from '../data/benchmarkData.js';
import type { ClusterFit } from '../predict/clusterLaws.js';
import { codClusters } from '../predict/codPrediction.js';
import type { LadderModel, ScalingAxis } from '../predict/ladder.js';
import { backtestSuite, predictSuite, type BenchmarkBacktest, type BenchmarkPrediction, type DefaultChoice, type SuiteProgress } from '../predict/predictSuite.js';
import { addCheckpointPoints, type CheckpointUse } from './checkpointPoints.js';
import { checkHoldout, checkMethodOptions, codOptions, placeTarget, policyOf, setupLadder, type LadderRequest, type MethodsRequest, type PlacedTarget, type TargetRequest } from './ladderSetup.js';

/** What `predict` is asked. */
export interface PredictRequest extends LadderRequest, MethodsRequest {
  target: TargetRequest;
  /** Positions on the axis at which COD reports its curve (for charts). */
  curveAt?: (ladder: readonly LadderModel[], target: number) => number[];
  /** Told of the work's progress: benchmarks done, and COD's long steps. */
  onProgress?: (progress: SuiteProgress) => void;
  /**
   * The ladder models' final checkpoints only, or all their checkpoints as more points
   * ({@link addCheckpointPoints}). @default 'final' (docs/validation.md §8e)
   */
  checkpoints?: CheckpointUse;
}

/** One row of the prediction table: a benchmark and a method. */
export interface PredictionTableRow {
  benchmark: string;
  method: string;
  prediction: number | null;
  interval: [number, number] | null;
  default?: true;
  choice?: string;
  components?: DefaultChoice['components'];
  group?: string;
  kind?: DefaultChoice['kind'];
  ratio?: number;
  actual?: number;
  reason?: string;
  warnings: string[];
  cod?: unknown;
}

/** What `predict` gives. */
export interface PredictResult {
  target: PlacedTarget;
  axis: ScalingAxis;
  ladder: LadderModel[];
  anchors: string[];
  benchmarks: BenchmarkData[];
  /** Per benchmark, every method's outcome (and the default's, with methods 'auto'). */
  results: BenchmarkPrediction[];
  /** The same as table rows (what --json prints). */
  rows: PredictionTableRow[];
  /** Warnings about the data. */
  warnings: string[];
}

/** The table rows of a prediction: one per benchmark and method, with the target's actual score where known. */
export function predictionRows(results: readonly BenchmarkPrediction[], actual: ReadonlyMap<string, number>): PredictionTableRow[] {
  return results.flatMap((r) =>
    r.predictions.map(
      (p): PredictionTableRow => ({
        benchmark: r.benchmark,
        method: p.method,
        prediction: p.prediction,
        interval: p.interval,
        ...(p.default ? { default: true as const, choice: r.auto?.reason, components: r.auto?.components, group: r.auto?.group, kind: r.auto?.kind, ratio: r.auto?.ratio } : {}),
        ...(actual.has(r.benchmark) ? { actual: actual.get(r.benchmark) } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
        warnings: p.warnings,
        ...(p.diagnostics ? { cod: p.diagnostics } : {}),
      }),
    ),
  );
}

/** Predicts the target on every benchmark with the methods asked for. */
export function predictJob(request: PredictRequest): PredictResult {
  checkMethodOptions(request);
  const methods = request.methods ?? 'auto';
  const exclude = 'model' in request.target ? [request.target.model] : [];
  const s = setupLadder(request, exclude);
  if ((request.checkpoints ?? 'final') === 'all') {
    const more = addCheckpointPoints(s.data, s.ladder, s.benchmarks, request.input, s.axis);
    s.ladder = more.ladder;
    s.warnings.push(...more.warnings);
  }
  const target = placeTarget(request.target, s);
  const policy = policyOf(request);
  const cod = { ...codOptions(request.cod, s.anchors, true), ...(request.curveAt ? { curveAt: request.curveAt(s.ladder, target.x) } : {}) };
  const results = predictSuite(s.benchmarks, s.ladder, target, { methods, cod, ...(policy ? { policy } : {}), ...(request.onProgress ? { onProgress: request.onProgress } : {}) });
  const rows = predictionRows(results, target.actual);
  return { target, axis: s.axis, ladder: s.ladder, anchors: s.anchors, benchmarks: s.benchmarks, results, rows, warnings: [...s.warnings, ...s.data.warnings.map((w) => w.message)] };
}

/** What `backtest` is asked. */
export interface BacktestRequest extends LadderRequest, MethodsRequest {
  /** How many of the largest ladder models to hide. @default 1 */
  holdout?: number;
  /** Told of the work's progress: benchmarks done, and COD's long steps. */
  onProgress?: (progress: SuiteProgress) => void;
}

/** What `backtest` gives. */
export interface BacktestResult {
  ladder: LadderModel[];
  holdout: number;
  /** Ladder models the methods were fitted on. */
  trainSize: number;
  benchmarks: BenchmarkBacktest[];
}

/**
 * Hides the largest `holdout` ladder models and predicts them from the rest.
 *
 * @throws UsageError when the ladder is too short to hide them and keep 3
 */
export function backtestJob(request: BacktestRequest): BacktestResult {
  checkMethodOptions(request);
  const s = setupLadder(request);
  const k = request.holdout ?? 1;
  checkHoldout(s.ladder, k);
  const policy = policyOf(request);
  const benchmarks = backtestSuite(s.benchmarks, s.ladder, k, { methods: request.methods ?? 'auto', cod: codOptions(request.cod, s.anchors, false), ...(policy ? { policy } : {}), ...(request.onProgress ? { onProgress: request.onProgress } : {}) });
  return { ladder: s.ladder, holdout: k, trainSize: s.ladder.length - k, benchmarks };
}

/** One benchmark's clusters, or why COD does not cluster it. */
export type BenchmarkClusters =
  | { benchmark: string; reason: string }
  | {
      benchmark: string;
      items: number;
      unsolved: number;
      incomplete: number;
      bandwidth: number;
      clustered: number;
      outliers: number;
      /** Share of the items in extrapolatable clusters. */
      extrapolatableShare: number;
      clusters: ClusterFit[];
      warnings: string[];
    };

/** What `cluster` is asked: the ladder and COD's clustering options (no target). */
export interface ClusterRequest extends LadderRequest {
  cod?: MethodsRequest['cod'];
}

/** COD's clusters of every per-item benchmark. */
export function clusterJob(request: ClusterRequest): BenchmarkClusters[] {
  const s = setupLadder(request);
  const options = codOptions(request.cod, s.anchors, false);
  return s.benchmarks
    .filter((b) => b.matrix !== null)
    .map((b): BenchmarkClusters => {
      const r = codClusters(b.matrix!, s.ladder, options);
      if ('reason' in r) return { benchmark: b.benchmark, reason: r.reason };
      const items = b.matrix!.items.length;
      const extrapolatable = r.clusters.filter((c) => c.class === 'extrapolatable').reduce((a, c) => a + c.size, 0);
      return {
        benchmark: b.benchmark,
        items,
        unsolved: r.features.unsolved.length,
        incomplete: r.features.incomplete.length,
        bandwidth: r.bandwidth,
        clustered: r.clustered,
        outliers: r.labels.filter((l) => l < 0).length,
        extrapolatableShare: extrapolatable / items,
        clusters: r.clusters,
        warnings: r.warnings,
      };
    });
}

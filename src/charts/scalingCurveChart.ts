/**
 * The scaling curve of one benchmark: the ladder's scores against compute (log axis), each method's
 * fitted curve — solid over the ladder, dashed where it extrapolates — the default method's
 * confidence band, every method's prediction at the target with its interval, and the actual score
 * where it is known (a backtest, or a simulation's truth).
 *
 * Pipeline: {@link scalingCurveInput} gathers the numbers from a prediction (normalize);
 * {@link scalingCurveChart} builds the layers and assembles the spec.
 *
 * @example
 * const input = scalingCurveInput(bench, ladder, { name: '70B', x: 5.9e23 }, prediction, 'compute');
 * const spec = scalingCurveChart(input);
 */
import type { TopLevelSpec } from 'vega-lite';
import { lawById } from '../fit/laws/index.js';
import { predictFit } from '../fit/predictFit.js';
import type { LadderModel, ScalingAxis } from '../predict/ladder.js';
import type { BenchmarkData } from '../predict/methods.js';
import type { BenchmarkPrediction } from '../predict/predictSuite.js';
import { CHART_CONFIG, colorScale, LOG_AXIS_LABEL, METHOD_COLORS } from './chartStyle.js';

/** A point of a fitted curve, with the confidence band where known. */
export interface CurvePoint {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

/** What the scaling-curve chart shows. */
export interface ScalingCurveInput {
  benchmark: string;
  axis: ScalingAxis;
  ladder: { model: string; x: number; score: number }[];
  target: { name: string; x: number; actual?: number | null };
  curves: { method: string; isDefault: boolean; points: CurvePoint[] }[];
  predictions: { method: string; isDefault: boolean; value: number; interval: [number, number] | null }[];
  /** Why methods without a prediction have none (`method: reason`). */
  refusals?: string[];
}

/** Number of points each fitted curve is drawn with. */
const CURVE_POINTS = 80;

/**
 * Log-spaced positions from below the smallest ladder model to beyond the target, where curves are
 * drawn (and where COD is asked for its curve, via `curveAt`).
 *
 * @example curvePositions([1e20, 1e22], 1e24).length // => 80
 */
export function curvePositions(ladderX: readonly number[], targetX: number): number[] {
  const lo = Math.log10(Math.min(...ladderX)) - 0.15;
  const hi = Math.log10(Math.max(targetX, ...ladderX)) + 0.15;
  return Array.from({ length: CURVE_POINTS }, (_, i) => 10 ** (lo + ((hi - lo) * i) / (CURVE_POINTS - 1)));
}

/**
 * The chart's numbers from a benchmark's predictions: curves of the end-to-end fits (with the
 * default method's delta-method band), COD's curve when the prediction carried it
 * (`cod.curveAt = curvePositions(…)`), and every method's prediction.
 */
export function scalingCurveInput(
  bench: BenchmarkData,
  ladder: readonly LadderModel[],
  target: { name: string; x: number; actual?: number | null },
  prediction: BenchmarkPrediction,
  axis: ScalingAxis,
): ScalingCurveInput {
  const xs = curvePositions(
    ladder.map((l) => l.x),
    target.x,
  );
  const curves: ScalingCurveInput['curves'] = [];
  for (const p of prediction.predictions) {
    const isDefault = p.default === true;
    if (p.fit !== undefined && p.prediction !== null && p.method.startsWith('e2e-')) {
      const law = lawById(p.fit.law);
      if (law === undefined) continue;
      // The line through the three largest models is drawn where it was fitted, not across the ladder.
      const from = p.method === 'e2e-linear3' ? (ladder[Math.max(0, ladder.length - 3)]?.x ?? 0) : 0;
      const points = xs.filter((x) => x >= from).map((x) => {
        const f = predictFit(law, p.fit!, [x]);
        const y = f.value ?? Number.NaN;
        return isDefault && f.confidence ? { x, y, lo: Math.max(0, f.confidence[0]), hi: Math.min(1, f.confidence[1]) } : { x, y };
      });
      curves.push({ method: p.method, isDefault, points: points.filter((q) => Number.isFinite(q.y)) });
    } else if (p.method === 'cod' && p.diagnostics?.curve && p.prediction !== null) {
      const points = p.diagnostics.curve.filter((c) => c.full !== null).map((c) => ({ x: c.x, y: c.full! }));
      curves.push({ method: p.method, isDefault, points });
    }
  }
  return {
    benchmark: bench.benchmark,
    axis,
    ladder: ladder.filter((l) => bench.scores.has(l.model)).map((l) => ({ model: l.model, x: l.x, score: bench.scores.get(l.model)! })),
    target,
    curves,
    predictions: prediction.predictions
      .filter((p) => p.prediction !== null)
      .map((p) => ({ method: p.method, isDefault: p.default === true, value: p.prediction!, interval: p.interval })),
    refusals: prediction.predictions.filter((p) => p.prediction === null).map((p) => `${p.method}: ${p.reason ?? 'no prediction'}`),
  };
}

/** The x axis title for an axis. */
export function axisTitle(axis: ScalingAxis): string {
  return axis === 'compute' ? 'Training compute (FLOPs, log scale)' : 'Parameters N, placed at 120·N² FLOPs (20 tokens per parameter; log scale)';
}

/**
 * The Vega-Lite spec of the scaling curve.
 *
 * @throws RangeError for an input without ladder points
 */
export function scalingCurveChart(input: ScalingCurveInput): TopLevelSpec {
  if (input.ladder.length === 0) throw new RangeError(`${input.benchmark}: no ladder scores to draw`);
  const top = Math.max(...input.ladder.map((l) => l.x));
  const methods = [...new Set([...input.curves.map((c) => c.method), ...input.predictions.map((p) => p.method)])];
  // Legend symbols drawn as opaque strokes: the legend is shared with the band, whose opacity it would take.
  const color = {
    field: 'method',
    type: 'nominal' as const,
    title: 'Method',
    scale: colorScale(methods, METHOD_COLORS),
    legend: { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3, symbolFillColor: 'transparent' },
  };
  const x = { field: 'x', type: 'quantitative' as const, scale: { type: 'log' as const }, axis: { labelExpr: LOG_AXIS_LABEL, tickCount: 6 }, title: axisTitle(input.axis) };
  const y = { type: 'quantitative' as const, title: `${input.benchmark} score`, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const curveRows = input.curves.flatMap((c) =>
    c.points.map((p) => ({ method: c.method, weight: c.isDefault ? 3 : 1.5, segment: p.x <= top ? 'fitted' : 'extrapolated', ...p })),
  );
  // Extrapolated segments start at the last fitted point so the line has no gap.
  for (const c of input.curves) {
    const last = [...c.points].reverse().find((p) => p.x <= top);
    if (last) curveRows.push({ method: c.method, weight: c.isDefault ? 3 : 1.5, segment: 'extrapolated', ...last });
  }
  curveRows.sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : a.x - b.x));
  // Predictions side by side around the target (a few percent apart on the log axis) so that their intervals do not hide each other.
  const spread = 0.035;
  const predRows = input.predictions.map((p, i) => ({
    method: p.method,
    size: p.isDefault ? 160 : 70,
    x: input.target.x * 10 ** (spread * (i - (input.predictions.length - 1) / 2)),
    value: p.value,
    lo: p.interval?.[0] ?? p.value,
    hi: p.interval?.[1] ?? p.value,
    label: `${p.method}${p.isDefault ? ' (default)' : ''}: ${(100 * p.value).toFixed(1)}%${p.interval ? ` [${(100 * p.interval[0]).toFixed(1)}, ${(100 * p.interval[1]).toFixed(1)}]` : ''}`,
  }));
  const layers: object[] = [
    {
      data: { values: [{ x: input.target.x, label: `target ${input.target.name}` }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [2, 3], color: '#999' }, encoding: { x } },
        { mark: { type: 'text', align: 'left', dx: 4, dy: -4, baseline: 'bottom', color: '#555', fontSize: 11 }, encoding: { x, y: { datum: 1, type: 'quantitative', scale: { domain: [0, 1] } }, text: { field: 'label' } } },
      ],
    },
  ];
  const band = curveRows.filter((r) => r.lo !== undefined);
  if (band.length > 0) {
    layers.push({
      data: { values: band.filter((r) => !(r.segment === 'extrapolated' && r.x <= top)) },
      mark: { type: 'area', opacity: 0.15 },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color },
    });
  }
  layers.push({
    data: { values: curveRows },
    mark: { type: 'line', clip: true },
    encoding: {
      x,
      y: { ...y, field: 'y' },
      color,
      detail: { field: 'segment' },
      strokeDash: { field: 'segment', type: 'nominal', title: 'Curve', scale: { domain: ['fitted', 'extrapolated'], range: [[1, 0], [5, 4]] } },
      strokeWidth: { field: 'weight', type: 'quantitative', scale: null },
    },
  });
  layers.push({
    data: { values: input.ladder },
    mark: { type: 'point', filled: true, color: '#222', size: 60 },
    encoding: { x, y: { ...y, field: 'score' }, tooltip: [{ field: 'model' }, { field: 'x', title: 'x', format: '.3e' }, { field: 'score', format: '.2%' }] },
  });
  if (input.target.actual !== undefined && input.target.actual !== null) {
    layers.push({
      data: { values: [{ x: input.target.x, score: input.target.actual, label: `actual ${(100 * input.target.actual).toFixed(1)}%` }] },
      layer: [
        { mark: { type: 'point', shape: 'cross', color: '#000', size: 140, strokeWidth: 2.5 }, encoding: { x, y: { ...y, field: 'score' }, tooltip: [{ field: 'label' }] } },
        { mark: { type: 'text', align: 'right', dx: -10, fontSize: 11, color: '#000' }, encoding: { x, y: { ...y, field: 'score' }, text: { field: 'label' } } },
      ],
    });
  }
  layers.push({
    data: { values: predRows },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } },
      {
        mark: { type: 'point', filled: true, stroke: 'white', strokeWidth: 1 },
        encoding: {
          x,
          y: { ...y, field: 'value' },
          color,
          shape: { value: 'diamond' },
          size: { field: 'size', type: 'quantitative', scale: null },
          tooltip: [{ field: 'label', title: 'prediction' }],
        },
      },
    ],
  });
  const def = input.predictions.find((p) => p.isDefault);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${input.benchmark}: scaling curve and prediction of ${input.target.name}`,
      subtitle: def
        ? `${def.method === 'default' ? 'default' : `default ${def.method}`}: ${(100 * def.value).toFixed(1)}%${def.interval ? ` (95% interval ${(100 * def.interval[0]).toFixed(1)}–${(100 * def.interval[1]).toFixed(1)}%)` : ''}; dots: ladder models; dashed: extrapolation`
        : input.predictions.length === 0
          ? ['no method could predict the target: dots are the ladder models', ...(input.refusals ?? []).slice(0, 5).map((r) => (r.length > 110 ? `${r.slice(0, 107)}…` : r))]
          : 'dots: ladder models; dashed: extrapolation',
    },
    width: 560,
    height: 340,
    config: CHART_CONFIG,
    layer: layers,
  } as TopLevelSpec;
}

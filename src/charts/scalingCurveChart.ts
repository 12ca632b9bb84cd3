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
import { CHART_CONFIG, colorScale, LOG_AXIS_LABEL, logAxisValues, METHOD_COLORS } from './chartStyle.js';
import { labelLayers } from './labelLayers.js';
import { lineObstacles, placeLabels, pointBox } from './labelPlacer.js';
import { fromPixel, niceLogDomain, toPixel, type PlotScale } from './plotScale.js';

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
  return axis === 'compute' ? 'Training compute (FLOPs, log scale)' : 'Parameters N (log scale)';
}

/**
 * What the x axis shows for a position x (FLOPs on the compute axis, 120·N² on the params axis):
 * the compute itself, or the parameters N = √(x / 120). Both are monotone, and on log axes the
 * curves keep their shape.
 *
 * @example axisValue('params', 120 * 7e9 ** 2) // => 7e9
 */
export function axisValue(axis: ScalingAxis, x: number): number {
  return axis === 'params' ? Math.sqrt(x / 120) : x;
}

/** "target 70B", but a name that already says target ("target (14B params)") as it is. */
export function targetLabel(name: string): string {
  return /^target\b/i.test(name) ? name : `target ${name}`;
}

/**
 * An interval that says nothing: it covers at least this share of the score range [0, 1]. Drawn as
 * a thin dotted line and named "uninformative", so that it does not hide the rest as a full-height bar.
 */
export const UNINFORMATIVE_SPAN = 0.95;

const WIDTH = 560;
const HEIGHT = 340;
/** Pixels between neighbouring predictions at the target. */
const PREDICTION_STEP = 7;

/**
 * The Vega-Lite spec of the scaling curve.
 *
 * @throws RangeError for an input without ladder points
 */
export function scalingCurveChart(input: ScalingCurveInput): TopLevelSpec {
  if (input.ladder.length === 0) throw new RangeError(`${input.benchmark}: no ladder scores to draw`);
  const show = (x: number) => axisValue(input.axis, x);
  const top = Math.max(...input.ladder.map((l) => l.x));
  const targetX = show(input.target.x);
  const methods = [...new Set([...input.curves.map((c) => c.method), ...input.predictions.map((p) => p.method)])];
  // Legend symbols drawn as opaque strokes: the legend is shared with the band, whose opacity it would take.
  const color = {
    field: 'method',
    type: 'nominal' as const,
    title: 'Method',
    scale: colorScale(methods, METHOD_COLORS),
    legend: { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3, symbolFillColor: 'transparent' },
  };
  const allX = [...input.ladder.map((l) => show(l.x)), ...input.curves.flatMap((c) => c.points.map((p) => show(p.x))), targetX];
  const xScale: PlotScale = { type: 'log', domain: niceLogDomain(allX, 0.5), range: [0, WIDTH] };
  const yScale: PlotScale = { type: 'linear', domain: [0, 1], range: [HEIGHT, 0] };
  // One x encoding (one axis object) for every layer: layers with other axis settings make Vega-Lite warn.
  const x = { field: 'x', type: 'quantitative' as const, scale: { type: 'log' as const, domain: [...xScale.domain], nice: false }, axis: { labelExpr: LOG_AXIS_LABEL, values: logAxisValues(xScale.domain) }, title: axisTitle(input.axis) };
  const y = { type: 'quantitative' as const, title: `${input.benchmark} score`, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const curveRows = input.curves.flatMap((c) =>
    c.points.map((p) => ({ method: c.method, weight: c.isDefault ? 3 : 1.5, segment: p.x <= top ? 'fitted' : 'extrapolated', ...p, x: show(p.x) })),
  );
  // Extrapolated segments start at the last fitted point so the line has no gap.
  for (const c of input.curves) {
    const last = [...c.points].reverse().find((p) => p.x <= top);
    if (last) curveRows.push({ method: c.method, weight: c.isDefault ? 3 : 1.5, segment: 'extrapolated', ...last, x: show(last.x) });
  }
  curveRows.sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : a.x - b.x));
  // Predictions side by side around the target, a few pixels apart, so that their intervals do not hide each other.
  // The group is centred on the target, moved inward where it would leave the plot.
  const half = (PREDICTION_STEP * (input.predictions.length - 1)) / 2;
  const centre = Math.min(WIDTH - 5 - half, Math.max(5 + half, toPixel(xScale, targetX)));
  const predRows = input.predictions.map((p, i) => {
    const informative = p.interval === null || p.interval[1] - p.interval[0] < UNINFORMATIVE_SPAN;
    return {
      method: p.method,
      size: p.isDefault ? 160 : 70,
      x: fromPixel(xScale, centre - half + PREDICTION_STEP * i),
      value: p.value,
      lo: p.interval?.[0] ?? p.value,
      hi: p.interval?.[1] ?? p.value,
      informative,
      label: `${p.method}${p.isDefault ? ' (default)' : ''}: ${(100 * p.value).toFixed(1)}%${p.interval ? ` [${(100 * p.interval[0]).toFixed(1)}, ${(100 * p.interval[1]).toFixed(1)}]${informative ? '' : ' (uninformative)'}` : ''}`,
    };
  });
  const targetPx = toPixel(xScale, targetX);
  // Over the right part of the plot the target's name ends at the line, so that it stays above the plot.
  const rightSide = targetPx > 0.6 * WIDTH;
  const layers: object[] = [
    {
      data: { values: [{ x: targetX, label: targetLabel(input.target.name) }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [2, 3], color: '#999' }, encoding: { x } },
        {
          mark: { type: 'text', align: rightSide ? 'right' : 'left', dx: rightSide ? -4 : 4, dy: -4, baseline: 'bottom', color: '#555', fontSize: 11 },
          encoding: { x, y: { ...y, datum: 1 }, text: { field: 'label' } },
        },
      ],
    },
  ];
  const band = curveRows.filter((r) => r.lo !== undefined);
  if (band.length > 0) {
    layers.push({
      data: { values: band.filter((r) => !(r.segment === 'extrapolated' && r.x <= show(top))) },
      mark: { type: 'area', opacity: 0.15, clip: true },
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
  const ladderRows = input.ladder.map((l) => ({ ...l, x: show(l.x) }));
  layers.push({
    data: { values: ladderRows },
    mark: { type: 'point', filled: true, color: '#222', size: 60 },
    encoding: { x, y: { ...y, field: 'score' }, tooltip: [{ field: 'model' }, { field: 'x', title: input.axis === 'params' ? 'parameters' : 'FLOPs', format: '.3e' }, { field: 'score', format: '.2%' }] },
  });
  const actual = input.target.actual;
  if (actual !== undefined && actual !== null) {
    layers.push({
      data: { values: [{ x: targetX, score: actual, label: `actual ${(100 * actual).toFixed(1)}%` }] },
      mark: { type: 'point', shape: 'cross', color: '#000', size: 140, strokeWidth: 2.5, clip: true },
      encoding: { x, y: { ...y, field: 'score' }, tooltip: [{ field: 'label' }] },
    });
    // The label goes where it covers no interval, prediction or ladder point, with a leader line if it had to move away.
    const px = (v: number) => toPixel(xScale, v);
    const py = (v: number) => toPixel(yScale, Math.min(1, Math.max(0, v)));
    const obstacles = [
      ...predRows.map((r) => ({ x0: px(r.x) - 2, y0: py(r.hi), x1: px(r.x) + 2, y1: py(r.lo) })),
      ...predRows.map((r) => pointBox(px(r.x), py(r.value), r.size)),
      ...ladderRows.map((l) => pointBox(px(l.x), py(l.score), 60)),
    ];
    const soft = input.curves.flatMap((c) => lineObstacles(c.points.map((p) => ({ x: px(show(p.x)), y: py(p.y) }))));
    const placed = placeLabels([{ text: `actual ${(100 * actual).toFixed(1)}%`, fontSize: 11, point: { x: targetPx, y: py(actual), r: 7 } }], { width: WIDTH, height: HEIGHT, obstacles, soft });
    layers.push(...labelLayers(placed, [{ x: targetX, y: actual }], { x, y, xScale, yScale, style: { fontSize: 11, color: '#000' }, leaderColor: '#666' }));
  }
  const intervalMark = (informative: boolean) => ({
    transform: [{ filter: informative ? 'datum.informative' : '!datum.informative' }],
    // Lighter than the points, and clipped to the plot; an interval over (nearly) all of [0, 100] is a thin dotted line.
    mark: informative ? { type: 'rule', strokeWidth: 2, opacity: 0.45, clip: true } : { type: 'rule', strokeWidth: 1, strokeDash: [1, 2], opacity: 0.5, clip: true },
    encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color },
  });
  layers.push({
    data: { values: predRows },
    layer: [
      intervalMark(true),
      ...(predRows.some((r) => !r.informative) ? [intervalMark(false)] : []),
      {
        mark: { type: 'point', filled: true, stroke: 'white', strokeWidth: 1, opacity: 1, clip: true },
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
  const defInterval = def?.interval ? ` (95% interval ${(100 * def.interval[0]).toFixed(1)}–${(100 * def.interval[1]).toFixed(1)}%${def.interval[1] - def.interval[0] >= UNINFORMATIVE_SPAN ? ': uninformative' : ''})` : '';
  const uninformative = predRows.some((r) => !r.informative) ? '; dotted: an uninformative interval' : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${input.benchmark}: scaling curve and prediction of ${input.target.name}`,
      subtitle: def
        ? `${def.method === 'default' ? 'default' : `default ${def.method}`}: ${(100 * def.value).toFixed(1)}%${defInterval}; dots: ladder models; dashed: extrapolation${uninformative}`
        : input.predictions.length === 0
          ? ['no method could predict the target: dots are the ladder models', ...(input.refusals ?? []).slice(0, 5).map((r) => (r.length > 110 ? `${r.slice(0, 107)}…` : r))]
          : `dots: ladder models; dashed: extrapolation${uninformative}`,
    },
    width: WIDTH,
    height: HEIGHT,
    config: CHART_CONFIG,
    layer: layers,
  } as TopLevelSpec;
}

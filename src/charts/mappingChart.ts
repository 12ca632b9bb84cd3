/**
 * COD's subset→full map of one benchmark: the fitted map (spline, or its fallback) over the
 * predictable subset's accuracy, the ladder and anchor models it was fitted to, the identity line,
 * and the target's mapped prediction.
 *
 * @example mappingChart({ benchmark: 'gsm8k', target: '70B', diagnostics, prediction: 0.61 })
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CodDiagnostics } from '../predict/codPrediction.js';
import { CHART_CONFIG } from './chartStyle.js';

/** What the mapping chart shows. */
export interface MappingChartInput {
  benchmark: string;
  target: string;
  mapping: CodDiagnostics['mapping'];
  /** The subset's extrapolated accuracy at the target (the map's input). */
  subsetPrediction: number | null;
  /** COD's prediction (the map's output). */
  prediction: number | null;
  interval?: [number, number] | null;
}

/**
 * The Vega-Lite spec.
 *
 * @throws RangeError when the map has no curve
 */
export function mappingChart(input: MappingChartInput): TopLevelSpec {
  if (input.mapping.curve.length === 0) throw new RangeError(`${input.benchmark}: the subset→full map has no curve`);
  const axis = { type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };
  const layers: object[] = [
    { data: { values: [{ a: 0 }, { a: 1 }] }, mark: { type: 'line', strokeDash: [3, 3], color: '#bbb' }, encoding: { x: { ...axis, field: 'a', title: 'Accuracy on the predictable subset' }, y: { ...axis, field: 'a', title: `Accuracy on all of ${input.benchmark}` } } },
    {
      data: { values: input.mapping.curve },
      mark: { type: 'line', color: '#4e79a7', strokeWidth: 2.5 },
      encoding: { x: { ...axis, field: 'subset' }, y: { ...axis, field: 'full' } },
    },
    {
      data: { values: input.mapping.points.map((p) => ({ ...p, role: p.anchor ? 'anchor model' : 'ladder model' })) },
      mark: { type: 'point', filled: true, size: 70 },
      encoding: {
        x: { ...axis, field: 'subset' },
        y: { ...axis, field: 'full' },
        shape: { field: 'role', type: 'nominal', title: 'Fitted to', scale: { domain: ['ladder model', 'anchor model'], range: ['circle', 'square'] } },
        color: { field: 'role', type: 'nominal', title: 'Fitted to', scale: { domain: ['ladder model', 'anchor model'], range: ['#222', '#f28e2b'] } },
        tooltip: [{ field: 'model' }, { field: 'subset', format: '.2%' }, { field: 'full', format: '.2%' }],
      },
    },
  ];
  if (input.subsetPrediction !== null && input.prediction !== null) {
    const row = {
      zero: 0,
      subset: Math.min(1, Math.max(0, input.subsetPrediction)),
      full: input.prediction,
      label: `${input.target}: subset ${(100 * input.subsetPrediction).toFixed(1)}% → ${(100 * input.prediction).toFixed(1)}%`,
    };
    layers.push({
      data: { values: [row] },
      layer: [
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#e15759' }, encoding: { x: { ...axis, field: 'subset' }, y: { ...axis, field: 'zero' }, y2: { field: 'full' } } },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#e15759' }, encoding: { y: { ...axis, field: 'full' }, x: { ...axis, field: 'zero' }, x2: { field: 'subset' } } },
        { mark: { type: 'point', shape: 'diamond', filled: true, size: 170, color: '#e15759' }, encoding: { x: { ...axis, field: 'subset' }, y: { ...axis, field: 'full' }, tooltip: [{ field: 'label' }] } },
        { mark: { type: 'text', align: 'right', dx: -10, dy: -10, fontSize: 11, color: '#e15759' }, encoding: { x: { ...axis, field: 'subset' }, y: { ...axis, field: 'full' }, text: { field: 'label' } } },
      ],
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${input.benchmark}: subset→full map (${input.mapping.kind})`,
      subtitle: `${input.mapping.points.length} models; RMSE ${input.mapping.rmse === null ? '—' : (100 * input.mapping.rmse).toFixed(2)} points; dashed grey: identity`,
    },
    width: 400,
    height: 360,
    config: CHART_CONFIG,
    layer: layers,
  } as TopLevelSpec;
}

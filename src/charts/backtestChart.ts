/**
 * A backtest as a picture: for every benchmark and method, the mean absolute error in predicting the
 * hidden ladder models (bar) and the largest (tick), with the average over benchmarks as an "all"
 * group, as the COD paper's Table 1 reports them; the default is the method `default`.
 *
 * @example backtestChart({ heldOut: ['7B', '12B'], rows: backtestRows(results) })
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BenchmarkBacktest } from '../predict/predictSuite.js';
import { CHART_CONFIG, colorScale, METHOD_COLORS } from './chartStyle.js';

/** One bar: a method's errors on a benchmark, in accuracy points. */
export interface BacktestRow {
  benchmark: string;
  method: string;
  meanError: number;
  maxError: number;
}

/** What the backtest chart shows. */
export interface BacktestChartInput {
  heldOut: string[];
  rows: BacktestRow[];
  /** Methods that could not predict some benchmark: `method: benchmarks`. */
  missing: string[];
}

/** The name of the group over every benchmark (it cannot clash: benchmarks never have spaces here). */
export const ALL_BENCHMARKS = 'all benchmarks';

/**
 * The chart's rows from backtest results (errors in points; the default as method `default`),
 * plus an {@link ALL_BENCHMARKS} group for each method that predicted every benchmark: the mean of its
 * mean errors and the largest error over every benchmark and hidden model. A method that missed a
 * benchmark gets no group (its average would be over other benchmarks than the rest's).
 */
export function backtestInput(results: readonly BenchmarkBacktest[]): BacktestChartInput {
  const rows: BacktestRow[] = [];
  const missing = new Map<string, string[]>();
  for (const r of results) {
    const all = [...r.methods.map((m) => ({ method: m.method as string, meanError: m.meanError, maxError: m.maxError })), ...(r.auto ? [{ method: 'default', meanError: r.auto.meanError, maxError: r.auto.maxError }] : [])];
    for (const m of all) {
      if (m.meanError === null || m.maxError === null) {
        missing.set(m.method, [...(missing.get(m.method) ?? []), r.benchmark]);
        continue;
      }
      rows.push({ benchmark: r.benchmark, method: m.method, meanError: 100 * m.meanError, maxError: 100 * m.maxError });
    }
  }
  const methods = [...new Set(rows.map((r) => r.method))];
  const group = results.length > 1 ? (results.some((r) => r.benchmark === ALL_BENCHMARKS) ? `${ALL_BENCHMARKS} (group)` : ALL_BENCHMARKS) : null;
  for (const method of methods) {
    if (group === null || missing.has(method)) continue;
    const mine = rows.filter((r) => r.method === method);
    rows.push({ benchmark: group, method, meanError: mine.reduce((a, r) => a + r.meanError, 0) / mine.length, maxError: Math.max(...mine.map((r) => r.maxError)) });
  }
  return { heldOut: results[0]?.heldOut ?? [], rows, missing: [...missing.entries()].map(([m, b]) => `${m}: ${b.join(', ')}`) };
}

/**
 * The Vega-Lite spec.
 *
 * @throws RangeError when there is nothing to draw
 */
export function backtestChart(input: BacktestChartInput): TopLevelSpec {
  if (input.rows.length === 0) throw new RangeError('the backtest has no errors to draw');
  const methods = [...new Set(input.rows.map((r) => r.method))];
  const benchmarks = [...new Set(input.rows.map((r) => r.benchmark))];
  const color = { field: 'method', type: 'nominal' as const, title: 'Method', scale: colorScale(methods, METHOD_COLORS), legend: { symbolOpacity: 1 } };
  const x = { field: 'benchmark', type: 'nominal' as const, title: null, sort: benchmarks, axis: { labelAngle: 0 } };
  const xOffset = { field: 'method', type: 'nominal' as const, sort: methods };
  const y = { type: 'quantitative' as const, title: 'Absolute error (accuracy points)', stack: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Backtest: predicting ${input.heldOut.join(' and ')} from the smaller ladder models`,
      subtitle: [
        'bar: mean absolute error over the hidden models; tick: the largest',
        `"${ALL_BENCHMARKS}": the mean of the means and the largest error of all`,
        ...(input.missing.length > 0 ? [`no prediction — ${input.missing.join('; ')}`] : []),
      ],
    },
    width: { step: 18 },
    height: 300,
    config: CHART_CONFIG,
    data: { values: input.rows },
    encoding: { x, xOffset },
    layer: [
      { mark: { type: 'bar' }, encoding: { color, y: { ...y, field: 'meanError' }, tooltip: [{ field: 'benchmark' }, { field: 'method' }, { field: 'meanError', title: 'mean (pts)', format: '.2f' }, { field: 'maxError', title: 'max (pts)', format: '.2f' }] } },
      { mark: { type: 'tick', thickness: 2.5, color: '#222', opacity: 1, size: 14 }, encoding: { y: { ...y, field: 'maxError' } } },
    ],
  } as TopLevelSpec;
}

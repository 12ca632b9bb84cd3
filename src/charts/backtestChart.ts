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
import { textWidth } from './textBox.js';

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
  /** How many benchmarks were backtested. @default those with a bar */
  benchmarks?: number;
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
  return { heldOut: results[0]?.heldOut ?? [], rows, missing: [...missing.entries()].map(([m, b]) => `${m}: ${b.join(', ')}`), benchmarks: results.length };
}

/** Pixels per bar. */
const BAR_STEP = 18;
/** Widest row of bars, px: the PNG (at 2×) stays under 4,000 px with the legend. */
const MAX_ROW_WIDTH = 1400;
/** Benchmarks named one by one in the "no prediction" line; beyond, a count. */
const NAMED_MISSING = 6;

/**
 * How many benchmarks go on one row of bars: as many as fit in {@link MAX_ROW_WIDTH} (each takes
 * its methods' bars plus the band's padding, ≈ 1.25 × methods × {@link BAR_STEP} px), at most 20.
 *
 * @example benchmarksPerRow(7) // => 8
 */
export function benchmarksPerRow(methods: number): number {
  return Math.max(1, Math.min(20, Math.floor(MAX_ROW_WIDTH / (1.25 * Math.max(1, methods) * BAR_STEP))));
}

/** Longest line of the subtitle, in characters (Vega sizes the chart by the full text even when it truncates). */
const MAX_LINE = 150;

/**
 * "cod: a, b, c"; "cod: all 65 benchmarks" when it missed every one; past {@link NAMED_MISSING}
 * benchmarks, "cod: a, b, c, … (45 of 65 benchmarks)"; never longer than {@link MAX_LINE}.
 */
function missingLine(entry: string, benchmarks: number): string {
  const [method, list] = entry.split(': ') as [string, string];
  const names = list.split(', ');
  const line =
    names.length === benchmarks && benchmarks > 1
      ? `${method}: all ${benchmarks} benchmarks`
      : names.length <= NAMED_MISSING
        ? entry
        : `${method}: ${names.slice(0, 3).join(', ')}, … (${names.length} of ${benchmarks} benchmarks)`;
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** "no prediction — a; b; c" on one line when it is short enough, else one line per method. */
function missingLines(parts: readonly string[]): string[] {
  if (parts.length === 0) return [];
  const one = `no prediction — ${parts.join('; ')}`;
  return one.length <= MAX_LINE ? [one] : parts.map((p, i) => `${i === 0 ? 'no prediction — ' : ''}${p}`);
}

/**
 * The Vega-Lite spec: one row of bars per {@link benchmarksPerRow} benchmarks, so that the chart
 * wraps instead of growing without bound; names that do not fit under their bars are set at an angle.
 *
 * @throws RangeError when there is nothing to draw
 */
export function backtestChart(input: BacktestChartInput): TopLevelSpec {
  if (input.rows.length === 0) throw new RangeError('the backtest has no errors to draw');
  const methods = [...new Set(input.rows.map((r) => r.method))];
  const benchmarks = [...new Set(input.rows.map((r) => r.benchmark))];
  const perRow = benchmarksPerRow(methods.length);
  const rowOf = new Map(benchmarks.map((b, i) => [b, Math.floor(i / perRow)]));
  const rows = input.rows.map((r) => ({ ...r, row: rowOf.get(r.benchmark)! }));
  const wrapped = benchmarks.length > perRow;
  // A name wider than its group of bars would run into the next one: set it at an angle.
  const band = 1.25 * methods.length * BAR_STEP;
  const angled = benchmarks.some((b) => textWidth(b, 11) > band - 8);
  const color = { field: 'method', type: 'nominal' as const, title: 'Method', scale: colorScale(methods, METHOD_COLORS), legend: { symbolOpacity: 1 } };
  const x = { field: 'benchmark', type: 'nominal' as const, title: null, sort: benchmarks, axis: angled ? { labelAngle: -35, labelLimit: 240 } : { labelAngle: 0 } };
  const xOffset = { field: 'method', type: 'nominal' as const, sort: methods };
  const y = { type: 'quantitative' as const, title: 'Absolute error (accuracy points)', stack: null };
  const layer = [
    { mark: { type: 'bar' }, encoding: { color, y: { ...y, field: 'meanError' }, tooltip: [{ field: 'benchmark' }, { field: 'method' }, { field: 'meanError', title: 'mean (pts)', format: '.2f' }, { field: 'maxError', title: 'max (pts)', format: '.2f' }] } },
    { mark: { type: 'tick', thickness: 2.5, color: '#222', opacity: 1, size: 14 }, encoding: { y: { ...y, field: 'maxError' } } },
  ];
  const title = {
    text: `Backtest: predicting ${input.heldOut.join(' and ')} from the smaller ladder models`,
    subtitle: [
      'bar: mean absolute error over the hidden models; tick: the largest',
      `"${ALL_BENCHMARKS}": the mean of the means and the largest error of all`,
      ...missingLines(input.missing.map((m) => missingLine(m, input.benchmarks ?? benchmarks.filter((b) => !b.startsWith(ALL_BENCHMARKS)).length))),
    ],
    limit: MAX_ROW_WIDTH,
  };
  const common = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, config: CHART_CONFIG };
  if (!wrapped) return { ...common, data: { values: rows }, width: { step: BAR_STEP }, height: 300, encoding: { x, xOffset }, layer } as TopLevelSpec;
  // One view per row, stacked (each with its own benchmarks on x; the error axis shared so that rows compare).
  const count = Math.ceil(benchmarks.length / perRow);
  return {
    ...common,
    vconcat: Array.from({ length: count }, (_, k) => ({
      data: { values: rows.filter((r) => r.row === k) },
      width: { step: BAR_STEP },
      height: 200,
      encoding: { x: { ...x, sort: benchmarks.slice(k * perRow, (k + 1) * perRow) }, xOffset },
      layer,
    })),
    spacing: 16,
    resolve: { scale: { x: 'independent', y: 'shared' } },
  } as TopLevelSpec;
}

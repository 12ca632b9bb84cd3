/**
 * Capacity density over release date: every model's density (log axis) on its release date, the
 * envelope models marked, models beyond the reference's reach drawn at their lower bound, the fitted
 * densing law, and the doubling time with its interval written on the chart. Hovering a point names
 * the model.
 *
 * @example densityChart(densityAnalysis(benchmarks, models, { reference }))
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DensityAnalysisResult } from '../density/densityAnalysis.js';
import { addDays, daysSince, envelope as envelopeOf } from '../density/densingLaw.js';
import { CHART_CONFIG } from './chartStyle.js';
import { labelLayers } from './labelLayers.js';
import { lineObstacles, placeLabels, pointBox, type LabelRequest } from './labelPlacer.js';
import { dateMs, niceLogDomain, toPixel, type PlotScale } from './plotScale.js';

const WIDTH = 620;
const HEIGHT = 360;
/** Area of a model's point, px². */
const POINT_SIZE = 55;

const sig = (v: number) => Number(v.toPrecision(3));

/**
 * Why the density chart of `result` would be empty, or undefined when there is something to draw:
 * the chart shows the models outside the reference that have a release date and a density (or a
 * lower bound).
 */
export function emptyDensityChart(result: DensityAnalysisResult): string | undefined {
  const head = result.average ?? result.benchmarks[0]!;
  const drawable = head.models.some((m) => m.releaseDate !== null && !m.reference && (m.density !== null || m.densityBound?.side === 'lower'));
  return drawable ? undefined : 'no model outside the reference has both a release date and a density';
}

/**
 * The Vega-Lite spec of the headline (the benchmark average, or the single benchmark).
 *
 * @param referenceName how to call the reference in the title (e.g. `Qwen1.5`)
 * @throws RangeError when no model has both a density and a release date
 */
export function densityChart(result: DensityAnalysisResult, referenceName: string): TopLevelSpec {
  const head = result.average ?? result.benchmarks[0]!;
  // The envelope as fitted, or — without a fit — the record-setters themselves.
  const dated = head.models.filter((m) => m.density !== null && m.releaseDate !== null && !m.reference).map((m) => ({ model: m.model, date: m.releaseDate!, density: m.density! }));
  const envelope = new Set(result.law?.on === 'envelope' ? result.law.points.map((p) => p.model) : envelopeOf(dated).map((p) => p.model));
  const rows = head.models
    .filter((m) => m.releaseDate !== null && !m.reference && (m.density !== null || m.densityBound?.side === 'lower'))
    .map((m) => ({
      model: m.model,
      family: m.family ?? '',
      date: m.releaseDate!,
      params: m.params === null ? '' : `${sig(m.params / 1e9)}B`,
      effective: m.effective?.value ? `${sig(m.effective.value / 1e9)}B` : m.effective?.bound ? `> ${sig(m.effective.bound / 1e9)}B` : '',
      density: m.density ?? m.densityBound!.value,
      shown: m.density !== null ? sig(m.density) : `> ${sig(m.densityBound!.value)}`,
      kind: m.density === null ? 'beyond the reference (lower bound)' : envelope.has(m.model) ? 'envelope (new record)' : 'other models',
      interval: m.densityInterval ? `${sig(m.densityInterval[0])}–${sig(m.densityInterval[1])}` : '',
    }));
  if (rows.length === 0) throw new RangeError('no model has a density and a release date to draw');
  const kinds = ['envelope (new record)', 'other models', 'beyond the reference (lower bound)'];
  const law = result.law;
  const line =
    law === null
      ? []
      : (() => {
          const ts = [...law.points.map((p) => p.t), ...rows.map((r) => daysSince(law.origin, r.date))];
          return [Math.min(...ts), Math.max(...ts)].map((t) => ({ date: addDays(law.origin, t), density: Math.exp(law.A * t + law.B) }));
        })();
  // Scales fixed here (no `nice`), so that labels can be placed in pixels before Vega draws.
  const ms = [...rows, ...line].map((r) => dateMs(r.date));
  const span = Math.max(...ms) - Math.min(...ms);
  const padMs = Math.max(15 * 86_400_000, 0.02 * span);
  const xScale: PlotScale = { type: 'time', domain: [Math.min(...ms) - padMs, Math.max(...ms) + padMs], range: [0, WIDTH] };
  const yScale: PlotScale = { type: 'log', domain: niceLogDomain([...rows.map((r) => r.density), ...line.map((l) => l.density), 1]), range: [HEIGHT, 0] };
  const x = { field: 'date', type: 'temporal' as const, title: 'Release date', scale: { domain: [...xScale.domain], nice: false }, axis: { format: '%Y-%m', labelAngle: 0, tickCount: { interval: 'month', step: 3 } } };
  const y = { field: 'density', type: 'quantitative' as const, scale: { type: 'log' as const, domain: [...yScale.domain], nice: false }, title: `Capacity density ρ = N̂ / N against ${referenceName} (log scale)`, axis: { format: '~g' } };
  const { field: _yField, ...yNoField } = y;
  const layers: object[] = [
    { data: { values: [{ one: 1 }] }, mark: { type: 'rule', strokeDash: [2, 3], color: '#aaa' }, encoding: { y: { ...yNoField, datum: 1 } } },
    {
      data: { values: rows },
      mark: { type: 'point', filled: true, size: POINT_SIZE, opacity: 0.9 },
      encoding: {
        x,
        y,
        color: { field: 'kind', type: 'nominal', title: null, scale: { domain: kinds, range: ['#e15759', '#4e79a7', '#9c755f'] }, legend: { labelLimit: 320, orient: 'bottom', direction: 'horizontal' } },
        shape: { field: 'kind', type: 'nominal', title: null, scale: { domain: kinds, range: ['circle', 'circle', 'triangle-up'] }, legend: { labelLimit: 320, orient: 'bottom', direction: 'horizontal' } },
        tooltip: [
          { field: 'model' },
          { field: 'family' },
          { field: 'date', type: 'temporal', title: 'released', format: '%Y-%m-%d' },
          { field: 'params', title: 'N' },
          { field: 'effective', title: 'N̂' },
          { field: 'shown', title: 'ρ' },
          { field: 'interval', title: 'ρ 95%' },
        ],
      },
    },
  ];
  let subtitle = 'no densing-law fit: ' + (result.lawReason ?? '');
  let doubling: string | null = null;
  if (law !== null) {
    layers.push({ data: { values: line }, mark: { type: 'line', color: '#e15759', strokeWidth: 2, strokeDash: [6, 3] }, encoding: { x, y } });
    const ci = law.interval.doublingMonths;
    doubling =
      law.doublingMonths === null
        ? 'density does not grow (no doubling time)'
        : `ρ_max doubles every ${law.doublingMonths.toFixed(2)} months${ci ? ` (95% interval ${ci[0].toFixed(2)}–${ci[1] === null ? '∞' : ci[1].toFixed(2)})` : ''}`;
    subtitle = `dashed: ln ρ = ${sig(law.A)}·t ${law.B < 0 ? '−' : '+'} ${sig(Math.abs(law.B))} (t: days since ${law.origin}), R² ${law.r2.toFixed(2)}, fitted to ${law.on === 'envelope' ? `the envelope of ${law.points.length} models` : `all ${law.points.length} models`}`;
  }
  // Labels: the doubling time in a free corner first, then the envelope's names (oldest first) where
  // they cover no point and no other label, with a leader line when moved away from their point.
  const px = (r: { date: string; density: number }) => ({ x: toPixel(xScale, dateMs(r.date)), y: toPixel(yScale, r.density) });
  const obstacles = rows.map((r) => {
    const p = px(r);
    return pointBox(p.x, p.y, POINT_SIZE);
  });
  const soft = lineObstacles(line.map(px));
  const named = rows.filter((r) => r.kind === 'envelope (new record)').sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.model < b.model ? -1 : 1));
  const requests: LabelRequest[] = [
    ...(doubling === null
      ? []
      : [
          {
            text: doubling,
            fontSize: 13,
            bold: true,
            candidates: [
              { x: WIDTH - 6, y: HEIGHT - 14, anchor: 'end' as const },
              { x: 6, y: 14, anchor: 'start' as const },
              { x: 6, y: HEIGHT - 14, anchor: 'start' as const },
              { x: WIDTH - 6, y: 14, anchor: 'end' as const },
            ],
          },
        ]),
    ...named.map((r) => ({ text: r.model, fontSize: 10, point: { ...px(r), r: Math.sqrt(POINT_SIZE / Math.PI) } })),
  ];
  const placed = placeLabels(requests, { width: WIDTH, height: HEIGHT, obstacles, soft });
  const asData = (r: { date: string; density: number }) => ({ x: dateMs(r.date), y: r.density });
  const options = { x: { ...x, field: 'date' }, y, xScale, yScale };
  if (doubling !== null) layers.push(...labelLayers(placed.slice(0, 1), [null], { ...options, style: { fontSize: 13, fontWeight: 'bold', color: '#a33' } }));
  layers.push(...labelLayers(placed.slice(doubling === null ? 0 : 1), named.map(asData), { ...options, style: { fontSize: 10, color: '#a33' }, leaderColor: '#d9a0a0' }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Capacity density of ${rows.length} models over release date (${head.benchmark === 'average' ? 'benchmark average' : head.benchmark})`, subtitle },
    width: WIDTH,
    height: HEIGHT,
    config: CHART_CONFIG,
    layer: layers,
  } as TopLevelSpec;
}

/**
 * A run in progress as a picture (`scalecast monitor --chart`): one panel per benchmark with the
 * run's checkpoints (dots), the default's path from the last checkpoint to the planned end with its
 * 95% band (line over a light area), the planned end (dashed rule) and the alarms (red rings, each
 * labelled with how far off the path it is). Training tokens on a log axis labelled in powers of ten;
 * at most {@link MAX_PANELS} panels, four to a row.
 *
 * @example monitorChart(monitorRun(rows, options)) // a Vega-Lite spec
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MonitorResult } from '../monitor/monitorRun.js';
import { CHART_CONFIG, LOG_AXIS_LABEL, logAxisValues } from './chartStyle.js';
import { niceLogDomain } from './plotScale.js';

/** Panels drawn at most: a chart past this many benchmarks would not be read. */
export const MAX_PANELS = 24;

/** The Vega-Lite spec of a monitor result. @throws RangeError when no benchmark has a checkpoint */
export function monitorChart(r: MonitorResult): TopLevelSpec {
  const shown = r.benchmarks.slice(0, MAX_PANELS);
  if (shown.length === 0) throw new RangeError('no benchmark has a checkpoint: there is nothing to draw');
  const rows: Record<string, unknown>[] = [];
  for (const b of shown) {
    // Alarms are checkpoints drawn again in red: every layer has rows in every panel (an empty layer
    // of a panel makes Vega warn about an infinite extent).
    for (const p of b.points) {
      if (!(p.at > 0)) continue;
      const a = b.alarms.find((x) => x.tokens === p.at);
      rows.push({ benchmark: b.benchmark, kind: 'checkpoint', x: p.at, y: 100 * p.score, alarm: a === undefined ? 0 : 1, label: a === undefined ? '' : `${a.residual < 0 ? '−' : '+'}${Math.abs(100 * a.residual).toFixed(1)}` });
    }
    for (const p of b.path) rows.push({ benchmark: b.benchmark, kind: 'path', x: p.at, y: 100 * p.score, lo: 100 * p.low, hi: 100 * p.high });
    rows.push({ benchmark: b.benchmark, kind: 'end', x: r.end });
  }
  const xs = rows.map((d) => d.x as number).filter((v) => v > 0);
  const domain = niceLogDomain(xs);
  const axisTitle = r.axis === 'tokens' ? 'Training tokens' : 'Training step';
  const x = { field: 'x', type: 'quantitative' as const, scale: { type: 'log' as const, domain, nice: false }, axis: { values: logAxisValues(domain, 5), labelExpr: LOG_AXIS_LABEL }, title: axisTitle };
  const y = { field: 'y', type: 'quantitative' as const, title: 'score (%)', scale: { zero: false } };
  const only = (kind: string) => ({ filter: `datum.kind === '${kind}'` });
  const more = r.benchmarks.length > shown.length ? `; the first ${shown.length} of ${r.benchmarks.length} benchmarks` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${r.run}: where it will finish`,
      subtitle: `dots: checkpoints so far; line and band: the forecast path and its 95% interval; dashed: the planned end; red rings: alarms${more}`,
    },
    data: { values: rows },
    facet: { field: 'benchmark', type: 'nominal', title: null, sort: shown.map((b) => b.benchmark) },
    columns: Math.min(4, shown.length),
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 220,
      height: 150,
      layer: [
        { transform: [only('path')], mark: { type: 'area', color: '#4e79a7', opacity: 0.15 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
        { transform: [only('path')], mark: { type: 'line', color: '#4e79a7', strokeWidth: 2 }, encoding: { x, y } },
        { transform: [only('end')], mark: { type: 'rule', strokeDash: [4, 3], color: '#888' }, encoding: { x } },
        { transform: [only('checkpoint')], mark: { type: 'point', filled: true, color: '#222', size: 30 }, encoding: { x, y } },
        { transform: [only('checkpoint')], mark: { type: 'point', filled: false, color: '#e15759', size: 160, strokeWidth: 2 }, encoding: { x, y, opacity: { field: 'alarm', type: 'quantitative', scale: null, legend: null } } },
        { transform: [only('checkpoint')], mark: { type: 'text', color: '#e15759', dy: -12, fontSize: 10 }, encoding: { x, y, text: { field: 'label' } } },
      ],
    },
    config: CHART_CONFIG,
  } as TopLevelSpec;
}

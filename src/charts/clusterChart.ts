/**
 * COD's clusters of one benchmark: every cluster's mean difficulty curve over the ladder, coloured by
 * its class (extrapolatable, non-extrapolatable, non-emergent) with its size as line width, above one
 * small panel per cluster (the largest ones) showing its mean curve and its fitted COD law carried
 * to the target.
 *
 * @example clusterChart({ benchmark: 'gsm8k', ladder, target, clusters: diagnostics.clusters })
 */
import type { TopLevelSpec } from 'vega-lite';
import { codLaw } from '../fit/laws/index.js';
import type { ClusterFit } from '../predict/clusterLaws.js';
import type { LadderModel, ScalingAxis } from '../predict/ladder.js';
import { CHART_CONFIG, CLASS_COLORS, colorScale, LOG_AXIS_LABEL } from './chartStyle.js';
import { axisTitle, curvePositions } from './scalingCurveChart.js';

/** What the cluster chart shows. */
export interface ClusterChartInput {
  benchmark: string;
  axis: ScalingAxis;
  ladder: readonly LadderModel[];
  target: { name: string; x: number };
  clusters: readonly ClusterFit[];
  /** Panels drawn for the largest clusters. @default 12 */
  panels?: number;
}

const CLASSES = ['extrapolatable', 'non-extrapolatable', 'non-emergent'];

/**
 * The Vega-Lite spec.
 *
 * @throws RangeError when there is no cluster
 */
export function clusterChart(input: ClusterChartInput): TopLevelSpec {
  if (input.clusters.length === 0) throw new RangeError(`${input.benchmark}: no clusters to draw`);
  const xs = input.ladder.map((l) => l.x);
  const curveRows = input.clusters.flatMap((c) =>
    c.curve.map((v, j) => ({ cluster: `#${c.cluster}`, size: c.size, class: c.class, reason: c.reason, x: xs[j]!, rate: v })),
  );
  const color = { field: 'class', type: 'nominal' as const, title: 'Class', scale: colorScale(CLASSES, CLASS_COLORS) };
  const x = { field: 'x', type: 'quantitative' as const, scale: { type: 'log' as const }, axis: { labelExpr: LOG_AXIS_LABEL, tickCount: 5 }, title: axisTitle(input.axis) };
  const total = input.clusters.reduce((a, c) => a + c.size, 0);
  const shares = CLASSES.map((k) => {
    const n = input.clusters.filter((c) => c.class === k).reduce((a, c) => a + c.size, 0);
    return `${k} ${((100 * n) / total).toFixed(0)}%`;
  });
  const overview = {
    title: { text: `${input.benchmark}: ${input.clusters.length} clusters of ${total} items`, subtitle: `share of clustered items: ${shares.join(', ')}; line width: cluster size` },
    width: 560,
    height: 300,
    data: { values: curveRows },
    mark: { type: 'line', point: { size: 18 } },
    encoding: {
      x,
      y: { field: 'rate', type: 'quantitative', title: 'Mean pass rate of the cluster', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color,
      detail: { field: 'cluster' },
      strokeWidth: { field: 'size', type: 'quantitative', title: 'Items', scale: { range: [0.6, 5] }, legend: null },
      opacity: { value: 0.85 },
      tooltip: [{ field: 'cluster' }, { field: 'size', title: 'items' }, { field: 'class' }, { field: 'reason' }],
    },
  };
  const largest = [...input.clusters].sort((a, b) => b.size - a.size || a.cluster - b.cluster).slice(0, input.panels ?? 12);
  const grid = curvePositions(xs, input.target.x);
  const panelRows = largest.flatMap((c) => {
    const panel = `#${c.cluster} · ${c.size} items`;
    const points = c.curve.map((v, j) => ({ panel, kind: 'mean', class: c.class, x: xs[j]!, rate: v }));
    const law = c.fit === null ? [] : grid.map((gx) => ({ panel, kind: 'law', class: c.class, x: gx, rate: Math.min(1, Math.max(0, codLaw.evaluate(c.fit!.values, [gx]))) }));
    return [...points, ...law];
  });
  const panels = {
    title: { text: `Fitted COD law of the ${largest.length} largest clusters, carried to ${input.target.name}`, subtitle: 'dots: cluster mean over the ladder; line: the fitted law; dotted: the target' },
    data: { values: panelRows },
    facet: { field: 'panel', type: 'nominal', title: null, sort: largest.map((c) => `#${c.cluster} · ${c.size} items`), header: { labelFontSize: 10 } },
    columns: 6,
    spec: {
      width: 120,
      height: 90,
      layer: [
        { mark: { type: 'rule', strokeDash: [2, 2], color: '#999' }, encoding: { x: { datum: input.target.x, type: 'quantitative', scale: { type: 'log' } } } },
        {
          transform: [{ filter: "datum.kind === 'law'" }],
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: { x: { ...x, title: null, axis: { labelExpr: LOG_AXIS_LABEL, tickCount: 3, labelFontSize: 9 } }, y: { field: 'rate', type: 'quantitative', title: null, axis: { format: '.0%', tickCount: 3, labelFontSize: 9 }, scale: { domain: [0, 1] } }, color },
        },
        {
          transform: [{ filter: "datum.kind === 'mean'" }],
          mark: { type: 'point', filled: true, size: 14, color: '#222' },
          encoding: { x: { ...x, title: null }, y: { field: 'rate', type: 'quantitative', title: null } },
        },
      ],
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    vconcat: [overview, panels],
    spacing: 24,
  } as TopLevelSpec;
}

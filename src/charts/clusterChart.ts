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
import { CHART_CONFIG, CLASS_COLORS, colorScale, LOG_AXIS_LABEL, logAxisValues } from './chartStyle.js';
import { niceLogDomain } from './plotScale.js';
import { axisTitle, axisValue, curvePositions } from './scalingCurveChart.js';

/** What the cluster chart shows. */
export interface ClusterChartInput {
  benchmark: string;
  axis: ScalingAxis;
  ladder: readonly LadderModel[];
  target: { name: string; x: number };
  clusters: readonly ClusterFit[];
  /** Most panels drawn (for the largest clusters). @default 12 */
  panels?: number;
}

/**
 * How many of `n` clusters get a panel, and in how many columns: every row full (no empty frame),
 * at most `max` panels and 6 columns, as many panels as that allows and then the fewest rows.
 *
 * @example panelGrid(10) // => { panels: 10, columns: 5 }
 * @example panelGrid(7) // => { panels: 6, columns: 6 }  (7 cannot fill whole rows of 3 to 6)
 */
export function panelGrid(n: number, max = 12): { panels: number; columns: number } {
  const most = Math.min(n, max);
  if (most <= 6) return { panels: most, columns: Math.max(1, most) };
  for (let p = most; p > 6; p--) {
    for (const c of [6, 5, 4, 3]) if (p % c === 0) return { panels: p, columns: c };
  }
  return { panels: 6, columns: 6 };
}

const CLASSES = ['extrapolatable', 'non-extrapolatable', 'non-emergent'];

/**
 * The Vega-Lite spec.
 *
 * @throws RangeError when there is no cluster
 */
export function clusterChart(input: ClusterChartInput): TopLevelSpec {
  if (input.clusters.length === 0) throw new RangeError(`${input.benchmark}: no clusters to draw`);
  const xs = input.ladder.map((l) => axisValue(input.axis, l.x));
  const curveRows = input.clusters.flatMap((c) =>
    c.curve.map((v, j) => ({ cluster: `#${c.cluster}`, size: c.size, class: c.class, reason: c.reason, x: xs[j]!, rate: v })),
  );
  // Panels only: no legend of their own, the overview's legend names the classes.
  const color = { field: 'class', type: 'nominal' as const, title: 'Class', scale: colorScale(CLASSES, CLASS_COLORS) };
  const domain = niceLogDomain(xs, 0.5);
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    scale: { type: 'log' as const, domain, nice: false },
    axis: { labelExpr: LOG_AXIS_LABEL, values: logAxisValues(domain) },
    title: axisTitle(input.axis),
  };
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
  const layout = panelGrid(input.clusters.length, input.panels ?? 12);
  const largest = [...input.clusters].sort((a, b) => b.size - a.size || a.cluster - b.cluster).slice(0, layout.panels);
  const grid = curvePositions(
    input.ladder.map((l) => l.x),
    input.target.x,
  );
  const targetX = axisValue(input.axis, input.target.x);
  const panelDomain = niceLogDomain(grid.map((g) => axisValue(input.axis, g)), 0.5);
  // One x encoding for every layer of a panel (same axis object: no conflicting axis properties).
  const panelX = {
    field: 'x',
    type: 'quantitative' as const,
    title: null,
    scale: { type: 'log' as const, domain: panelDomain, nice: false },
    axis: { labelExpr: LOG_AXIS_LABEL, values: logAxisValues(panelDomain, 3), labelFontSize: 9 },
  };
  const panelY = { field: 'rate', type: 'quantitative' as const, title: null, axis: { format: '.0%', values: [0, 0.5, 1], labelFontSize: 9 }, scale: { domain: [0, 1] } };
  const panelRows = largest.flatMap((c) => {
    const panel = `#${c.cluster} · ${c.size} items`;
    const points = c.curve.map((v, j) => ({ panel, kind: 'mean', class: c.class, x: xs[j]!, rate: v }));
    // The law is a function of the position (FLOPs); drawn against what the axis shows.
    const law = c.fit === null ? [] : grid.map((gx) => ({ panel, kind: 'law', class: c.class, x: axisValue(input.axis, gx), rate: Math.min(1, Math.max(0, codLaw.evaluate(c.fit!.values, [gx]))) }));
    return [...points, ...law];
  });
  const panels = {
    title: { text: `Fitted COD law of the ${largest.length} largest clusters, carried to ${input.target.name}`, subtitle: 'dots: cluster mean over the ladder; line: the fitted law; dotted: the target' },
    data: { values: panelRows },
    facet: { field: 'panel', type: 'nominal', title: null, sort: largest.map((c) => `#${c.cluster} · ${c.size} items`), header: { labelFontSize: 10 } },
    columns: layout.columns,
    spec: {
      width: 120,
      height: 90,
      layer: [
        { data: { values: [{ x: targetX }] }, mark: { type: 'rule', strokeDash: [2, 2], color: '#999' }, encoding: { x: panelX } },
        { transform: [{ filter: "datum.kind === 'law'" }], mark: { type: 'line', strokeWidth: 1.5, clip: true }, encoding: { x: panelX, y: panelY, color: { ...color, legend: null } } },
        { transform: [{ filter: "datum.kind === 'mean'" }], mark: { type: 'point', filled: true, size: 14, color: '#222' }, encoding: { x: panelX, y: panelY } },
      ],
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    vconcat: [overview, panels],
    spacing: 24,
    // Each part keeps its own legend: the overview's sits right next to it instead of beside the wider grid.
    resolve: { legend: { color: 'independent', strokeWidth: 'independent' } },
  } as TopLevelSpec;
}

/**
 * A Chinchilla-law fit L(N, D) = E + A/N^α + B/D^β over the (parameters, tokens) plane, both axes
 * log: iso-loss contours, iso-FLOP lines C = 6·N·D, the compute-optimal frontier, and the fitted
 * runs coloured by their loss.
 *
 * Contours are exact, not sampled on a grid: for a loss level L > E and a size N with A/N^α < L − E,
 *   D(N) = (B / (L − E − A·N^(−α)))^(1/β).
 * The frontier minimises L at fixed C = 6ND (Hoffmann et al. 2022, Approach 3):
 *   N_opt(C) = G·(C/6)^(β/(α+β)),  D_opt = (C/6)/N_opt,  G = (α·A / (β·B))^(1/(α+β)).
 *
 * @example chinchillaChart({ params: { E: 1.82, A: 482, B: 2085, alpha: 0.348, beta: 0.366 }, points })
 */
import type { TopLevelSpec } from 'vega-lite';
import { chinchilla, type ChinchillaParams } from '../fit/laws/chinchilla.js';
import { CHART_CONFIG, LOG_AXIS_LABEL, logAxisValues, powerOfTen } from './chartStyle.js';
import { labelLayers } from './labelLayers.js';
import { lineObstacles, placeLabels, pointBox, type LabelRequest } from './labelPlacer.js';
import { toPixel, type PlotScale } from './plotScale.js';

const WIDTH = 520;
const HEIGHT = 400;

export type { ChinchillaParams };

/** What the Chinchilla chart shows. */
export interface ChinchillaChartInput {
  params: ChinchillaParams;
  /** The runs the law was fitted to (optional). */
  points?: { N: number; D: number; loss: number }[];
  /** The plane drawn, [min, max] of N and of D. @default one decade around the points, or 1e7–1e12 × 1e9–1e14 */
  range?: { N: [number, number]; D: [number, number] };
  /** Loss levels of the contours. @default 8 levels spread over the plane */
  levels?: number[];
  title?: string;
}

/** The compute-optimal (N, D) at compute C. */
export function computeOptimal(p: ChinchillaParams, compute: number): { N: number; D: number } {
  const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
  const N = G * (compute / 6) ** (p.beta / (p.alpha + p.beta));
  return { N, D: compute / 6 / N };
}

/** L(N, D). */
export function chinchillaLoss(p: ChinchillaParams, N: number, D: number): number {
  return chinchilla.evaluate([p.E, p.A, p.B, p.alpha, p.beta], [N, D]);
}

const logspace = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => 10 ** (Math.log10(lo) + ((Math.log10(hi) - Math.log10(lo)) * i) / (n - 1)));

/**
 * The Vega-Lite spec.
 *
 * @throws RangeError for parameters that are not positive numbers
 */
export function chinchillaChart(input: ChinchillaChartInput): TopLevelSpec {
  const p = input.params;
  if (![p.E, p.A, p.B, p.alpha, p.beta].every((v) => v > 0 && Number.isFinite(v))) throw new RangeError('Chinchilla parameters must be finite numbers > 0');
  const pts = input.points ?? [];
  const range =
    input.range ??
    (pts.length > 0
      ? { N: [Math.min(...pts.map((q) => q.N)) / 10, Math.max(...pts.map((q) => q.N)) * 10] as [number, number], D: [Math.min(...pts.map((q) => q.D)) / 10, Math.max(...pts.map((q) => q.D)) * 10] as [number, number] }
      : { N: [1e7, 1e12] as [number, number], D: [1e9, 1e14] as [number, number] });
  const lossLo = chinchillaLoss(p, range.N[1], range.D[1]);
  const lossHi = chinchillaLoss(p, range.N[0], range.D[0]);
  const levels = input.levels ?? Array.from({ length: 8 }, (_, i) => Number((lossLo + ((lossHi - lossLo) * (i + 0.5)) / 8).toPrecision(3)));
  const ns = logspace(range.N[0], range.N[1], 160);
  const contours = levels.flatMap((L) =>
    ns.flatMap((N) => {
      const rest = L - p.E - p.A * N ** -p.alpha;
      if (!(rest > 0)) return [];
      const D = (p.B / rest) ** (1 / p.beta);
      return D >= range.D[0] && D <= range.D[1] ? [{ level: `L = ${L}`, N, D }] : [];
    }),
  );
  const cLo = 6 * range.N[0] * range.D[0];
  const cHi = 6 * range.N[1] * range.D[1];
  const frontier = logspace(cLo, cHi, 120)
    .map((C) => ({ C, ...computeOptimal(p, C) }))
    .filter((q) => q.N >= range.N[0] && q.N <= range.N[1] && q.D >= range.D[0] && q.D <= range.D[1]);
  const flops = logspace(cLo, cHi, Math.round(Math.log10(cHi / cLo)) + 1)
    .map((C) => Number(C.toPrecision(1)))
    .filter((C, i, all) => i % 2 === 1 && all.indexOf(C) === i);
  const isoFlop = flops.flatMap((C) => ns.map((N) => ({ C: `${powerOfTen(C)} FLOPs`, N, D: C / 6 / N })).filter((q) => q.D >= range.D[0] && q.D <= range.D[1]));
  const xScale: PlotScale = { type: 'log', domain: range.N, range: [0, WIDTH] };
  const yScale: PlotScale = { type: 'log', domain: range.D, range: [HEIGHT, 0] };
  const x = { field: 'N', type: 'quantitative' as const, scale: { type: 'log' as const, domain: range.N }, axis: { labelExpr: LOG_AXIS_LABEL, values: logAxisValues(range.N) }, title: 'Parameters N (log scale)' };
  const y = { field: 'D', type: 'quantitative' as const, scale: { type: 'log' as const, domain: range.D }, axis: { labelExpr: LOG_AXIS_LABEL, values: logAxisValues(range.D) }, title: 'Training tokens D (log scale)' };
  const layers: object[] = [
    { data: { values: isoFlop }, mark: { type: 'line', strokeDash: [1, 3], color: '#999', clip: true }, encoding: { x, y, detail: { field: 'C' } } },
    {
      data: { values: contours },
      mark: { type: 'line', clip: true, strokeWidth: 1.5 },
      encoding: { x, y, color: { field: 'level', type: 'nominal', title: 'Iso-loss (nats/token)', sort: levels.map((L) => `L = ${L}`), scale: { scheme: 'viridis' } }, detail: { field: 'level' } },
    },
    { data: { values: frontier }, mark: { type: 'line', color: '#e15759', strokeWidth: 3 }, encoding: { x, y, tooltip: [{ field: 'C', format: '.2e', title: 'compute' }, { field: 'N', format: '.3s' }, { field: 'D', format: '.3s' }] } },
  ];
  // Labels along their lines, inside the plot, where they cover no other label and no fitted run:
  // the frontier's first, then each iso-FLOP line's, tried from its lower-right end inwards.
  const px = (q: { N: number; D: number }) => ({ x: toPixel(xScale, q.N), y: toPixel(yScale, q.D) });
  const obstacles = pts.map((q) => {
    const p = px(q);
    return pointBox(p.x, p.y, 30);
  });
  const byLine = <R extends { N: number; D: number }>(rows: readonly R[], key: (r: R) => string) => {
    const groups = new Map<string, { x: number; y: number }[]>();
    for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), px(r)]);
    return [...groups.values()];
  };
  const soft = [
    ...byLine(contours, (r) => r.level).flatMap((l) => lineObstacles(l)),
    ...byLine(isoFlop, (r) => r.C).flatMap((l) => lineObstacles(l)),
    ...lineObstacles(frontier.map(px)),
  ];
  const requests: LabelRequest[] = [];
  const frontierText = frontier.length > 0 ? (() => {
    const end = frontier[Math.floor(frontier.length * 0.75)]!;
    return `compute-optimal: D/N ≈ ${(end.D / end.N).toFixed(0)} at ${powerOfTen(end.C)} FLOPs`;
  })() : null;
  if (frontierText !== null) {
    const along = [0.75, 0.65, 0.85, 0.55, 0.45, 0.35, 0.25, 0.15].map((f) => px(frontier[Math.min(frontier.length - 1, Math.floor(frontier.length * f))]!));
    requests.push({ text: frontierText, fontSize: 11, bold: true, candidates: along.flatMap((p) => [{ x: p.x - 10, y: p.y - 10, anchor: 'end' as const }, { x: p.x + 10, y: p.y + 10, anchor: 'start' as const }]) });
  }
  const flopLines = [...new Set(isoFlop.map((q) => q.C))].map((C) => ({ C, points: isoFlop.filter((q) => q.C === C) }));
  for (const l of flopLines) {
    const along = l.points.map(px).reverse().filter((_, i) => i % 6 === 0);
    // The lines fall to the right: a label ending left of a point and below it, or starting right of it and above, clears its own line.
    requests.push({ text: l.C, fontSize: 9, candidates: along.flatMap((p) => [{ x: p.x - 3, y: p.y + 7, anchor: 'end' as const }, { x: p.x + 3, y: p.y - 7, anchor: 'start' as const }]) });
  }
  const placed = placeLabels(requests, { width: WIDTH, height: HEIGHT, obstacles, soft });
  const options = { x, y, xScale, yScale };
  const first = frontierText === null ? 0 : 1;
  if (frontierText !== null) layers.push(...labelLayers(placed.slice(0, 1), [null], { ...options, style: { fontSize: 11, fontWeight: 'bold', color: '#e15759' } }));
  layers.push(...labelLayers(placed.slice(first), placed.slice(first).map(() => null), { ...options, style: { fontSize: 9, color: '#777' } }));
  if (pts.length > 0) {
    layers.push({
      data: { values: pts },
      mark: { type: 'point', filled: true, size: 30, color: '#222', opacity: 0.7 },
      encoding: { x, y, tooltip: [{ field: 'N', format: '.3s' }, { field: 'D', format: '.3s' }, { field: 'loss', format: '.4f' }] },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: input.title ?? 'Chinchilla fit: iso-loss contours and the compute-optimal frontier',
      subtitle: `L = ${p.E.toPrecision(4)} + ${p.A.toPrecision(4)}/N^${p.alpha.toPrecision(3)} + ${p.B.toPrecision(4)}/D^${p.beta.toPrecision(3)}; red: compute-optimal frontier; dotted: iso-FLOP lines${pts.length > 0 ? `; dots: the ${pts.length} fitted runs` : ''}`,
    },
    width: WIDTH,
    height: HEIGHT,
    config: CHART_CONFIG,
    layer: layers,
  } as TopLevelSpec;
}

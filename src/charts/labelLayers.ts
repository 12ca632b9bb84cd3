/**
 * Placed labels as Vega-Lite layers: one text layer per alignment (alignment is a mark property, not
 * an encoding) at the placed positions turned back into data values, and one rule layer for the
 * leader lines. The x and y encodings are the chart's own (same scale, same axis object), with the
 * field replaced, so that the layers add no conflicting axis property.
 *
 * @example layers.push(...labelLayers(placed, points, { x, y, xScale, yScale, style: { fontSize: 10, color: '#a33' } }));
 */
import { fromPixel, type PlotScale } from './plotScale.js';
import type { PlacedLabel } from './labelPlacer.js';

/** How to draw the labels. */
export interface LabelLayerOptions {
  /** The chart's x and y encodings (their `field` is replaced). */
  x: Record<string, unknown>;
  y: Record<string, unknown>;
  xScale: PlotScale;
  yScale: PlotScale;
  style: { fontSize: number; color: string; fontWeight?: 'bold' | 'normal' };
  /** Colour of the leader lines. @default '#999' */
  leaderColor?: string;
}

const ALIGN = { start: 'left', middle: 'center', end: 'right' } as const;

/**
 * The layers of `placed`; `points[i]` is the data position (x, y) the i-th label names, for leaders.
 */
export function labelLayers(placed: readonly PlacedLabel[], points: readonly ({ x: number; y: number } | null)[], o: LabelLayerOptions): object[] {
  const layers: object[] = [];
  for (const anchor of ['start', 'middle', 'end'] as const) {
    const rows = placed.filter((p) => p.anchor === anchor).map((p) => ({ lx: fromPixel(o.xScale, p.x), ly: fromPixel(o.yScale, p.y), text: p.text }));
    if (rows.length === 0) continue;
    layers.push({
      data: { values: rows },
      mark: { type: 'text', align: ALIGN[anchor], baseline: 'middle', fontSize: o.style.fontSize, color: o.style.color, ...(o.style.fontWeight ? { fontWeight: o.style.fontWeight } : {}) },
      encoding: { x: { ...o.x, field: 'lx' }, y: { ...o.y, field: 'ly' }, text: { field: 'text' } },
    });
  }
  // A leader is a two-point line (not a rule with x2/y2: a temporal x2 makes Vega-Lite warn of conflicting domains).
  const leaders = placed.flatMap((p, i) => {
    const at = points[i];
    if (p.leader === null || at === null || at === undefined) return [];
    return [
      { leader: i, lx: at.x, ly: at.y },
      { leader: i, lx: fromPixel(o.xScale, p.leader.x), ly: fromPixel(o.yScale, p.leader.y) },
    ];
  });
  if (leaders.length > 0) {
    layers.push({
      data: { values: leaders },
      mark: { type: 'line', color: o.leaderColor ?? '#999', strokeWidth: 0.8 },
      encoding: { x: { ...o.x, field: 'lx' }, y: { ...o.y, field: 'ly' }, detail: { field: 'leader', type: 'nominal' } },
    });
  }
  return layers;
}

/**
 * A deterministic greedy label placer: labels are placed one after the other, in the order given
 * (most important first), each at the first candidate position whose text box stays inside the plot
 * and overlaps no label placed before it and no obstacle (points, interval bars, fixed text).
 *
 * Candidates of a label attached to a point: eight directions (E, W, NE, NW, SE, SW, N, S) at a
 * distance growing ring by ring (the point's radius + 3 px, then 12 px further each ring, up to
 * {@link RINGS} rings). A label placed beyond the first ring gets a leader line to its point.
 * A label without a point (e.g. a note in a corner) lists its own candidates.
 *
 * "Soft" obstacles (lines sampled as dots) are avoided when possible: a candidate clear of every
 * obstacle wins over one that only avoids the hard ones; when no candidate avoids the hard ones the
 * least-overlapping one is taken, so every label is drawn.
 *
 * Text boxes come from {@link textBox}, with Vega's `baseline: 'middle'` (the alphabetic baseline
 * 0.30 em below the anchor).
 *
 * @example
 * const [p] = placeLabels([{ text: 'phi-2', fontSize: 10, point: { x: 100, y: 50, r: 4 } }], { width: 600, height: 300 });
 * // p.anchor === 'start', p.x === 107 (right of the point), p.leader === false
 */
import { textBox, overlapArea, type Box } from './textBox.js';

/** A label to place. */
export interface LabelRequest {
  text: string;
  fontSize: number;
  bold?: boolean;
  /** The point the label names, in px, with its radius. */
  point?: { x: number; y: number; r: number };
  /** Positions to try instead of the rings around a point (anchor at the text's vertical middle). */
  candidates?: { x: number; y: number; anchor: 'start' | 'middle' | 'end' }[];
}

/** Where a label went. */
export interface PlacedLabel {
  text: string;
  /** The text's anchor in px (SVG x; y at the vertical middle of the text, Vega's `baseline: 'middle'`). */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
  /** Where the leader line ends, near the label (px), when the label is far from its point. */
  leader: { x: number; y: number } | null;
  /** True when no candidate avoided every other label and hard obstacle. */
  overlaps: boolean;
}

/** The plot and what labels must avoid. */
export interface PlacementArea {
  width: number;
  height: number;
  /** Boxes no label may cover (points, bars, fixed text). */
  obstacles?: readonly Box[];
  /** Boxes labels avoid when they can (lines sampled as small boxes). */
  soft?: readonly Box[];
  /** Room labels may take outside the plot on each side, in px. @default 0 */
  overhang?: { left?: number; right?: number; top?: number; bottom?: number };
}

/** Rings of candidates around a point. */
export const RINGS = 8;
/** Distance between rings, px. */
const RING_STEP = 12;
/** Gap between a point's edge and its label on the first ring, px. */
const GAP = 3;
/** Space kept between two labels, px. */
const PAD = 1;

const DIRECTIONS: { dx: number; dy: number; anchor: 'start' | 'middle' | 'end' }[] = [
  { dx: 1, dy: 0, anchor: 'start' },
  { dx: -1, dy: 0, anchor: 'end' },
  { dx: 0.7, dy: -0.7, anchor: 'start' },
  { dx: -0.7, dy: -0.7, anchor: 'end' },
  { dx: 0.7, dy: 0.7, anchor: 'start' },
  { dx: -0.7, dy: 0.7, anchor: 'end' },
  { dx: 0, dy: -1, anchor: 'middle' },
  { dx: 0, dy: 1, anchor: 'middle' },
];

/** The box of a text anchored at its vertical middle (Vega `baseline: 'middle'`). */
export function middleBox(text: string, fontSize: number, x: number, y: number, anchor: 'start' | 'middle' | 'end', bold = false): Box {
  return textBox(text, fontSize, x, y + 0.3 * fontSize, anchor, bold);
}

function candidatesOf(l: LabelRequest): { x: number; y: number; anchor: 'start' | 'middle' | 'end'; ring: number }[] {
  if (l.candidates) return l.candidates.map((c) => ({ ...c, ring: 0 }));
  if (!l.point) return [];
  const { x, y, r } = l.point;
  const out = [];
  for (let ring = 0; ring < RINGS; ring++) {
    const d = r + GAP + ring * RING_STEP;
    for (const dir of DIRECTIONS) {
      // Vertical offsets also clear half the text's height, so that N/S/diagonal labels do not sit on the point.
      const half = dir.dy === 0 ? 0 : Math.sign(dir.dy) * 0.5 * l.fontSize;
      out.push({ x: x + dir.dx * d, y: y + dir.dy * d + half, anchor: dir.anchor, ring });
    }
  }
  return out;
}

const pad = (b: Box, p: number): Box => ({ x0: b.x0 - p, y0: b.y0 - p, x1: b.x1 + p, y1: b.y1 + p });

/**
 * Places the labels, in order.
 *
 * @example placeLabels(labels, { width: 560, height: 340, obstacles: pointBoxes })
 */
export function placeLabels(labels: readonly LabelRequest[], area: PlacementArea): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const hard = [...(area.obstacles ?? [])];
  const soft = area.soft ?? [];
  const o = area.overhang ?? {};
  const frame = { x0: -(o.left ?? 0), y0: -(o.top ?? 0), x1: area.width + (o.right ?? 0), y1: area.height + (o.bottom ?? 0) };
  for (const l of labels) {
    let best: { c: ReturnType<typeof candidatesOf>[number]; box: Box; cost: number } | null = null;
    for (const c of candidatesOf(l)) {
      const box = middleBox(l.text, l.fontSize, c.x, c.y, c.anchor, l.bold);
      const outside = box.x0 < frame.x0 || box.y0 < frame.y0 || box.x1 > frame.x1 || box.y1 > frame.y1;
      const clash = placed.reduce((a, p) => a + overlapArea(pad(box, PAD), p.box), 0) + hard.reduce((a, h) => a + overlapArea(box, h), 0);
      const touchesSoft = soft.some((s) => overlapArea(box, s) > 0);
      // Cost: clear of everything < clear of hard obstacles only < overlapping (by area); nearer rings first.
      const cost = outside ? 1e12 : clash > 0 ? 1e6 + clash : touchesSoft ? 1e3 : 0;
      if (best === null || cost < best.cost) best = { c, box, cost };
      if (cost === 0) break;
    }
    if (best === null) continue;
    const { c, box } = best;
    let leader: PlacedLabel['leader'] = null;
    if (l.point && c.ring > 0) {
      // The leader ends at the point of the label's box nearest the point, 2 px short of it.
      const nx = Math.min(Math.max(l.point.x, box.x0 - 2), box.x1 + 2);
      const ny = Math.min(Math.max(l.point.y, box.y0 - 2), box.y1 + 2);
      leader = { x: nx, y: ny };
    }
    placed.push({ text: l.text, x: c.x, y: c.y, anchor: c.anchor, box, leader, overlaps: best.cost >= 1e6 });
  }
  return placed;
}

/** Small boxes along a polyline (px), every `step` px: a line as soft obstacles. */
export function lineObstacles(points: readonly { x: number; y: number }[], step = 4, half = 1.5): Box[] {
  const out: Box[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = 0; k < n; k++) {
      const x = a.x + ((b.x - a.x) * k) / n;
      const y = a.y + ((b.y - a.y) * k) / n;
      out.push({ x0: x - half, y0: y - half, x1: x + half, y1: y + half });
    }
  }
  return out;
}

/** The box of a round point of Vega `size` (area in px²) at (x, y). */
export function pointBox(x: number, y: number, size: number): Box {
  const r = Math.sqrt(size / Math.PI);
  return { x0: x - r, y0: y - r, x1: x + r, y1: y + r };
}

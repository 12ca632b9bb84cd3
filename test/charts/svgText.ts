/**
 * The text of a rendered chart as boxes on the page, estimated from the SVG alone (no font engine):
 * every `<text>` element with its transform (the `translate(…)`s of its parent groups and its own
 * `translate`/`rotate` chain), font size, weight and `text-anchor`; each line (a `<tspan dy>` starts a
 * new one) is a box as wide as DejaVu Sans's per-character advances ({@link textWidth}) and reaching
 * 0.76 em above and 0.24 em below the baseline. A rotated label gives a rotated box (4 corners).
 *
 * {@link overlappingTexts} lists the pairs of boxes that overlap by more than a sliver, with a
 * separating-axis test, so rotated axis labels are judged by their real outline.
 *
 * @example overlappingTexts(textBoxesOfSvg(svg)) // => [] when no two labels overlap
 */
import { ASCENT, DESCENT, textWidth } from '../../src/charts/textBox.js';

/** A 2-D affine map [a, b, c, d, e, f]: (x, y) → (a·x + c·y + e, b·x + d·y + f), as in SVG. */
type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

/** The matrix of an SVG `transform` made of translate(…) and rotate(…) (what Vega writes). */
export function parseTransform(attr: string | undefined): Matrix {
  let m: Matrix = IDENTITY;
  for (const op of (attr ?? '').matchAll(/(translate|rotate)\(([^)]*)\)/g)) {
    const args = op[2]!.split(/[ ,]+/).filter((s) => s !== '').map(Number);
    if (op[1] === 'translate') m = multiply(m, [1, 0, 0, 1, args[0] ?? 0, args[1] ?? 0]);
    else {
      const r = ((args[0] ?? 0) * Math.PI) / 180;
      m = multiply(m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
    }
  }
  return m;
}

/** One line of text on the page: its string and the four corners of its box, in px. */
export interface TextBoxOnPage {
  text: string;
  corners: [number, number][];
}

const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * Every visible line of text of the SVG as a box on the page.
 *
 * @example textBoxesOfSvg('<svg><g transform="translate(10,20)"><text font-size="10px" text-anchor="start">ab</text></g></svg>')
 * // => [{ text: 'ab', corners: [[10, 12.4], [22.5, 12.4], [22.5, 22.4], [10, 22.4]] }]
 */
export function textBoxesOfSvg(svg: string): TextBoxOnPage[] {
  const out: TextBoxOnPage[] = [];
  const stack: Matrix[] = [IDENTITY];
  const tags = /<(\/?)(g|text)\b([^>]*?)(\/?)>/g;
  for (let m = tags.exec(svg); m !== null; m = tags.exec(svg)) {
    const [, closing, tag, attrs = '', selfClosing] = m;
    if (tag === 'g') {
      if (closing) stack.pop();
      else if (!selfClosing) stack.push(multiply(stack[stack.length - 1]!, parseTransform(attr(attrs, 'transform'))));
      continue;
    }
    if (closing || selfClosing) continue;
    const end = svg.indexOf('</text>', tags.lastIndex);
    const body = svg.slice(tags.lastIndex, end);
    tags.lastIndex = end + '</text>'.length;
    if (attr(attrs, 'opacity') === '0' || attr(attrs, 'fill-opacity') === '0') continue;
    const size = Number.parseFloat(attr(attrs, 'font-size') ?? '11');
    const weight = attr(attrs, 'font-weight');
    const bold = weight === 'bold' || Number(weight) >= 600;
    const anchor = (attr(attrs, 'text-anchor') ?? 'start') as 'start' | 'middle' | 'end';
    const own = parseTransform(attr(attrs, 'transform'));
    const x = Number(attr(attrs, 'x') ?? 0);
    const y0 = Number(attr(attrs, 'y') ?? 0);
    const matrix = multiply(stack[stack.length - 1]!, own);
    // Lines: the body itself, or its <tspan>s, each moved down by its dy.
    const spans = [...body.matchAll(/<tspan([^>]*)>([^<]*)<\/tspan>/g)];
    const lines = spans.length > 0 ? spans.map((s) => ({ text: decode(s[2]!), dy: Number(attr(s[1]!, 'dy') ?? 0) })) : [{ text: decode(body.replace(/<[^>]*>/g, '')), dy: 0 }];
    let y = y0;
    for (const line of lines) {
      y += line.dy;
      if (line.text.trim() === '') continue;
      const w = textWidth(line.text, size, bold);
      const left = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
      const local: [number, number][] = [
        [left, y - ASCENT * size],
        [left + w, y - ASCENT * size],
        [left + w, y + DESCENT * size],
        [left, y + DESCENT * size],
      ];
      out.push({ text: line.text, corners: local.map(([px, py]) => [matrix[0] * px + matrix[2] * py + matrix[4], matrix[1] * px + matrix[3] * py + matrix[5]]) });
    }
  }
  return out;
}

/** How deep two convex polygons overlap along their separating axes (0 when they do not). */
function penetration(a: [number, number][], b: [number, number][]): number {
  let least = Infinity;
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const len = Math.hypot(x2 - x1, y2 - y1);
      if (len === 0) continue;
      const [nx, ny] = [-(y2 - y1) / len, (x2 - x1) / len];
      const project = (p: [number, number][]) => p.map(([x, y]) => x * nx + y * ny);
      const pa = project(a);
      const pb = project(b);
      const depth = Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
      if (depth <= 0) return 0;
      least = Math.min(least, depth);
    }
  }
  return least;
}

/**
 * The pairs of text boxes that overlap deeper than `tolerance` px (a sliver where two boxes touch
 * is not a collision: the boxes are estimates).
 */
export function overlappingTexts(boxes: readonly TextBoxOnPage[], tolerance = 1): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const depth = penetration(boxes[i]!.corners, boxes[j]!.corners);
      if (depth > tolerance) out.push(`"${boxes[i]!.text}" × "${boxes[j]!.text}" (${depth.toFixed(1)} px)`);
    }
  }
  return out;
}

/**
 * How much room a line of DejaVu Sans text takes, without a font engine: the width is the sum of
 * per-character advance widths (in em, from DejaVu Sans's own metrics, rounded to 0.01 em), the
 * height is one em with the glyphs from 0.76 em above the alphabetic baseline to 0.24 em below.
 *
 * Used three times, so that they agree: Vega's layout of legends and labels (renderChart), the label
 * placer (labelPlacer), and the test that no two labels of a rendered chart overlap.
 *
 * Width of a character not in the table: 0.65 em (a little wider than the average lowercase letter,
 * so that unknown text errs on the side of more room). Bold is {@link BOLD_FACTOR} wider.
 *
 * @example textWidth('1e+18', 11) // => 11 · (0.64 + 0.62 + 0.84 + 0.64 + 0.64) = 37.2 px
 */

/** Advance widths of DejaVu Sans (regular), in em. */
const ADVANCE: Record<string, number> = {
  ' ': 0.32, '.': 0.32, ',': 0.32, ':': 0.34, ';': 0.34, '!': 0.4, '?': 0.53, "'": 0.28, '"': 0.46,
  '-': 0.36, '–': 0.5, '—': 1.0, '_': 0.5, '/': 0.34, '\\': 0.34, '|': 0.34, '(': 0.39, ')': 0.39, '[': 0.39, ']': 0.39,
  '{': 0.64, '}': 0.64, '%': 0.95, '&': 0.78, '#': 0.84, '+': 0.84, '=': 0.84, '<': 0.84, '>': 0.84, '×': 0.84,
  '≈': 0.84, '→': 0.84, '·': 0.32, '^': 0.84, '*': 0.5, '~': 0.84, '@': 1.0, '$': 0.64, '…': 1.0, '−': 0.84,
  '⁰': 0.4, '¹': 0.4, '²': 0.4, '³': 0.4, '⁴': 0.4, '⁵': 0.4, '⁶': 0.4, '⁷': 0.4, '⁸': 0.4, '⁹': 0.4, '⁻': 0.54,
  a: 0.61, b: 0.64, c: 0.55, d: 0.64, e: 0.62, f: 0.35, g: 0.64, h: 0.63, i: 0.28, j: 0.28, k: 0.58, l: 0.28, m: 0.97,
  n: 0.63, o: 0.61, p: 0.64, q: 0.64, r: 0.41, s: 0.52, t: 0.39, u: 0.63, v: 0.59, w: 0.82, x: 0.59, y: 0.59, z: 0.52,
  A: 0.68, B: 0.69, C: 0.7, D: 0.77, E: 0.63, F: 0.58, G: 0.78, H: 0.75, I: 0.3, J: 0.3, K: 0.66, L: 0.56, M: 0.86,
  N: 0.75, O: 0.79, P: 0.6, Q: 0.79, R: 0.7, S: 0.64, T: 0.61, U: 0.73, V: 0.68, W: 0.99, X: 0.69, Y: 0.61, Z: 0.69,
  ρ: 0.64, α: 0.66, β: 0.64,
};
for (const d of '0123456789') ADVANCE[d] = 0.64;

/** Width of a character absent from the table, in em. */
const DEFAULT_ADVANCE = 0.65;
/** DejaVu Sans Bold against regular. */
export const BOLD_FACTOR = 1.1;
/** Glyphs reach this far above the alphabetic baseline, in em (ascenders and capitals). */
export const ASCENT = 0.76;
/** …and this far below it (descenders). */
export const DESCENT = 0.24;

/**
 * Width in px of `text` set at `fontSize` px. Combining marks (e.g. the hat of N̂) take no room.
 *
 * @example textWidth('ab', 10) // => 12.5
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    // Combining diacritical marks (U+0300–U+036F, e.g. the hat of N̂) sit on the previous letter.
    const code = ch.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue;
    em += ADVANCE[ch] ?? DEFAULT_ADVANCE;
  }
  return em * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** An axis-aligned box in px, x to the right and y down. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The box of a text whose anchor (SVG's x, at the alphabetic baseline) is at (x, y).
 *
 * @param anchor SVG text-anchor: where x is on the text (start, middle or end)
 * @example textBox('ab', 10, 0, 0, 'start') // => { x0: 0, y0: -7.6, x1: 12.5, y1: 2.4 }
 */
export function textBox(text: string, fontSize: number, x: number, y: number, anchor: 'start' | 'middle' | 'end', bold = false): Box {
  const w = textWidth(text, fontSize, bold);
  const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return { x0, y0: y - ASCENT * fontSize, x1: x0 + w, y1: y + DESCENT * fontSize };
}

/** Area in px² that two boxes share (0 when they do not overlap). */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

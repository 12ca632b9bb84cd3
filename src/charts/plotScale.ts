/**
 * The position scales of a chart, computed in TypeScript so that labels can be placed in pixels
 * before the spec is built. Every chart that places labels gives Vega-Lite the same domain with
 * `nice: false`, so that Vega maps values to exactly these pixels.
 *
 * - linear: px = r0 + (v − d0)/(d1 − d0)·(r1 − r0)
 * - log:    the same on log10 v
 * - time:   linear on milliseconds since 1970 (dates as `YYYY-MM-DD` strings read as UTC midnight,
 *           as Vega reads them)
 *
 * @example toPixel({ type: 'log', domain: [1e18, 1e24], range: [0, 600] }, 1e21) // => 300
 */

/** A position scale: a domain mapped onto a range of pixels. */
export interface PlotScale {
  type: 'linear' | 'log' | 'time';
  domain: readonly [number, number];
  /** Pixels of domain[0] and domain[1] (for y, usually [height, 0]). */
  range: readonly [number, number];
}

const forward = (s: PlotScale, v: number) => (s.type === 'log' ? Math.log10(v) : v);

/** The pixel of value `v`. */
export function toPixel(s: PlotScale, v: number): number {
  const [a, b] = [forward(s, s.domain[0]), forward(s, s.domain[1])];
  return s.range[0] + ((forward(s, v) - a) / (b - a)) * (s.range[1] - s.range[0]);
}

/** The value at pixel `px` (the inverse of {@link toPixel}). */
export function fromPixel(s: PlotScale, px: number): number {
  const [a, b] = [forward(s, s.domain[0]), forward(s, s.domain[1])];
  const f = a + ((px - s.range[0]) / (s.range[1] - s.range[0])) * (b - a);
  return s.type === 'log' ? 10 ** f : f;
}

/**
 * The powers of ten just around the values (what Vega's `nice` does to a log domain), or with
 * `step` 0.5 the half-decades (10^19.5 ≈ 3.2·10¹⁹), which wastes less of the plot on empty decades.
 *
 * @example niceLogDomain([3e18, 2e23]) // => [1e18, 1e24]
 * @example niceLogDomain([9e19, 2e22], 0.5) // => [10^19.5, 10^22.5]
 */
export function niceLogDomain(values: readonly number[], step: 1 | 0.5 = 1): [number, number] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return [1, 10];
  const lo = Math.floor(Math.log10(Math.min(...pos)) / step + 1e-9) * step;
  let hi = Math.ceil(Math.log10(Math.max(...pos)) / step - 1e-9) * step;
  if (hi <= lo) hi = lo + 1;
  // Whole powers written exactly (1e21, not 10 ** 21 = 1.0000000000000001e21).
  const pow = (e: number) => (Number.isInteger(e) ? Number(`1e${e}`) : 10 ** e);
  return [pow(lo), pow(hi)];
}

/** Milliseconds since 1970 of a `YYYY-MM-DD` date (UTC midnight, as `Date.parse` and Vega read it). */
export function dateMs(date: string): number {
  return Date.parse(date);
}

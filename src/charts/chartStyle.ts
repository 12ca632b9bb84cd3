/**
 * The look shared by every scalecast chart: fonts (DejaVu Sans, which the PNG renderer has), sizes
 * readable on a slide, the colours of methods and cluster classes, and log-axis labels.
 *
 * @example { ...spec, config: CHART_CONFIG }
 */
import type { Config } from 'vega-lite/types_unstable/config.js';

/** Vega-Lite config applied to every chart. */
export const CHART_CONFIG: Config = {
  font: 'DejaVu Sans',
  background: 'white',
  padding: 12,
  view: { stroke: '#ddd' },
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#444', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee', tickColor: '#888', domainColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 12, symbolSize: 90 },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

/** Colours of the prediction methods (Tableau 10), the same in every chart. */
export const METHOD_COLORS: Record<string, string> = {
  default: '#333333',
  carry: '#bab0ac',
  cod: '#4e79a7',
  'e2e-cod': '#f28e2b',
  'e2e-logistic': '#59a14f',
  'e2e-linear': '#e15759',
  'e2e-linear3': '#ff9d9a',
  'two-step': '#b07aa1',
  'pop-curve': '#76b7b2',
};

/** Colours of COD's cluster classes. */
export const CLASS_COLORS: Record<string, string> = {
  extrapolatable: '#4e79a7',
  'non-extrapolatable': '#e15759',
  'non-emergent': '#bab0ac',
};

/** A colour scale over the given names, in the order given. */
export function colorScale(names: readonly string[], palette: Record<string, string>): { domain: string[]; range: string[] } {
  return { domain: [...names], range: names.map((n) => palette[n] ?? '#999999') };
}

/** Superscript digits 0–9. */
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * An integer written in superscript digits, e.g. 21 → ²¹, −3 → ⁻³.
 *
 * @example superscript(-12) // => '⁻¹²'
 */
export function superscript(n: number): string {
  return `${n < 0 ? '⁻' : ''}${[...String(Math.abs(Math.round(n)))].map((d) => SUPERSCRIPT[Number(d)]).join('')}`;
}

/**
 * A positive number as a power of ten with a mantissa of one significant digit: 5e21 → 5×10²¹,
 * 1e18 → 10¹⁸.
 *
 * @example powerOfTen(4.7e21) // => '5×10²¹'
 */
export function powerOfTen(v: number): string {
  const [m, e] = v.toExponential(0).split('e') as [string, string];
  return `${m === '1' ? '' : `${m}×`}10${superscript(Number(e))}`;
}

/** A superscript digit of `expr` (an integer 0–9) in the Vega expression language. */
const supDigit = (expr: string) => `substring('${SUPERSCRIPT}', ${expr}, ${expr} + 1)`;

/**
 * Axis labels for a log scale (a Vega-Lite `labelExpr`): powers of ten written 10¹⁸ … 10²⁴ in
 * superscript digits (exponents −99…99); the ticks in between stay unlabelled so that the axis does
 * not crowd.
 */
export const LOG_AXIS_LABEL = (() => {
  const e = 'round(log(datum.value) / LN10)';
  const a = `abs(${e})`;
  return `abs(log(datum.value) / LN10 - ${e}) < 1e-6 ? '10' + (${e} < 0 ? '⁻' : '') + (${a} >= 10 ? ${supDigit(`floor(${a} / 10)`)} : '') + ${supDigit(`${a} % 10`)} : ''`;
})();

/**
 * The tick values of a log axis over `domain`: its powers of ten, every second or third one when
 * there are more than `max`, so that labels never crowd. Explicit values also keep every layer's
 * axis the same (a `tickCount` differing between layers makes Vega-Lite warn).
 *
 * @example logAxisValues([1e18, 1e24]) // => [1e18, 1e19, …, 1e24]
 */
export function logAxisValues(domain: readonly [number, number], max = 8): number[] {
  const lo = Math.ceil(Math.log10(domain[0]) - 1e-9);
  const hi = Math.floor(Math.log10(domain[1]) + 1e-9);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / max));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += step) out.push(Number(`1e${e}`));
  return out;
}

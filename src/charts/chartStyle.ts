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

/**
 * Axis labels for a log scale: powers of ten written as 1e+21 (short, exact, what researchers read);
 * the ticks in between stay unlabelled so that the axis does not crowd.
 */
export const LOG_AXIS_LABEL = "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? format(datum.value, '.0e') : ''";

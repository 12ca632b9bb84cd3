/**
 * Charts to files: the spec JSON (opens in the Vega editor), SVG and PNG, as {@link OutputFile}s for
 * `writeFilesAtomically`, and the bundles the HTML report inlines.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderSvg, svgToPng } from '../../src/charts/renderChart.js';
import type { NamedChart } from '../../src/charts/chartSet.js';
import type { ReportScripts } from '../../src/charts/reportHtml.js';
import { UsageError } from './failure.js';
import type { OutputFile } from './io.js';

/** File formats of `plot`. */
export type ChartFormat = 'svg' | 'png' | 'json';

/** Parses `--format svg,png,json`. */
export function parseFormats(text: string): ChartFormat[] {
  const parts = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = parts.filter((p) => p !== 'svg' && p !== 'png' && p !== 'json');
  if (parts.length === 0 || bad.length > 0) throw new UsageError(`--format takes svg, png and json, comma-separated, not "${text}"`);
  return [...new Set(parts)] as ChartFormat[];
}

/** The files of the charts in the formats asked for (PNG implies rendering the SVG). */
export async function chartFiles(charts: readonly NamedChart[], formats: readonly ChartFormat[]): Promise<OutputFile[]> {
  const out: OutputFile[] = [];
  for (const c of charts) {
    if (formats.includes('json')) out.push({ name: `${c.name}.vl.json`, content: `${JSON.stringify(c.spec, null, 2)}\n` });
    if (formats.includes('svg') || formats.includes('png')) {
      const svg = await renderSvg(c.spec);
      if (formats.includes('svg')) out.push({ name: `${c.name}.svg`, content: svg });
      if (formats.includes('png')) out.push({ name: `${c.name}.png`, content: svgToPng(svg) });
    }
  }
  return out;
}

/** The minified vega, vega-lite and vega-embed bundles, read from the installed packages. */
export function reportScripts(): ReportScripts {
  const require = createRequire(import.meta.url);
  const dirOf = (spec: string) => dirname(require.resolve(spec));
  return {
    vega: readFileSync(join(dirOf('vega/vega-schema.json'), 'vega.min.js'), 'utf8'),
    vegaLite: readFileSync(join(dirOf('vega-lite/vega-lite-schema.json'), 'vega-lite.min.js'), 'utf8'),
    vegaEmbed: readFileSync(join(dirOf('vega-embed'), 'vega-embed.min.js'), 'utf8'),
  };
}

/**
 * Charts to files: the spec JSON (opens in the Vega editor), SVG and PNG, as {@link OutputFile}s,
 * and the bundles the HTML report inlines. The renderer (Vega, Vega-Lite, resvg) is loaded on first
 * use, so that commands that draw nothing never load it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { UsageError } from '../core/userError.js';
import type { NamedChart } from '../charts/chartSet.js';
import type { ReportScripts } from '../charts/reportHtml.js';
import type { OutputFile } from '../io/outputFiles.js';

/** File formats of `plot`. */
export type ChartFormat = 'svg' | 'png' | 'json';

/** The files of the charts in the formats asked for (PNG implies rendering the SVG). */
export async function chartFiles(charts: readonly NamedChart[], formats: readonly ChartFormat[]): Promise<OutputFile[]> {
  const out: OutputFile[] = [];
  const drawing = formats.includes('svg') || formats.includes('png');
  const render = drawing ? await import('../charts/renderChart.js') : null;
  for (const c of charts) {
    if (formats.includes('json')) out.push({ name: `${c.name}.vl.json`, content: `${JSON.stringify(c.spec, null, 2)}\n` });
    if (render !== null) {
      const svg = await render.renderSvg(c.spec);
      if (formats.includes('svg')) out.push({ name: `${c.name}.svg`, content: svg });
      if (formats.includes('png')) out.push({ name: `${c.name}.png`, content: render.svgToPng(svg) });
    }
  }
  return out;
}

/**
 * The format a `--chart FILE` names by its ending: `.svg`, `.png` or `.vl.json` (the spec).
 *
 * @throws UsageError for any other ending
 * @example chartFileFormat('out/m.vl.json') // => 'json'
 */
export function chartFileFormat(path: string): ChartFormat {
  const ext = path.endsWith('.vl.json') ? 'json' : extname(path).slice(1).toLowerCase();
  if (ext !== 'svg' && ext !== 'png' && ext !== 'json') throw new UsageError(`--chart must end in .svg, .png or .vl.json, not "${path}"`);
  return ext;
}

/** One chart's file content in a format: the spec as JSON, or the SVG, or the PNG rendered from it. */
export async function chartFileContent(spec: TopLevelSpec, format: ChartFormat): Promise<string | Uint8Array> {
  if (format === 'json') return `${JSON.stringify(spec, null, 2)}\n`;
  const { renderSvg, svgToPng } = await import('../charts/renderChart.js');
  const svg = await renderSvg(spec);
  return format === 'svg' ? svg : svgToPng(svg);
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

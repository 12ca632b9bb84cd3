/**
 * Every kind of chart: its spec validates against the Vega-Lite schema, renders to SVG with its
 * titles as text and to a PNG whose text is really drawn (more ink than the same SVG without its text),
 * with the same bytes every time; missing fonts fail loudly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ChartFontError, findChartFonts, renderSvg, svgToPng } from '../../src/charts/renderChart.js';
import { embeddedCharts } from './support.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: false }).compile(schema);

/** Share of pixels that are not white in a rendering of the SVG. */
function ink(svg: string): number {
  const r = new Resvg(svg, { background: 'white', font: { loadSystemFonts: false, fontFiles: findChartFonts(), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } }).render();
  const px = r.pixels;
  let dark = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 235 || px[i + 1]! < 235 || px[i + 2]! < 235) dark++;
  return dark / (px.length / 4);
}

const KINDS = ['scaling-sim-gen', 'clusters-sim-gen', 'mapping-sim-gen', 'backtest', 'density', 'chinchilla'];
const TEXTS: Record<string, string[]> = {
  'scaling-sim-gen': ['Training compute (FLOPs, log scale)', 'sim-gen score', 'Method', 'actual 60.0%'],
  'clusters-sim-gen': ['Mean pass rate of the cluster', 'Class', 'extrapolatable'],
  'mapping-sim-gen': ['Accuracy on the predictable subset', 'anchor model', 'sim-70B: subset'],
  backtest: ['Absolute error (accuracy points)', '>all benchmarks<', '>sim-code<', '>sim-gen<'],
  density: ['Release date', 'ρ_max doubles every'],
  chinchilla: ['Parameters N (log scale)', 'Training tokens D (log scale)', 'compute-optimal'],
};

describe('charts of the embedded data', () => {
  const charts = embeddedCharts();

  it('include every kind', () => {
    expect(charts.map((c) => c.name)).toEqual(KINDS);
  });

  for (const name of KINDS) {
    describe(name, () => {
      const chart = () => charts.find((c) => c.name === name)!;

      it('validates against the Vega-Lite schema', () => {
        const ok = validate(chart().spec);
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      });

      it('renders to SVG with its text and to a PNG with that text drawn; the same bytes twice', async () => {
        const svg = await renderSvg(chart().spec);
        expect(svg.startsWith('<svg')).toBe(true);
        for (const t of TEXTS[name]!) expect(svg).toContain(t.startsWith('>') ? t : t.replace(/&/g, '&amp;'));
        const png = svgToPng(svg);
        expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const withText = ink(svg);
        const noText = ink(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''));
        expect(withText).toBeGreaterThan(0.01);
        expect(withText - noText).toBeGreaterThan(0.002);
        const again = await renderSvg(chart().spec);
        expect(again).toBe(svg);
        expect(Buffer.from(svgToPng(again)).equals(Buffer.from(png))).toBe(true);
      });
    });
  }

  it('fails loudly when no font can be found', () => {
    expect(() => findChartFonts(['/nonexistent-font-dir'])).toThrow(ChartFontError);
    expect(() => findChartFonts(['/nonexistent-font-dir'])).toThrow(/PNG text would be blank/);
  });
});

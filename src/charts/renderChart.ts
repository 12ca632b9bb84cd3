/**
 * Rendering a Vega-Lite spec without a browser: compile → a Vega view with no renderer → SVG
 * (`view.toSVG()`, no canvas needed) → PNG with resvg and the DejaVu fonts.
 *
 * Text pitfalls handled here (see ecosystem.md §1.2):
 * - resvg with no usable font draws every text node as nothing, silently: {@link findChartFonts}
 *   looks for the DejaVu Sans TTF files and {@link svgToPng} throws a {@link ChartFontError} naming
 *   where it looked when they are missing;
 * - without a canvas, Vega estimates text width as 0.8·size per character, much wider than DejaVu
 *   Sans (≈ 0.6), which pads legends and labels; {@link renderSvg} sets DejaVu's per-character
 *   widths ({@link textWidth}) once, the same estimate the label placer and the overlap test use.
 *
 * Same spec in → same SVG bytes and same PNG bytes out (no clock, no randomness).
 *
 * @example
 * const svg = await renderSvg(spec);
 * const png = svgToPng(svg); // Uint8Array, PNG at 2× scale
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ChartFontError } from './chartFontError.js';
import { textWidth } from './textBox.js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export { ChartFontError } from './chartFontError.js';

/** Folders searched for DejaVu Sans, in order; `SCALECAST_FONT_DIR` comes first when set. */
export function fontDirectories(): string[] {
  const env = process.env['SCALECAST_FONT_DIR'];
  return [...(env ? [env] : []), '/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/usr/local/share/fonts', '/Library/Fonts'];
}

/**
 * The DejaVu Sans regular and bold TTF files, from the first folder that has both.
 *
 * @throws ChartFontError when no folder has them
 */
export function findChartFonts(directories: readonly string[] = fontDirectories()): string[] {
  for (const dir of directories) {
    const files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(dir, f));
    if (files.every((f) => existsSync(f))) return files;
  }
  throw new ChartFontError(
    `no DejaVu Sans font found (looked for DejaVuSans.ttf and DejaVuSans-Bold.ttf in ${directories.join(', ')}): PNG text would be blank. Install Debian's fonts-dejavu-core, or set SCALECAST_FONT_DIR to a folder holding those files`,
  );
}

let metricsSet = false;

function setTextMetrics(): void {
  if (metricsSet) return;
  metricsSet = true;
  // Global in vega-scenegraph; set once so every chart is laid out with the same estimate.
  // `textMetrics` is exported by vega's build but not declared in its types.
  const metrics = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number }, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
    return textWidth(String(text ?? ''), item.fontSize ?? 11, bold);
  };
}

/**
 * The Vega spec a Vega-Lite spec compiles to.
 *
 * @example compileChart(spec).marks
 */
export function compileChart(spec: TopLevelSpec): vega.Spec {
  return compile(spec, { logger: quietLogger() }).spec;
}

/**
 * The warnings Vega-Lite gives when compiling the spec (conflicting axis or scale properties between
 * layers, dropped encodings, …): what the browser console would show when the report draws it.
 *
 * @example compileWarnings(spec) // => [] for a clean spec
 */
export function compileWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  compile(spec, { logger: quietLogger((...args) => warnings.push(args.map(String).join(' '))) });
  return warnings;
}

/**
 * A Vega logger that keeps Vega-Lite's compile warnings off the console (nothing under src/ prints),
 * handing them to `onWarn` if given, and turns errors into exceptions.
 */
function quietLogger(onWarn?: (...args: readonly unknown[]) => void): vega.LoggerInterface {
  let level = 0;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]): never {
      throw new Error(`Vega-Lite: ${args.map(String).join(' ')}`);
    },
    warn: (...args: readonly unknown[]) => {
      onWarn?.(...args);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger as unknown as vega.LoggerInterface;
}

/**
 * Renders a Vega-Lite spec to an SVG string.
 *
 * @example (await renderSvg(spec)).startsWith('<svg') // => true
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  setTextMetrics();
  const view = new vega.View(vega.parse(compileChart(spec)), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients with a counter shared by every view in the process, so the
 * same chart rendered twice would get other ids; renumber them by first appearance (`clip1`, …) so
 * that the same spec always gives the same bytes.
 */
export function renumberIds(svg: string): string {
  const map = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const m of svg.matchAll(/\bid="((clip|gradient|pattern)_?\d+)"/g)) {
    if (map.has(m[1]!)) continue;
    const n = (counts.get(m[2]!) ?? 0) + 1;
    counts.set(m[2]!, n);
    map.set(m[1]!, `${m[2]}${n}`);
  }
  if (map.size === 0) return svg;
  // Only ids and references to them change; text that happens to read "clip3" stays.
  return svg.replace(/(\bid="|url\(#)((?:clip|gradient|pattern)_?\d+)([")])/g, (whole, pre: string, id: string, post: string) => (map.has(id) ? `${pre}${map.get(id)}${post}` : whole));
}

/**
 * Converts an SVG to PNG with resvg, drawing text in DejaVu Sans, on white, at `scale`× size.
 *
 * @throws ChartFontError when the fonts are missing (text would vanish)
 * @example svgToPng(svg, 2).byteLength > 0
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const fontFiles = findChartFonts();
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

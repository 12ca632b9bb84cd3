/**
 * Chart benchmark (issue 6): one chart to SVG and PNG — the first in the process (cold: Vega's
 * modules, the fonts) and every one after it — and the whole main job (`scalecast main`, compiled)
 * in a fresh process, writing every chart and the report. Targets: after the first, one chart to PNG
 * under 300 ms; the main job under 30 s.
 *
 * Run: `npm run bench -- charts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { predictionCharts } from '../src/charts/chartSet.js';
import { chinchillaChart } from '../src/charts/chinchillaChart.js';
import { densityChart } from '../src/charts/densityChart.js';
import { DENSITY_REFERENCE, publicTableDensity } from '../src/app/main.js';
import { EPOCH_CHINCHILLA_FIT, simulateChinchillaRuns } from '../src/fit/simulateChinchillaRuns.js';
import { renderSvg, svgToPng } from '../src/charts/renderChart.js';
import { curvePositions } from '../src/charts/scalingCurveChart.js';
import { loadDataset } from '../src/data/loadDataset.js';
import { benchmarkData } from '../src/data/benchmarkData.js';
import { resolveLadder } from '../src/predict/ladder.js';
import { backtestSuite, predictSuite } from '../src/predict/predictSuite.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export async function benchCharts(): Promise<Record<string, unknown>[]> {
  const dir = join(ROOT, 'datasets', 'synthetic');
  const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });
  const ladder = resolveLadder(data, { family: 'sim' });
  const target = data.models!.models.find((m) => m.model === 'sim-70B')!;
  const benchmarks = benchmarkData(data, { guess: { 'sim-gen': 0, 'sim-mc': 0.25, 'sim-code': 0 } });
  const predictions = predictSuite(benchmarks, ladder, target.compute!, { methods: 'auto', cod: { bootstrap: 20, seed: 1, anchors: ['anchor-34B'], curveAt: curvePositions(ladder.map((l) => l.x), target.compute!) } });
  const backtests = backtestSuite(benchmarks, ladder, 2, { methods: 'auto' });
  const charts = predictionCharts({ benchmarks, ladder, axis: 'compute', target: { name: 'sim-70B', x: target.compute!, actual: new Map() }, predictions, backtests });
  charts.push({ name: 'density', title: 'density', spec: densityChart(publicTableDensity(ROOT, 200).density, DENSITY_REFERENCE) });
  charts.push({ name: 'chinchilla', title: 'chinchilla', spec: chinchillaChart({ params: EPOCH_CHINCHILLA_FIT, points: simulateChinchillaRuns({ seed: 1 }) }) });
  const times: { name: string; ms: number }[] = [];
  for (const c of charts) {
    const t = performance.now();
    svgToPng(await renderSvg(c.spec));
    times.push({ name: c.name, ms: performance.now() - t });
  }
  const after = times.slice(1).map((t) => t.ms).sort((a, b) => a - b);
  const out = mkdtempSync(join(tmpdir(), 'scalecast-bench-'));
  const t = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'dist', 'cli', 'scalecast.js'), 'main', '--figures', out], { stdio: 'ignore' });
  const mainSeconds = (performance.now() - t) / 1000;
  rmSync(out, { recursive: true, force: true });
  return [
    { case: `first chart to SVG + PNG in the process (${times[0]!.name})`, ms: Math.round(times[0]!.ms) },
    {
      case: `each later chart to SVG + PNG (${after.length} charts)`,
      median_ms: Math.round(after[Math.floor(after.length / 2)]!),
      max_ms: Math.round(after[after.length - 1]!),
      slowest: times.slice(1).reduce((a, b) => (b.ms > a.ms ? b : a)).name,
      target: '< 300 ms',
    },
    { case: 'main job (scalecast main, compiled): predictions, backtest, density, 10 charts and the report', seconds: Number(mainSeconds.toFixed(1)), target: '< 30 s' },
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await benchCharts()) process.stdout.write(`${JSON.stringify(row)}\n`);
}

/**
 * Charts that do not grow without bound (issue 12: a backtest PNG of 65 lm-eval tasks was 86,796 px
 * wide): no PNG wider than 4,000 px — every chart of the main job, and the backtest, scaling and
 * cluster charts of 65 benchmarks (or clusters); the backtest wraps into rows of at most 20
 * benchmarks; the report pages its charts.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestChart, benchmarksPerRow } from '../../src/charts/backtestChart.js';
import { clusterChart } from '../../src/charts/clusterChart.js';
import { renderSvg, svgToPng } from '../../src/charts/renderChart.js';
import { CHARTS_PER_PAGE, FOLDED_TABLE_ROWS, reportHtml } from '../../src/charts/reportHtml.js';
import { reportScripts } from '../../src/app/chartFiles.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { resolveLadder } from '../../src/predict/ladder.js';
import { projectRoot } from '../helpers/paths.js';
import { mainFigures, manyBenchmarkCharts } from './support.js';

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const MAX_WIDTH = 4000;

describe('no PNG wider than 4,000 px', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mainFigures();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every chart of the main job', () => {
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(10);
    for (const f of pngs) expect(pngSize(readFileSync(join(dir, f))).width, f).toBeLessThanOrEqual(MAX_WIDTH);
  });

  it('the backtest of 65 benchmarks wraps into rows (was 86,796 px wide), each row of at most 20 benchmarks', async () => {
    const charts = manyBenchmarkCharts(65);
    const backtest = charts.find((c) => c.name === 'backtest')!;
    const spec = backtest.spec as unknown as { vconcat: { data: { values: { benchmark: string }[] } }[] };
    // 65 benchmarks and the group over all of them, in rows.
    const perRow = spec.vconcat.map((v) => new Set(v.data.values.map((r) => r.benchmark)).size);
    expect(perRow.reduce((a, b) => a + b, 0)).toBe(66);
    expect(Math.max(...perRow)).toBeLessThanOrEqual(20);
    const { width, height } = pngSize(svgToPng(await renderSvg(backtest.spec)));
    expect(width).toBeLessThanOrEqual(MAX_WIDTH);
    expect(height).toBeGreaterThan(width); // it grew downwards, in rows
  }, 120_000);

  it('a backtest row holds as many benchmarks as fit in 1,400 px, between 1 and 20', () => {
    expect(benchmarksPerRow(7)).toBe(8); // 1400 / (1.25 · 7 · 18) = 8.9
    expect(benchmarksPerRow(1)).toBe(20);
    expect(benchmarksPerRow(200)).toBe(1);
    const rows = Array.from({ length: 65 }, (_, i) => ({ benchmark: `b${i}`, method: 'carry', meanError: 1, maxError: 2 }));
    const spec = backtestChart({ heldOut: ['x'], rows, missing: [] }) as unknown as { vconcat: unknown[] };
    expect(spec.vconcat).toHaveLength(Math.ceil(65 / 20));
  });

  it('keeps the "no prediction" lines short when methods miss dozens of benchmarks (the OPT backtest was 6,398 px wide)', async () => {
    const names = Array.from({ length: 65 }, (_, i) => `hendrycksTest-high_school_subject_${i}`);
    const rows = names.slice(0, 10).map((benchmark) => ({ benchmark, method: 'carry', meanError: 1, maxError: 2 }));
    const spec = backtestChart({ heldOut: ['x'], rows, missing: [`two-step: ${names.join(', ')}`, `cod: ${names.slice(0, 45).join(', ')}`], benchmarks: 65 });
    const subtitle = (spec as unknown as { title: { subtitle: string[] } }).title.subtitle;
    expect(subtitle.slice(2)).toEqual(['no prediction — two-step: all 65 benchmarks', 'cod: hendrycksTest-high_school_subject_0, hendrycksTest-high_school_subject_1, hendrycksTest-high_school_subject_2, … (45 of 65 benchmarks)']);
    expect(pngSize(svgToPng(await renderSvg(spec))).width).toBeLessThanOrEqual(MAX_WIDTH);
  });

  it('the scaling charts of 65 benchmarks (one per benchmark, each of fixed size)', async () => {
    const scaling = manyBenchmarkCharts(65).filter((c) => c.name.startsWith('scaling-'));
    expect(scaling).toHaveLength(65);
    for (const c of [scaling[0]!, scaling[64]!]) expect(pngSize(svgToPng(await renderSvg(c.spec))).width, c.name).toBeLessThanOrEqual(MAX_WIDTH);
  }, 120_000);

  it('a cluster chart of 65 clusters: 12 panels in two full rows', async () => {
    const dataDir = join(projectRoot, 'datasets', 'synthetic');
    const data = loadDataset({ scores: [join(dataDir, 'scores.csv')], models: [join(dataDir, 'models.csv')] });
    const ladder = resolveLadder(data, { family: 'sim' });
    const classes = ['extrapolatable', 'non-extrapolatable', 'non-emergent'] as const;
    const clusters = Array.from({ length: 65 }, (_, k) => ({
      cluster: k,
      size: 100 - k,
      curve: ladder.map((_, j) => Math.min(1, (j * (k % 5)) / 40)),
      fit: null,
      class: classes[k % 3]!,
      reason: 'synthetic',
    }));
    const svg = await renderSvg(clusterChart({ benchmark: 'b', axis: 'compute', ladder, target: { name: 't', x: 1e24 }, clusters }));
    expect((svg.match(/>#\d+ · \d+ items</g) ?? []).length).toBe(12);
    expect(pngSize(svgToPng(svg)).width).toBeLessThanOrEqual(MAX_WIDTH);
  }, 60_000);
});

describe('the report of 65 benchmarks', () => {
  it('shows its charts in pages of 10 and folds long tables', () => {
    const charts = manyBenchmarkCharts(65);
    const rows = Array.from({ length: 65 * 7 }, (_, i) => [`b${i}`, '1.0']);
    const html = reportHtml(
      {
        title: 'many',
        inputs: [],
        sections: [{ title: 'Charts', charts: charts.map((c) => ({ id: c.name, title: c.title, spec: c.spec })), tables: [{ caption: 'Predictions', headers: ['b', 'v'], rows }] }],
      },
      reportScripts(),
    );
    const pages = [...html.matchAll(/<div class="page" data-section="0" data-page="(\d+)"( hidden)?>/g)];
    expect(pages).toHaveLength(Math.ceil(charts.length / CHARTS_PER_PAGE));
    expect(pages.filter((p) => p[2] === undefined)).toHaveLength(1); // only the first page shows
    expect(html).toContain(`<details><summary>Predictions (${rows.length} rows)</summary>`);
    expect(rows.length).toBeGreaterThan(FOLDED_TABLE_ROWS);
  }, 120_000);
});

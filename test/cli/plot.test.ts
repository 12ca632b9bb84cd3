/**
 * `scalecast plot <kind>` and `scalecast report`: the files each writes, and bad input (no --out, a
 * bad --format, runs without the columns asked for) as one line with exit code 2.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulateChinchillaRuns } from '../../src/fit/simulateChinchillaRuns.js';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const synth = join(projectRoot, 'datasets', 'synthetic');
const ladder = ['--scores', join(synth, 'scores.csv'), '--models', join(synth, 'models.csv'), '--family', 'sim'];
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
function temp(): string {
  const t = mkdtempSync(join(tmpdir(), 'scalecast-plot-'));
  temps.push(t);
  return t;
}

describe('scalecast plot', () => {
  it('writes the spec, SVG and PNG of each benchmark\'s scaling curve', async () => {
    const out = temp();
    const r = await runCli('plot', 'scaling', ...ladder, '--target', 'sim-70B', '--bootstrap', '20', '--benchmark', 'sim-gen', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['scaling-sim-gen.png', 'scaling-sim-gen.svg', 'scaling-sim-gen.vl.json']);
    const spec = JSON.parse(readFileSync(join(out, 'scaling-sim-gen.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite/);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('draws the Chinchilla fit of a table of runs, in the formats asked for', async () => {
    const out = temp();
    const runs = join(out, 'runs.csv');
    writeFileSync(runs, `N,D,loss\n${simulateChinchillaRuns({ seed: 2 }).map((p) => `${p.N},${p.D},${p.loss}`).join('\n')}\n`);
    const r = await runCli('plot', 'chinchilla', '--data', runs, '-x', 'N,D', '-y', 'loss', '--out', join(out, 'figs'), '--format', 'svg');
    expect(r.code).toBe(0);
    expect(readdirSync(join(out, 'figs'))).toEqual(['chinchilla.svg']);
    expect(readFileSync(join(out, 'figs', 'chinchilla.svg'), 'utf8')).toContain('compute-optimal');
    const bad = await runCli('plot', 'chinchilla', '--data', runs, '-x', 'params,tokens', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/runs\.csv/);
  });

  it('draws density and the backtest', async () => {
    const out = temp();
    const d = await runCli('plot', 'density', '-s', join(projectRoot, 'datasets/public/density.scores.csv'), '-m', join(projectRoot, 'datasets/public/density.models.csv'), '--reference', 'Qwen1.5', '--bootstrap', '100', '--out', out, '--format', 'json');
    expect(d.code).toBe(0);
    const b = await runCli('plot', 'backtest', ...ladder, '--holdout', '2', '--benchmark', 'sim-mc', '--out', out, '--format', 'json');
    expect(b.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['backtest.vl.json', 'density.vl.json']);
  });

  it('refuses a bad --format and a missing --out, in one line with exit code 2', async () => {
    const f = await runCli('plot', 'scaling', ...ladder, '--target', 'sim-70B', '--out', temp(), '--format', 'gif');
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/--format takes svg, png and json/);
    const o = await runCli('plot', 'density', '--reference', 'x');
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/--out/);
  });
});

describe('scalecast plot and report on awkward inputs', () => {
  /** A 5-model ladder and a target, aggregate scores on benchmarks with awkward names. */
  function awkward(dir: string, ladderSize = 5): string[] {
    const models = ['model,params,tokens', ...Array.from({ length: ladderSize }, (_, i) => `m${i + 1},${10 ** (8 + i / 2)},${20 * 10 ** (8 + i / 2)}`), 'big,1e12,2e13'].join('\n');
    const rows = ['model,benchmark,score'];
    for (const b of ['a/b', 'a b']) for (let i = 0; i < ladderSize; i++) rows.push(`m${i + 1},"${b}",${(0.1 + 0.08 * i + (b === 'a b' ? 0.01 : 0)).toFixed(3)}`);
    writeFileSync(join(dir, 'models.csv'), `${models}\n`);
    writeFileSync(join(dir, 'scores.csv'), `${rows.join('\n')}\n`);
    return ['-s', join(dir, 'scores.csv'), '-m', join(dir, 'models.csv'), '--ladder', Array.from({ length: ladderSize }, (_, i) => `m${i + 1}`).join(','), '--target', 'big', '--axis', 'params'];
  }

  it('gives benchmarks whose file names collide distinct files', async () => {
    const dir = temp();
    const r = await runCli('plot', 'scaling', ...awkward(dir), '--out', join(dir, 'o'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'o')).sort()).toEqual(['scaling-a_b-2.vl.json', 'scaling-a_b.vl.json']);
  });

  it('reports on a ladder too short to backtest, and says so', async () => {
    const dir = temp();
    const r = await runCli('report', ...awkward(dir, 4), '--out', join(dir, 'r.html'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('No backtest: the ladder has 4 models');
  });

  it('refuses an --out of the wrong kind before doing any work', async () => {
    const dir = temp();
    const args = awkward(dir);
    const f = await runCli('plot', 'scaling', ...args, '--out', join(dir, 'models.csv'));
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/a file is in the way where a folder is needed/);
    const d = await runCli('report', ...args, '--out', `${dir}/`);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/is a folder/);
  });

  it('refuses a Chinchilla fit whose loss does not depend on N', async () => {
    const dir = temp();
    const runs = join(dir, 'runs.csv');
    const rows = ['N,D,loss'];
    for (const N of [1e8, 1e9, 1e10]) for (const D of [1e9, 1e10, 1e11]) rows.push(`${N},${D},${(1.8 + 400 * D ** -0.3).toFixed(6)}`);
    writeFileSync(runs, `${rows.join('\n')}\n`);
    const r = await runCli('plot', 'chinchilla', '--data', runs, '-x', 'N,D', '-y', 'loss', '--out', join(dir, 'o'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at 0: in these runs the loss does not depend on N/);
  });
});

describe('scalecast report', () => {
  it('adds capacity density with --reference, with the density command\'s defaults', async () => {
    const out = temp();
    const file = join(out, 'r.html');
    const pub = join(projectRoot, 'datasets', 'public');
    const args = ['-s', join(pub, 'density.scores.csv'), '-m', join(pub, 'density.models.csv')];
    const r = await runCli('report', ...args, '--family', 'Qwen1.5', '--axis', 'params', '--target-params', '300B', '--reference', 'Qwen1.5', '--out', file);
    expect(r.code).toBe(0);
    const density = JSON.parse((await runCli('density', ...args, '--reference', 'Qwen1.5', '--json')).stdout);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<h2>Capacity density</h2>');
    expect(html).toContain(`doubling time ${density.law.doublingMonths.toFixed(2)} months`);
  });

  it('writes one offline HTML page with the charts and tables', async () => {
    const out = temp();
    const file = join(out, 'r.html');
    const r = await runCli('report', ...ladder, '--target', 'sim-70B', '--bootstrap', '20', '--benchmark', 'sim-gen', '--out', file);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<h2>Predictions of sim-70B</h2>');
    expect(html).toContain('<h2>Backtest</h2>');
    expect((html.match(/<div class="vega"/g) ?? []).length).toBe(4);
  });
});

describe('missing fonts', () => {
  it('are bad input (exit 2, one line), not a bug', async () => {
    const { reportFailure } = await import('../../cli/output/failure.js');
    const { ChartFontError, findChartFonts } = await import('../../src/charts/renderChart.js');
    let err: unknown;
    try {
      findChartFonts(['/nonexistent']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChartFontError);
    let stderr = '';
    const code = reportFailure(err, { stdout: () => {}, stderr: (t: string) => void (stderr += t), stderrIsTTY: false }, false);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/no DejaVu Sans font found/);
  });
});

import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../data/support.js';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const EMBEDDED = join(projectRoot, 'datasets', 'synthetic');

const tempDir = tempFolders('scalecast-main-');

/** A copy of the embedded data in a temp folder. */
function copy(): string {
  const dir = tempDir();
  cpSync(EMBEDDED, dir, { recursive: true });
  return dir;
}

describe('scalecast main', () => {
  it('names the predict and backtest command lines that give its predictions and backtest, and they do', async () => {
    const r = await runCli('main', '--no-figures');
    const predictLine = /, as scalecast (predict .*)$/m.exec(r.stdout)![1]!;
    const backtestLine = /^Backtest, as scalecast (backtest .*)$/m.exec(r.stdout)![1]!;
    expect(predictLine).toContain('--anchor anchor-34B');
    expect(predictLine).toMatch(/--guess .*sim-mc=0\.25/);
    // (benchmark, method, prediction) of every row of a prediction table
    const cells = (text: string) => [...text.matchAll(/^(sim-\w+)\s+([\w-]+(?: \*)?)\s+(\d+\.\d\d|—)\s/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const predicted = await runCli(...predictLine.split(' '));
    expect(predicted.code).toBe(0);
    const mainRows = cells(r.stdout.slice(r.stdout.indexOf('Prediction of'), r.stdout.indexOf('Backtest, as')));
    expect(mainRows.length).toBe(27);
    expect(cells(predicted.stdout)).toEqual(mainRows);
    const backtest = await runCli(...backtestLine.split(' '));
    const table = (text: string) => text.split('\n').slice(0, 12).join('\n');
    expect(table(backtest.stdout)).toBe(table(r.stdout.slice(r.stdout.indexOf('Backtest, as') + `Backtest, as scalecast ${backtestLine}\n`.length)));
  }, 60_000);

  it('inspects the embedded data and prints the truth, with benchmarks in the same order in both tables', async () => {
    const r = await runCli('main', '--no-figures');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Embedded default data: ${EMBEDDED}`);
    expect(r.stdout).toMatch(/^sim-12B\s+sim\s+12B\s+240B\s+1\.73e22\s+3$/m);
    expect(r.stdout).toMatch(/^sim-122M\s+0\.0410\s+0\.0591\s+0\.3083$/m);
    const headers = r.stdout.split('\n').filter((l) => /^model\s/.test(l) && l.includes('sim-'));
    expect(headers).toHaveLength(2);
    const order = (l: string) => l.split(/\s+/).filter((w) => w.startsWith('sim-'));
    expect(order(headers[0]!)).toEqual(['sim-code', 'sim-gen', 'sim-mc']);
    expect(order(headers[1]!)).toEqual(['sim-code', 'sim-gen', 'sim-mc']);
    expect(r.stdout).toMatch(/^sim-70B\s+target\s+70B/m);
  });

  it('warns, without touching them, when the files differ from what the simulator makes, and goes on', async () => {
    const dir = copy();
    const scores = join(dir, 'scores.csv');
    const edited = readFileSync(scores, 'utf8').replace('\nsim-122M,sim-gen,sim-gen/0,', '\nsim-122M,sim-gen,sim-gen/0,0.99,100\nsim-122M,sim-gen,sim-gen/0x,');
    writeFileSync(scores, edited);
    const r = await runCli('main', '--data', dir, '--no-figures');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `scalecast: warning: scores.csv in ${dir} differs from what the simulator writes for seed 1; using the files as they are. To refresh them: scalecast simulate --out ${dir} --force\n`,
    );
    expect(readFileSync(scores, 'utf8')).toBe(edited);
    expect(r.stdout).toMatch(/^sim-gen\s+per item\s+1201\s/m);
  });

  it('writes the files that are missing, and only those', async () => {
    const dir = copy();
    rmSync(join(dir, 'items.truth.csv'));
    writeFileSync(join(dir, 'truth.json'), '{}\n');
    const r = await runCli('main', '--data', dir, '--json', '--no-figures');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`scalecast: wrote items.truth.csv of the default synthetic ladder (seed 1) to ${dir}`);
    expect(r.stderr).toContain('warning: truth.json in');
    expect(readFileSync(join(dir, 'items.truth.csv')).equals(readFileSync(join(EMBEDDED, 'items.truth.csv')))).toBe(true);
    expect(readFileSync(join(dir, 'truth.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(dir).sort()).toEqual(readdirSync(EMBEDDED).sort());
    expect(JSON.parse(r.stdout).models).toHaveLength(10);
  });

  it('writes an SVG and a PNG of every chart and report.html to --figures, and says where', async () => {
    const dir = tempDir();
    const r = await runCli('main', '--figures', dir);
    expect(r.code).toBe(0);
    // COD is refused on sim-mc (one greedy 0/1 answer per item), so it has no cluster or map chart.
    expect(r.stdout).toContain(`Figures: 10 charts (SVG and PNG) and report.html written to ${dir}`);
    const files = readdirSync(dir).sort();
    const charts = ['backtest', 'chinchilla', 'density', 'scaling-sim-mc', ...['scaling', 'clusters', 'mapping'].flatMap((k) => ['sim-code', 'sim-gen'].map((b) => `${k}-${b}`))];
    expect(files).toEqual([...charts.flatMap((c) => [`${c}.png`, `${c}.svg`]), 'report.html'].sort());
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect((html.match(/<div class="vega"/g) ?? []).length).toBe(10);
    expect(readFileSync(join(dir, 'density.svg'), 'utf8')).toContain('doubles every');
  }, 120_000);
});

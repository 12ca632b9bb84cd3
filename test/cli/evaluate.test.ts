/**
 * `scalecast evaluate` on a seeded synthetic corpus of aggregate ladders (8 lineages whose scores
 * follow sigmoids in log params with noise): the JSON's shape, the same answer on 1 and 2 threads,
 * the default judged either way, the files it writes, and bad input (exit 2, one line).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { parsePolicy } from '../../src/predict/policy/policyFile.js';
import { projectRoot } from '../helpers/paths.js';
import { runCli, runCliOnTerminal } from '../helpers/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'evaluate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rng = createRandom(5);
const sizes = [0.1, 0.3, 1, 3, 10, 30];
const benches = [
  { name: 'mc', guess: 0.25, shift: -1 },
  { name: 'gen', guess: 0, shift: -3 },
  { name: 'easy', guess: 0.5, shift: 1 },
];
let csv = `model,family,params_b,${benches.map((b) => b.name).join(',')}\n`;
for (let f = 0; f < 8; f++) {
  const level = 0.8 * rng.normal();
  const slope = 1.2 + 0.3 * rng.normal();
  for (const s of sizes) {
    const cells = benches.map((b) => {
      const p = b.guess + (1 - b.guess) / (1 + Math.exp(-(b.shift + level + slope * Math.log10(s)) + 0.15 * rng.normal()));
      return p.toFixed(4);
    });
    csv += `fam${f}-${s}B,fam${f},${s},${cells.join(',')}\n`;
  }
}
writeFileSync(join(dir, 'scores.csv'), csv);
const manifest = {
  corpus: 'synthetic',
  sources: { s: { format: 'table', path: 'scores.csv', model: 'model', benchmarks: Object.fromEntries(benches.map((b) => [b.name, b.name])), family: 'family', params: { column: 'params_b', scale: 1e9 }, guess: Object.fromEntries(benches.map((b) => [b.name, b.guess])) } },
  ladders: Array.from({ length: 8 }, (_, f) => ({ id: `fam${f}`, lineage: `fam${f}`, source: 's', family: `fam${f}` })),
};
const corpus = join(dir, 'corpus.json');
writeFileSync(corpus, JSON.stringify(manifest, null, 2));
const base = ['evaluate', '--corpus', corpus, '--methods', 'carry,e2e-linear,e2e-linear3,e2e-logistic,e2e-cod,pop-curve'];

describe('scalecast evaluate', () => {
  it('reports every method and the default, cross-validated by lineage, the same on 1 and 2 threads', async () => {
    const one = await runCli(...base, '--cross-validate', '--json', '--threads', '1');
    const two = await runCli(...base, '--cross-validate', '--json', '--threads', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const r = JSON.parse(one.stdout);
    expect(r.corpus).toMatchObject({ name: 'synthetic', listed: 8, ladders: 8, lineages: 8, cases: 48, predictions: 72 });
    expect(r.defaultJudged).toEqual({ by: 'cross-validation' });
    expect(r.methods.map((m: { method: string }) => m.method)).toEqual(['default', 'carry', 'e2e-linear', 'e2e-linear3', 'e2e-logistic', 'e2e-cod', 'pop-curve']);
    const d = r.methods[0];
    for (const k of ['mae', 'max', 'median', 'n', 'coverage', 'within2', 'within5']) expect(d[k]).toEqual(expect.any(Number));
    expect(d.n).toBe(72);
    // The summary is the rows': the default's MAE is the mean of its absolute errors.
    const mae = r.rows.reduce((a: number, row: { default: { value: number }; actual: number }) => a + Math.abs(row.default.value - row.actual), 0) / r.rows.length;
    expect(d.mae).toBeCloseTo(mae, 12);
    expect(r.breakdowns.kind.map((g: { key: string }) => g.key)).toEqual(['aggregate']);
    expect(r.breakdowns.ratio.length).toBeGreaterThan(1);
    expect(r.line.method).toBe('e2e-linear');
    // Every default interval has width and holds its prediction.
    for (const row of r.rows) {
      expect(row.default.interval[1]).toBeGreaterThan(row.default.interval[0]);
      expect(row.default.value).toBeGreaterThanOrEqual(row.floor);
    }
    // The population curve borrows from the other families of the source.
    expect(r.methods.find((m: { method: string }) => m.method === 'pop-curve').n).toBeGreaterThan(0);
  }, 60_000);

  it('judges the shipped policy on a corpus of its own by default, and prints a table', async () => {
    const r = await runCli(...base, '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Corpus "synthetic"');
    expect(r.stdout).toMatch(/the default is the policy fitted on corpus "public"/);
    expect(r.stdout).toMatch(/^default\s+72\s/m);
    expect(r.stdout).toContain('The default against the straight line');
    // Piped, stderr holds no progress.
    expect(r.stderr).toBe('');
  }, 60_000);

  it('draws no progress under --json, even on a terminal', async () => {
    const j = await runCliOnTerminal(...base, '--threads', '1', '--json');
    expect(j.code).toBe(0);
    expect(j.stderr).toBe('');
  }, 60_000);

  it('writes the predictions, the chart spec and the fitted policy, and prints CSV', async () => {
    const rows = join(dir, 'out', 'rows.csv');
    const chart = join(dir, 'out', 'chart.vl.json');
    const policy = join(dir, 'out', 'policy.json');
    const r = await runCli(...base, '--threads', '1', '--csv', '--rows', rows, '--chart', chart, '--write-policy', policy);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('breakdown,part,method,n,cases,mae,median,max,within2,within5,intervals,coverage,mean_width');
    expect(readFileSync(rows, 'utf8').split('\n')[0]).toMatch(/^case,ladder,lineage,source,split,benchmark,kind,ladder_size,target,ratio,actual,default,default_low,default_high,carry,/);
    expect(JSON.parse(readFileSync(chart, 'utf8')).hconcat).toHaveLength(2);
    expect(parsePolicy(readFileSync(policy, 'utf8'), policy).corpus).toBe('synthetic');
  }, 60_000);

  it('refuses bad input with one line and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['evaluate', '--corpus', join(dir, 'nope.json')], /nope\.json: no such file or folder/],
      [[...base, '--json', '--csv'], /--json and --csv exclude each other/],
      [[...base, '--methods', 'carry,magic'], /--methods takes/],
      [[...base, '--chart', join(dir, 'c.gif')], /--chart must end in .svg, .png or .vl.json/],
      [[...base, '--rows', join(dir, 'scores.csv')], /it is the input .*; writing there would destroy it/],
      [[...base, '--policy', join(dir, 'scores.csv'), '--cross-validate'], /exclude each other/],
      [[...base, '--only', 'nothing-like-this'], /no ladder id of .* contains "nothing-like-this"/],
      [['evaluate', '--policy', join(projectRoot, 'datasets/policy/public.json')], /judging it there is judging it in sample/],
      [[...base, '--policy', join(dir, 'p.json'), '--write-policy', join(dir, 'p.json')], /it is the input .*; writing there would destroy it/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(message);
      expect(r.stderr.split('\n').filter(Boolean).length, r.stderr).toBeLessThanOrEqual(2);
    }
    expect(existsSync(join(dir, 'c.gif'))).toBe(false);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...manifest, ladders: [{ id: 'x', lineage: 'x', source: 's', models: ['fam0-0.1B', 'fam0-0.3B', 'ghost'] }] }, null, 2));
    const r = await runCli('evaluate', '--corpus', broken, '--threads', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json:\d+:\d+: ladder "x": the models tables of source "s" have no row for "ghost"/);
  }, 60_000);
});

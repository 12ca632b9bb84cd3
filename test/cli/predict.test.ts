import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const dir = join(projectRoot, 'datasets', 'synthetic');
const base = ['--scores', join(dir, 'scores.csv'), '--models', join(dir, 'models.csv'), '--family', 'sim'];
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe('scalecast predict', () => {
  it('predicts every benchmark with every method and adds the default, bounded and with an interval (JSON)', async () => {
    const r = await runCli('predict', ...base, '--target', 'sim-70B', '--bootstrap', '50', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.unit).toBe('fraction');
    expect(out.target.name).toBe('sim-70B');
    expect(out.ladder).toHaveLength(8);
    // The same predictions as CSV: a row per benchmark and method, the same numbers.
    const csv = await runCli('predict', ...base, '--target', 'sim-70B', '--bootstrap', '50', '--csv');
    const [head, ...lines] = csv.stdout.trimEnd().split('\n');
    expect(head).toBe('benchmark,method,default,prediction,low,high,actual,unit,note');
    expect(lines).toHaveLength(out.predictions.length);
    const d0 = out.predictions.find((p: { default?: boolean }) => p.default);
    const c0 = lines.find((l) => l.startsWith(`${d0.benchmark},default,yes,`))!.split(',');
    expect(c0.slice(3, 6).map(Number)).toEqual([d0.prediction, d0.interval[0], d0.interval[1]]);
    expect(c0[6]).toBe(d0.actual === undefined ? '' : String(d0.actual));
    expect(c0[7]).toBe('fraction');
    expect((await runCli('predict', ...base, '--target', 'sim-70B', '--csv', '--json')).stderr).toBe('scalecast: error: --json and --csv exclude each other\n');
    for (const b of ['sim-code', 'sim-gen', 'sim-mc']) {
      const rows = out.predictions.filter((p: { benchmark: string }) => p.benchmark === b);
      expect(rows.map((p: { method: string }) => p.method).sort()).toEqual(['carry', 'cod', 'default', 'e2e-cod', 'e2e-linear', 'e2e-linear3', 'e2e-logistic', 'pop-curve', 'two-step']);
      const defaults = rows.filter((p: { default?: boolean }) => p.default);
      expect(defaults).toHaveLength(1);
      const d = defaults[0];
      expect(d.method).toBe('default');
      expect(d.choice).toMatch(/weights of group .* fitted on corpus "public"/);
      // The default is carry plus the weighted gains of its components, as the JSON lists them.
      const carry = rows.find((p: { method: string }) => p.method === 'carry').prediction;
      const sum = d.components.reduce((a: number, c: { weight: number; value: number }) => a + c.weight * (c.value - carry), carry);
      expect(d.prediction).toBeCloseTo(Math.min(1, Math.max(b === 'sim-mc' ? 0.25 : 0, sum)), 12);
      expect(d.interval[0]).toBeLessThan(d.prediction);
      expect(d.interval[1]).toBeGreaterThan(d.prediction);
      expect(rows.find((p: { method: string }) => p.method === 'two-step').reason).toContain('loss-like column');
      expect(rows.find((p: { method: string }) => p.method === 'pop-curve').reason).toContain('a borrowed curve needs at least 8');
    }
    const cods = out.predictions.filter((p: { method: string }) => p.method === 'cod');
    for (const cod of cods.filter((p: { benchmark: string }) => p.benchmark !== 'sim-mc')) {
      expect(cod.prediction).toBeGreaterThan(0);
      expect(cod.prediction).toBeLessThan(1);
      expect(cod.interval[0]).toBeLessThanOrEqual(cod.prediction);
      expect(cod.interval[1]).toBeGreaterThanOrEqual(cod.prediction);
      expect(cod.cod.clusters.length).toBeGreaterThan(0);
    }
    // sim-mc has one greedy 0/1 answer per item: COD is refused there, with the reason.
    const mc = cods.find((p: { benchmark: string }) => p.benchmark === 'sim-mc');
    expect(mc.prediction).toBeNull();
    expect(mc.reason).toContain('256 answer patterns');
  });

  it('is deterministic for a seed', async () => {
    const a = await runCli('predict', ...base, '--target', 'sim-70B', '--method', 'cod', '--bootstrap', '40', '--seed', '3', '--json');
    const b = await runCli('predict', ...base, '--target', 'sim-70B', '--method', 'cod', '--bootstrap', '40', '--seed', '3', '--json');
    expect(a.stdout).toBe(b.stdout);
  });

  it('refuses a target smaller than the ladder', async () => {
    const r = await runCli('predict', ...base, '--target', 'sim-7B');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not larger than the ladder's largest model");
  });

  it('refuses a ladder of fewer than 3 models', async () => {
    const r = await runCli('predict', '--scores', join(dir, 'scores.csv'), '--models', join(dir, 'models.csv'), '--ladder', 'sim-7B,sim-12B', '--target', 'sim-70B');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('at least 3 are needed');
  });

  it('refuses an anchor that is no model of the data, and an anchor that is a ladder model', async () => {
    const r = await runCli('predict', ...base, '--target', 'sim-70B', '--method', 'cod', '--anchor', 'sim-70B-nope', '--bootstrap', '0');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'scalecast: error: --anchor sim-70B-nope: no such model in the scores or the models table']);
    const named = await runCli('predict', '--scores', join(dir, 'scores.csv'), '--models', join(dir, 'models.csv'), '--ladder', 'sim-973M,sim-1.9B,sim-7B,sim-12B', '--target', 'sim-70B', '--method', 'cod', '--anchor', 'sim-12B', '--bootstrap', '0');
    expect([named.code, named.stderr.trim()]).toEqual([2, 'scalecast: error: --anchor sim-12B: is a ladder model (--ladder names it); an anchor is a model outside the ladder']);
    // From a family, the anchor is taken out of the ladder, and the output says so.
    const fam = await runCli('predict', ...base, '--target', 'sim-70B', '--method', 'cod', '--bootstrap', '0', '--anchor', 'sim-12B', '--json');
    expect(fam.code).toBe(0);
    const out = JSON.parse(fam.stdout);
    expect(out.ladder).toHaveLength(7);
    expect(out.warnings).toContain('sim-12B is a model of family sim, given as anchor: left out of the ladder');
  });

  it('refuses options that cannot apply: a --guess naming no benchmark, --clusters without kmeans, --policy without the default', async () => {
    const g = await runCli('predict', ...base, '--target', 'sim-70B', '--guess', 'zz=0.25');
    expect([g.code, g.stderr]).toEqual([2, expect.stringContaining('--guess names zz, which is not among the benchmarks')]);
    const k = await runCli('predict', ...base, '--target', 'sim-70B', '--clusters', '3');
    expect([k.code, k.stderr]).toEqual([2, expect.stringContaining('--clusters sets the number of clusters of --clustering kmeans')]);
    const p = await runCli('predict', ...base, '--target', 'sim-70B', '--method', 'cod', '--policy', 'datasets/policy/public.json');
    expect([p.code, p.stderr]).toEqual([2, expect.stringContaining('--policy makes the default, which --method cod does not compute')]);
    const b = await runCli('cluster', ...base, '--bootstrap', '10');
    expect([b.code, b.stderr]).toEqual([2, expect.stringContaining("unknown option '--bootstrap'")]);
  });

  it('gives no prediction, with the reason, on a benchmark where nothing scales', async () => {
    const t = mkdtempSync(join(tmpdir(), 'flat-'));
    temps.push(t);
    const models = 'model,family,params,tokens\na,f,1B,20B\nb,f,2B,40B\nc,f,4B,80B\nd,f,8B,160B\nbig,f,70B,1.4T\n';
    let scores = 'model,benchmark,item,score\n';
    for (const m of ['a', 'b', 'c', 'd']) for (let i = 0; i < 40; i++) scores += `${m},flat,i${i},${i % 4 === 0 ? 1 : 0}\n`;
    writeFileSync(join(t, 'm.csv'), models);
    writeFileSync(join(t, 's.csv'), scores);
    const r = await runCli('predict', '--scores', join(t, 's.csv'), '--models', join(t, 'm.csv'), '--family', 'f', '--target', 'big', '--method', 'all', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const p of out.predictions) {
      expect(p.prediction === null || Number.isFinite(p.prediction)).toBe(true);
      if (p.prediction === null) expect(p.reason.length).toBeGreaterThan(0);
    }
    expect(out.predictions.find((p: { method: string }) => p.method === 'e2e-linear').reason).toContain('no trend');
  });
});

describe('COD clustering alternatives', () => {
  it('runs with K-Means and improved K-Means, and rejects an unknown method', async () => {
    for (const c of ['kmeans', 'improved-kmeans']) {
      const r = await runCli('predict', ...base, '--target', 'sim-70B', '--method', 'cod', '--clustering', c, '--bootstrap', '0', '--json');
      expect(r.code, c).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(Number.isNaN(out.predictions[0].cod.bandwidth) || out.predictions[0].cod.bandwidth === null).toBe(true);
      expect(out.predictions.every((p: { prediction: number | null }) => p.prediction === null || (p.prediction > 0 && p.prediction < 1))).toBe(true);
    }
    const bad = await runCli('predict', ...base, '--target', 'sim-70B', '--clustering', 'dbscan');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--clustering must be meanshift, kmeans or improved-kmeans');
  });
});

describe('scalecast backtest and cluster', () => {
  it('prints the absolute errors of every method with mean and max', async () => {
    const r = await runCli('backtest', ...base, '--holdout', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('predicting sim-7B, sim-12B from the 6 smaller ladder models');
    expect(r.stdout).toMatch(/^default\s+\d/m);
    const j = JSON.parse((await runCli('backtest', ...base, '--holdout', '2', '--json')).stdout);
    const cod = j.benchmarks[0].methods.find((m: { method: string }) => m.method === 'cod');
    expect(cod.heldOut.map((h: { model: string }) => h.model)).toEqual(['sim-7B', 'sim-12B']);
    for (const h of cod.heldOut) expect(h.error).toBeCloseTo(Math.abs(h.prediction - h.actual), 12);
    expect(j.unit).toBe('fraction');
  });

  it('gives the same backtest as CSV, one row per benchmark, method and hidden model', async () => {
    const j = JSON.parse((await runCli('backtest', ...base, '--holdout', '2', '--json')).stdout);
    const c = await runCli('backtest', ...base, '--holdout', '2', '--csv');
    expect(c.code).toBe(0);
    const [head, ...lines] = c.stdout.trimEnd().split('\n');
    expect(head).toBe('benchmark,method,model,prediction,actual,abs_error,unit,note');
    const cod = j.benchmarks[0].methods.find((m: { method: string }) => m.method === 'cod');
    const row = lines.find((l) => l.startsWith(`${j.benchmarks[0].benchmark},cod,sim-12B,`))!.split(',');
    const h = cod.heldOut.find((x: { model: string }) => x.model === 'sim-12B');
    expect(Number(row[3])).toBe(h.prediction);
    expect(Number(row[5])).toBe(h.error);
    expect(row[6]).toBe('fraction');
    // default and every method, for both hidden models, on every benchmark
    expect(lines.length).toBe(j.benchmarks.reduce((a: number, b: { methods: unknown[] }) => a + 2 * (b.methods.length + 1), 0));
  });

  it('shows the clusters with their fitted law and class', async () => {
    const r = await runCli('cluster', ...base, '--benchmark', 'sim-gen');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sim-gen: 1200 items, \d+ unsolved by the ladder/);
    expect(r.stdout).toMatch(/extrapolatable/);
  });

  it('gives the clusters as JSON without any target: the share of items in extrapolatable clusters is the sum of their sizes', async () => {
    const r = await runCli('cluster', ...base, '--benchmark', 'sim-gen', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.unit).toBe('fraction');
    const [b] = out.benchmarks;
    expect(b.benchmark).toBe('sim-gen');
    expect(b.subsetPrediction).toBeUndefined();
    const ex = b.clusters.filter((c: { class: string }) => c.class === 'extrapolatable').reduce((a: number, c: { size: number }) => a + c.size, 0);
    expect(b.extrapolatableShare).toBeCloseTo(ex / 1200, 12);
    const members = b.clusters.reduce((a: number, c: { size: number }) => a + c.size, 0);
    expect(members + b.outliers + b.unsolved + b.incomplete).toBe(1200);
  });
});

/**
 * Prediction benchmark (issue 4): COD with its interval (200 item-bootstrap replicates and the
 * leave-one-ladder-model-out jackknife) on one simulated benchmark of 50,000 items × 10 ladder models,
 * sampled pass rates over 20 trials. Target: under 10 s and under 1 GB. One run (it is long).
 *
 * With `--sampling` it also reports what clustering a sample costs in accuracy: the point prediction
 * (no interval) for sample sizes 4,000, 8,000 and 16,000 with sample seeds 1–3, next to the target's
 * exact expected accuracy; `--exact` adds the prediction with every item clustered (about two minutes).
 *
 * Run: `npm run bench -- predict [--sampling] [--exact]`.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { simulateLadder } from '../src/simulate/simulateLadder.js';
import { codPrediction, type CodOptions } from '../src/predict/codPrediction.js';

export async function benchPredict(): Promise<Record<string, unknown>[]> {
  const sim = simulateLadder({
    seed: 5,
    ladderParams: [60e6, 122e6, 238e6, 411e6, 652e6, 973e6, 1.9e9, 4e9, 7e9, 12e9],
    benchmarks: [{ name: 'big', guess: 0, trials: 20, items: 50_000 }],
  });
  const ladder = sim.models.filter((m) => m.role === 'ladder').map((m) => ({ model: m.model, x: m.compute }));
  const target = sim.models.find((m) => m.role === 'target')!;
  const truth = sim.expected.find((e) => e.model === target.model)!.accuracy;
  const run = (options: CodOptions) => {
    const t = performance.now();
    const r = codPrediction(sim.scores[0]!, ladder, target.compute, options);
    return { r, seconds: Number(((performance.now() - t) / 1000).toFixed(1)) };
  };
  const main = run({ bootstrap: 200, seed: 1 });
  const rows: Record<string, unknown>[] = [
    {
      case: 'COD with its interval, 50,000 items × 10 ladder models, one benchmark',
      seconds: main.seconds,
      peak_MB: Math.round(process.resourceUsage().maxRSS / 1024),
      clustered: main.r.diagnostics?.clustered ?? null,
      clusters: main.r.diagnostics?.clusters.length ?? null,
      prediction: main.r.prediction.prediction,
      interval: main.r.prediction.interval,
      truth,
      target: '< 10 s, < 1024 MB',
    },
  ];
  const point = (clusterSample: number, seed: number, label: string) => {
    const { r, seconds } = run({ bootstrap: 0, jackknife: false, clusterSample, seed });
    rows.push({ case: label, clusterSample, seed, seconds, clusters: r.diagnostics?.clusters.length ?? null, prediction: r.prediction.prediction, truth });
  };
  if (process.argv.includes('--sampling')) {
    for (const size of [4000, 8000, 16000]) for (const seed of [1, 2, 3]) point(size, seed, 'COD point prediction, clustering a sample');
  }
  if (process.argv.includes('--exact')) point(1_000_000, 1, 'COD point prediction, every item clustered');
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await benchPredict()) process.stdout.write(`${JSON.stringify(row)}\n`);
}

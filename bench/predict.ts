/**
 * Prediction benchmark (issue 4): COD with its interval (200 item-bootstrap replicates and the
 * leave-one-ladder-model-out jackknife) on one simulated benchmark of 50,000 items × 10 ladder models,
 * sampled pass rates over 20 trials. Target: under 10 s and under 1 GB. One run (it is long).
 *
 * Run: `npm run bench -- predict`.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { simulateLadder } from '../src/data/simulateLadder.js';
import { codPrediction } from '../src/predict/codPrediction.js';

export async function benchPredict(): Promise<Record<string, unknown>[]> {
  const sim = simulateLadder({
    seed: 5,
    ladderParams: [60e6, 122e6, 238e6, 411e6, 652e6, 973e6, 1.9e9, 4e9, 7e9, 12e9],
    benchmarks: [{ name: 'big', guess: 0, trials: 20, items: 50_000 }],
  });
  const ladder = sim.models.filter((m) => m.role === 'ladder').map((m) => ({ model: m.model, x: m.compute }));
  const target = sim.models.find((m) => m.role === 'target')!;
  const t = performance.now();
  const r = codPrediction(sim.scores[0]!, ladder, target.compute, { bootstrap: 200, seed: 1 });
  return [
    {
      case: 'COD with its interval, 50,000 items × 10 ladder models, one benchmark',
      seconds: Number(((performance.now() - t) / 1000).toFixed(1)),
      peak_MB: Math.round(process.resourceUsage().maxRSS / 1024),
      clusters: r.diagnostics?.clusters.length ?? null,
      prediction: r.prediction.prediction,
      target: '< 10 s, < 1024 MB',
    },
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await benchPredict()) process.stdout.write(`${JSON.stringify(row)}\n`);
}

/**
 * Fitting benchmarks (issue 3).
 *
 * 1. A 4-parameter COD-law fit (y = g + (1 − g)·exp(−a·Ĉ^(−b) − c)) with the law's 20 starting points
 *    on 8 ladder points: median and 95th percentile over 500 fits after 200 warm-up fits.
 *    Target: under 5 ms.
 * 2. 1,000 pairs-bootstrap refits of a Huber Chinchilla fit on Epoch's 245 points, on both cores.
 *    Target: under 10 s.
 *
 * Run: `npm run bench -- fit` (compiled, as the `scalecast` command runs), or `npx tsx bench/fit.ts`
 * (from source under tsx, which is several times slower for the bootstrap).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readPoints } from '../src/data/readPoints.js';
import { bootstrapFitParallel } from '../src/fit/bootstrapFit.js';
import { fitLaw } from '../src/fit/fitLaw.js';
import { chinchilla, codLaw } from '../src/fit/laws/index.js';
import { createRandom } from '../src/core/random.js';

const here = dirname(fileURLToPath(import.meta.url));
// From source: bench/ is one level below the project; compiled: dist/bench/ is two.
const root = existsSync(resolve(here, '../package.json')) ? resolve(here, '..') : resolve(here, '../..');

function codPoints() {
  const rng = createRandom(11);
  const compute = [3.99e19, 1.21e20, 3.08e20, 6.89e20, 1.39e21, 4.55e21, 5.05e22, 1.41e23];
  const y = compute.map((c) => 0.25 + 0.75 * Math.exp(-30 * (c / 1e18) ** -0.3 - 0.1) + rng.normal(0, 0.004));
  return { x: [Float64Array.from(compute)], y: Float64Array.from(y) };
}

export async function benchFit(): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const data = codPoints();
  const starts = codLaw.starts(data).length;
  for (let i = 0; i < 200; i++) fitLaw(codLaw, data);
  const times: number[] = [];
  let fit = fitLaw(codLaw, data);
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    fit = fitLaw(codLaw, data);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  rows.push({
    case: `COD law, 4 parameters, ${starts} starts, 8 points`,
    median_ms: Number(times[250]!.toFixed(3)),
    p95_ms: Number(times[475]!.toFixed(3)),
    converged_starts: fit.starts.converged,
    target: '< 5 ms',
  });

  const file = resolve(root, '../shared/datasets/raw/epoch-chinchilla/svg_extracted_data.csv');
  if (!existsSync(file)) {
    rows.push({ case: 'Chinchilla bootstrap', skipped: `not found at ${file}` });
    return rows;
  }
  const p = readPoints(file, ['Model Size', 'Training FLOP'], 'loss');
  p.x[1] = p.x[1]!.map((c, i) => c / (6 * p.x[0]![i]!));
  const chin = { x: p.x, y: p.y };
  const cfit = fitLaw(chinchilla, chin, { loss: 'huber' });
  for (const threads of [1, 2]) {
    const t = performance.now();
    const boot = await bootstrapFitParallel(chinchilla, chin, cfit, { loss: 'huber' }, { samples: 1000, seed: 1, threads });
    rows.push({
      case: `Chinchilla Huber fit, 1000 pairs-bootstrap refits, ${chin.y.length} points, ${threads} thread${threads === 1 ? '' : 's'}`,
      seconds: Number(((performance.now() - t) / 1000).toFixed(2)),
      succeeded: boot.succeeded,
      target: '< 10 s on 2 threads',
    });
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await benchFit()) process.stdout.write(`${JSON.stringify(r)}\n`);
}

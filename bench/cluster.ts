/**
 * Clustering benchmark (issue 4): COD's improved MeanShift (Algorithm 1: R = min(estimate_bandwidth(·,
 * 0.1), √d/10), MeanShift rounds on the leftovers, K = 10) on 15,000 pass-rate-like items × 9 ladder
 * models. Target: under 3 s on the 2-core reference machine.
 *
 * Rows: scalecast in the calling thread and on 2 worker threads (median of 3 runs each), then the
 * same algorithm written on scikit-learn's `estimate_bandwidth` and `MeanShift` and timed in Python
 * (one run; it takes about 90 s), with its agreement with scalecast's labels. The scikit-learn row
 * is skipped, saying why, when `/usr/bin/python3` cannot import sklearn.
 *
 * Items: difficulty θ ~ U(−3, 12), slope s ~ U(0.5, 2.5), for 30% of items a ceiling c ~ U(0.5, 1);
 * the pass rate on ladder model m = 0…8 is binomial(100, c·σ(s·(m − θ)))/100; all-zero rows are
 * redrawn (COD drops them before clustering). Seeded, so every run clusters the same data.
 *
 * Run: `npm run bench -- cluster` (compiled), or `npx tsx bench/cluster.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { improvedMeanShift, improvedMeanShiftParallel, type ImprovedMeanShiftResult } from '../src/cluster/improvedMeanShift.js';
import { createRandom } from '../src/core/random.js';

const ITEMS = 15_000;
const MODELS = 9;
const PYTHON = '/usr/bin/python3';

/** Seeded pass-rate vectors (see the module comment), row-major ITEMS × MODELS. */
function passRates(n: number, d: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const out = new Float64Array(n * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; ) {
    const theta = rng.uniform(-3, 12);
    const slope = rng.uniform(0.5, 2.5);
    const ceiling = rng.next() < 0.3 ? rng.uniform(0.5, 1) : 1;
    let solved = false;
    for (let m = 0; m < d; m++) {
      row[m] = rng.binomial(100, ceiling / (1 + Math.exp(-slope * (m - theta)))) / 100;
      if (row[m]! > 0) solved = true;
    }
    if (!solved) continue;
    out.set(row, i * d);
    i++;
  }
  return out;
}

/** Median of `runs` timed calls, in seconds, with the last result. */
async function timed<T>(runs: number, fn: () => T | Promise<T>): Promise<{ seconds: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    result = await fn();
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(runs / 2)]!, result: result! };
}

function summary(r: ImprovedMeanShiftResult): Record<string, unknown> {
  return { clusters: r.k, rounds: r.rounds, bandwidth: r.bandwidth, estimated_bandwidth: Number(r.estimatedBandwidth.toFixed(6)), outlier_rate: Number(r.outlierRate.toFixed(4)) };
}

/** Algorithm 1 on scikit-learn, timed in Python; reads float64 rows from argv[1], writes labels to argv[2]. */
const SKLEARN_SCRIPT = `
import json, sys, time
import numpy as np
import sklearn
from sklearn.cluster import MeanShift, estimate_bandwidth
X = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, int(sys.argv[3]))
t0 = time.perf_counter()
n, d = X.shape
estimated = estimate_bandwidth(X, quantile=0.1)
t1 = time.perf_counter()
R = min(estimated, np.sqrt(d) / 10)
labels = -np.ones(n, dtype=int); k = 0; rounds = 0
while True:
    pool = np.where(labels < 0)[0]
    if len(pool) == 0: break
    rounds += 1
    ms = MeanShift(bandwidth=R, cluster_all=False).fit(X[pool])
    local = ms.labels_.copy()
    for a, c in enumerate(local):
        if c >= 0 and np.sqrt(((X[pool[a]] - ms.cluster_centers_[c]) ** 2).sum()) > R: local[a] = -1
    sizes = np.bincount(local[local >= 0], minlength=len(ms.cluster_centers_))
    added = 0
    for c in range(len(ms.cluster_centers_)):
        if sizes[c] >= 10:
            labels[pool[local == c]] = k + added; added += 1
    if added == 0: break
    k += added
t2 = time.perf_counter()
labels.astype(np.int32).tofile(sys.argv[2])
print(json.dumps({"sklearn": sklearn.__version__, "seconds": t2 - t0, "estimate_seconds": t1 - t0,
                  "clusters": k, "rounds": rounds, "bandwidth": float(R), "outlier_rate": float((labels < 0).mean())}))
`;

/** The scikit-learn row, or a row saying why it was skipped. */
function sklearnRow(points: Float64Array, ours: Int32Array): Record<string, unknown> {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { case: 'scikit-learn', skipped: `${PYTHON} cannot import sklearn (${probe.error?.message ?? probe.stderr.trim().split('\n').pop()})` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'scalecast-cluster-'));
  try {
    const data = join(dir, 'points.f64');
    const out = join(dir, 'labels.i32');
    writeFileSync(data, Buffer.from(points.buffer, points.byteOffset, points.byteLength));
    const run = spawnSync(PYTHON, ['-c', SKLEARN_SCRIPT, data, out, String(MODELS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) return { case: 'scikit-learn', skipped: `python failed: ${run.stderr.trim().split('\n').pop()}` };
    const report = JSON.parse(run.stdout) as Record<string, number | string>;
    const theirs = new Int32Array(readFileSync(out).buffer.slice(0));
    let same = 0;
    for (let i = 0; i < ours.length; i++) if (theirs[i] === ours[i]) same++;
    return {
      case: `improved MeanShift on scikit-learn ${String(report.sklearn)} (estimate_bandwidth + MeanShift), ${ITEMS} × ${MODELS}, 1 run`,
      seconds: Number(Number(report.seconds).toFixed(2)),
      estimate_seconds: Number(Number(report.estimate_seconds).toFixed(2)),
      clusters: report.clusters,
      rounds: report.rounds,
      bandwidth: report.bandwidth,
      outlier_rate: Number(Number(report.outlier_rate).toFixed(4)),
      labels_identical_to_scalecast: `${same} / ${ours.length}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The clustering benchmark rows (see the module comment).
 *
 * @example for (const row of await benchCluster()) console.log(row);
 */
export async function benchCluster(): Promise<Record<string, unknown>[]> {
  const points = passRates(ITEMS, MODELS, 4);
  const rows: Record<string, unknown>[] = [];
  const single = await timed(3, () => improvedMeanShift(points, ITEMS, MODELS));
  rows.push({ case: `improved MeanShift, ${ITEMS} × ${MODELS}, 1 thread, median of 3`, seconds: Number(single.seconds.toFixed(2)), ...summary(single.result), target: '< 3 s' });
  const threaded = await timed(3, () => improvedMeanShiftParallel(points, ITEMS, MODELS, { threads: 2 }));
  const same = threaded.result.labels.every((l, i) => l === single.result.labels[i]);
  rows.push({
    case: `improved MeanShift, ${ITEMS} × ${MODELS}, 2 worker threads, median of 3`,
    seconds: Number(threaded.seconds.toFixed(2)),
    ...summary(threaded.result),
    same_labels_as_1_thread: same,
    target: '< 3 s',
  });
  rows.push(sklearnRow(points, single.result.labels));
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await benchCluster()) process.stdout.write(`${JSON.stringify(r)}\n`);
}

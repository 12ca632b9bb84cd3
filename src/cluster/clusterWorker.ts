/**
 * Worker thread of {@link ClusterPool}: holds one copy of the points and answers two requests,
 * one at a time:
 *
 * - `kth`: k-th neighbour distances for a range of k-d tree positions ({@link kthDistances});
 * - `climb`: climbs a chunk of MeanShift seeds ({@link SeedClimber}) for the current job (a subset
 *   of the rows, a bandwidth and max_iter); the climber, and so its neighbourhood memo, is kept
 *   across the chunks of a job.
 *
 * Every answer is a deterministic function of its request, so results do not depend on how the work
 * was split.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildKdTree, type KdTree } from './kdTree.js';
import { kthDistances } from './kthDistances.js';
import { gatherRows } from './gatherRows.js';
import { SeedClimber } from './seedClimber.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './clusterPool.js';

const { points, n, d } = workerData as WorkerSetup;
let tree: KdTree | null = null;
let job = -1;
let climber: SeedClimber | null = null;
let seeds: Float64Array = new Float64Array(0);

parentPort!.on('message', (request: WorkerRequest) => {
  const reply = answer(request);
  parentPort!.postMessage(reply);
});

function answer(request: WorkerRequest): WorkerReply {
  if (request.op === 'kth') {
    tree ??= buildKdTree(points, n, d, undefined, true);
    return { op: 'kth', rows: tree.index.slice(request.from, request.to), values: kthDistances(tree, request.k, request.from, request.to) };
  }
  if (request.job !== job) {
    job = request.job;
    const rows = request.rows;
    const sub = rows ? gatherRows(points, d, rows) : points;
    const m = rows ? rows.length : n;
    climber = new SeedClimber(sub, m, d, request.bandwidth, request.maxIter);
    seeds = request.seeds ?? sub;
  }
  return { op: 'climb', result: climber!.climb(seeds, request.indices) };
}

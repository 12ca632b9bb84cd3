/**
 * A pool of worker threads for the two expensive parts of COD clustering: the k-th neighbour
 * distances of `estimate_bandwidth` and the seed climbs of MeanShift. Each worker holds a copy of
 * the points; work is cut into chunks handed to whichever worker is free.
 *
 * Results are identical to the single-threaded {@link estimateBandwidth} and {@link meanShift}:
 * k-th distances are exact order statistics, and a seed's mode is a function of its final
 * neighbourhood alone (NumPy's mean in scikit-learn's order), whichever worker climbed it.
 *
 * @example
 * const pool = await ClusterPool.start(features, n, 9, 2);
 * try {
 *   const R = Math.min(await pool.estimateBandwidth(0.1), 0.3);
 *   const ms = await pool.meanShift(null, { bandwidth: R, clusterAll: false }); // all rows
 * } finally {
 *   await pool.close();
 * }
 */
import type { Worker } from 'node:worker_threads';
import { defaultThreads, startWorker, workerScriptUrl } from '../core/workerThreads.js';
import { neighboursForQuantile } from './estimateBandwidth.js';
import { gatherRows } from './gatherRows.js';
import { checkMeanShift, duplicateClimb, emptyMeanShift, finishMeanShift, type MeanShiftOptions, type MeanShiftResult } from './meanShift.js';
import { checkPoints } from './checkPoints.js';
import { distinctSeeds, expandClimb, spatialOrder, type ClimbResult } from './seedClimber.js';

/** What a worker starts with. */
export interface WorkerSetup {
  points: Float64Array;
  n: number;
  d: number;
}

/** A request to a worker. */
export type WorkerRequest =
  | { op: 'kth'; k: number; from: number; to: number }
  | {
      op: 'climb';
      job: number;
      /** Rows of the points to cluster (null: all); sent with a job's first chunk to each worker. */
      rows: Int32Array | null;
      /** Explicit seeds (null: the clustered rows). */
      seeds: Float64Array | null;
      bandwidth: number;
      maxIter: number;
      /** Seed indices of this chunk. */
      indices: Int32Array;
    };

/** A worker's answer. */
export type WorkerReply = { op: 'kth'; rows: Int32Array; values: Float64Array } | { op: 'climb'; result: ClimbResult };

/** Chunks per worker: enough to balance uneven chunk costs, few enough to keep memo sharing. */
const CHUNKS_PER_WORKER = 4;

/** One worker with at most one request in flight. */
class PoolWorker {
  job = -1;
  private pending: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending;
      this.pending = null;
      p?.resolve(reply);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      const p = this.pending;
      this.pending = null;
      p?.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`clustering worker stopped with code ${code}`));
    });
  }

  request(message: WorkerRequest): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }
}

/** Worker threads sharing one point set. */
export class ClusterPool {
  private jobs = 0;

  private constructor(
    private readonly workers: PoolWorker[],
    private readonly points: Float64Array,
    readonly n: number,
    readonly d: number,
  ) {}

  /**
   * Starts `threads` workers (default: the number of CPUs, at most 8) over the `n` rows of `points`.
   *
   * @example const pool = await ClusterPool.start(X, n, d, 2);
   */
  static async start(points: Float64Array, n: number, d: number, threads = defaultThreads()): Promise<ClusterPool> {
    checkPoints(points, n, d);
    const own = points.slice(0, n * d);
    const setup: WorkerSetup = { points: own, n, d };
    const url = workerScriptUrl(import.meta.url, 'clusterWorker');
    const workers = Array.from({ length: Math.max(1, threads) }, () => new PoolWorker(startWorker(url, setup)));
    return new ClusterPool(workers, own, n, d);
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  /**
   * `estimateBandwidth(points, n, d, quantile)`, computed on the workers.
   *
   * @example await pool.estimateBandwidth(0.1)
   */
  async estimateBandwidth(quantile = 0.3): Promise<number> {
    const k = neighboursForQuantile(this.n, quantile);
    if (this.n === 0) return Number.NaN;
    const ranges = cut(this.n, this.workers.length * CHUNKS_PER_WORKER * 2);
    const replies = await this.drain(ranges, (w, [from, to]) => w.request({ op: 'kth', k, from, to }));
    const byRow = new Float64Array(this.n);
    for (const reply of replies) {
      if (reply.op !== 'kth') continue;
      for (let a = 0; a < reply.rows.length; a++) byRow[reply.rows[a]!] = reply.values[a]!;
    }
    let total = 0;
    for (let i = 0; i < this.n; i++) total += byRow[i]!;
    return total / this.n;
  }

  /**
   * `meanShift` on the rows `rows` of the pool's points (all rows when null), computed on the
   * workers; labels refer to positions in `rows`.
   *
   * @example await pool.meanShift(outliers, { bandwidth: 0.3, clusterAll: false })
   */
  async meanShift(rows: Int32Array | null, options: MeanShiftOptions): Promise<MeanShiftResult> {
    const d = this.d;
    const sub = rows ? gatherRows(this.points, d, rows) : this.points;
    const n = rows ? rows.length : this.n;
    const { seeds, m } = checkMeanShift(sub, n, d, options);
    if (n === 0) return emptyMeanShift();
    const groups = distinctSeeds(seeds, m, d);
    const maxIter = options.maxIter ?? 300;
    let climbed: ClimbResult;
    if (options.bandwidth === 0) climbed = duplicateClimb(sub, n, d, seeds, groups.distinct);
    else {
      const job = this.jobs++;
      const ordered = options.seeds ? groups.distinct : spatialOrder(sub, n, d, groups.distinct);
      const chunks = cut(ordered.length, this.workers.length * CHUNKS_PER_WORKER).map(([from, to]) => ordered.subarray(from, to));
      const replies = await this.drain(chunks, (w, indices) => {
        const first = w.job !== job;
        w.job = job;
        return w.request({
          op: 'climb',
          job,
          rows: first ? rows : null,
          seeds: first ? (options.seeds ?? null) : null,
          bandwidth: options.bandwidth,
          maxIter,
          indices,
        });
      });
      climbed = inOrder(concatClimbs(replies.map((r) => (r as { result: ClimbResult }).result), d), ordered, groups.distinct, d);
    }
    return finishMeanShift(sub, n, d, expandClimb(climbed, groups.groupOf, d), options);
  }

  /** Runs `chunks` on the workers, each taking the next chunk when free; answers in chunk order. */
  private async drain<T>(chunks: T[], run: (w: PoolWorker, chunk: T) => Promise<WorkerReply>): Promise<WorkerReply[]> {
    const out: WorkerReply[] = new Array(chunks.length);
    let next = 0;
    await Promise.all(
      this.workers.map(async (w) => {
        while (next < chunks.length) {
          const i = next++;
          out[i] = await run(w, chunks[i]!);
        }
      }),
    );
    return out;
  }
}

/** The default number of threads: the CPUs, at most 8 (re-exported from `core/workerThreads`). */
export { defaultThreads };

/** Splits 0…total into at most `parts` contiguous [from, to) ranges of nearly equal size. */
function cut(total: number, parts: number): [number, number][] {
  const count = Math.max(1, Math.min(parts, total));
  const out: [number, number][] = [];
  for (let c = 0; c < count; c++) out.push([Math.floor((c * total) / count), Math.floor(((c + 1) * total) / count)]);
  return out.filter(([a, b]) => b > a);
}

/** Reorders results for the seeds `ordered` to follow `distinct` (the same seeds in another order). */
function inOrder(r: ClimbResult, ordered: Int32Array, distinct: Int32Array, d: number): ClimbResult {
  const at = new Map<number, number>();
  ordered.forEach((s, a) => at.set(s, a));
  const out: ClimbResult = { modes: new Float64Array(r.modes.length), intensity: new Int32Array(distinct.length), iterations: new Int32Array(distinct.length) };
  distinct.forEach((s, b) => {
    const a = at.get(s)!;
    out.modes.set(r.modes.subarray(a * d, a * d + d), b * d);
    out.intensity[b] = r.intensity[a]!;
    out.iterations[b] = r.iterations[a]!;
  });
  return out;
}

/** Concatenates climb results of consecutive chunks. */
function concatClimbs(parts: ClimbResult[], d: number): ClimbResult {
  const m = parts.reduce((s, p) => s + p.intensity.length, 0);
  const out: ClimbResult = { modes: new Float64Array(m * d), intensity: new Int32Array(m), iterations: new Int32Array(m) };
  let at = 0;
  for (const p of parts) {
    out.modes.set(p.modes, at * d);
    out.intensity.set(p.intensity, at);
    out.iterations.set(p.iterations, at);
    at += p.intensity.length;
  }
  return out;
}

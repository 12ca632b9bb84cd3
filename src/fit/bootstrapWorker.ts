/** Worker thread of `bootstrapFitParallel`: runs a range of replicates and posts them back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runReplicates, type ReplicateJob } from './bootstrapFit.js';

const result = runReplicates(workerData as ReplicateJob);
parentPort!.postMessage(result, [result.buffer as ArrayBuffer]);

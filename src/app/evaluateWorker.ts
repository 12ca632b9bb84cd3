/**
 * Worker thread of `evaluateCorpus`: reads the corpus once, then runs every method on the cases of
 * each ladder it is sent and posts the rows back. Errors travel back as plain objects (an
 * {@link InputError}'s fields), so that the parent can rethrow them as what they were.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runLadder, type LadderJob, type LadderReply, type WorkerSetup } from './evaluateLadder.js';
import { CorpusData } from '../predict/corpusCases.js';
import { readCorpusManifest } from '../data/corpusManifest.js';

const setup = workerData as WorkerSetup;
const corpus = new CorpusData(readCorpusManifest(setup.manifest));
parentPort!.on('message', (job: LadderJob) => {
  const reply: LadderReply = runLadder(corpus, job.index, setup);
  parentPort!.postMessage(reply);
});

/**
 * `scalecast evaluate`: every method on every case of a corpus of real ladders, and how accurate each
 * is — the project's own accuracy benchmark, and a user's way to see which predictor to trust on
 * their ladders.
 *
 * The ladders are spread over worker threads (one ladder per job, handed to whichever worker is free);
 * the rows come back in manifest order whatever the number of threads, so the result is the same.
 * The default is judged out of sample: each lineage is predicted by a policy fitted without it
 * ({@link crossValidatedDefault}). The policy fitted on the whole corpus comes with the result, for
 * `--write-policy`.
 */
import { evaluateRuns, type RunsEvaluation } from './evaluateRuns.js';
import { UserError } from '../core/userError.js';
import { existsSync, realpathSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../core/packageRoot.js';
import { readCorpusManifest, type CorpusManifest } from '../data/corpusManifest.js';
import { InputError, type InputErrorDetails } from '../io/inputError.js';
import { accuracySummary, LADDER_LENGTH_BUCKETS, ladderLengthBucket, RATIO_BUCKETS, ratioBucket, type AccuracySummary } from '../predict/accuracySummary.js';
import type { CodOptions } from '../predict/codPrediction.js';
import { CorpusData, type SkippedCase } from '../predict/corpusCases.js';
import { DATA_KINDS } from '../predict/dataKind.js';
import type { MethodResult, PredictionRow } from '../predict/evaluateCase.js';
import { METHODS, type MethodId } from '../predict/methods.js';
import { applyPolicy, crossValidatedDefault, fitPolicy, POLICY_COMPONENTS, type DefaultPolicy, type PolicyRow } from '../predict/policy/defaultPolicy.js';
import { shippedPolicy } from '../predict/policy/shippedPolicy.js';
import { runLadder, type LadderReply, type SerializedError, type WorkerSetup } from './evaluateLadder.js';

/** A corpus that cannot be evaluated as asked (no ladder matches, no case, one lineage): the user's to fix. */
export class CorpusError extends UserError {
  constructor(message: string) {
    super('input', message);
    this.name = 'CorpusError';
  }
}

/** What to evaluate and how. */
export interface EvaluateRequest {
  /** The corpus manifest (its path, or read already). */
  corpus: string | CorpusManifest;
  /** Methods to report (all by default); the default's components always run, as it needs them. */
  methods?: readonly MethodId[];
  /** Only the ladders whose id contains this text. */
  only?: string;
  /** Worker threads (1 = in this thread). @default the number of CPUs, at most 8 */
  threads?: number;
  /** COD's interval: item-bootstrap replicates and seed. @default 200, 1 */
  bootstrap?: number;
  seed?: number;
  /** The date written into the fitted policy (YYYY-MM-DD). */
  today: string;
  /**
   * How the default is judged: a fitted policy (what `predict` would do with it: right for a corpus
   * it was not fitted on), `cross-validation` (fitted on this corpus, each lineage predicted by a
   * policy fitted without it), or `auto`: cross-validation on the shipped corpus (the shipped policy
   * was fitted on it), the shipped policy on any other. @default 'auto'
   */
  judge?: 'auto' | 'cross-validation' | DefaultPolicy;
  /** Called after each ladder with the ladders done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** One method's accuracy (`default` for the default policy). */
export interface MethodAccuracy extends AccuracySummary {
  method: string;
}

/** The methods' accuracy on one part of the corpus. */
export interface BreakdownGroup {
  key: string;
  methods: MethodAccuracy[];
}

/** The default against one method on the predictions both made. */
export interface PairedComparison {
  method: string;
  n: number;
  defaultMae: number;
  methodMae: number;
}

/** A prediction of the corpus with every method's answer and the default's (out of sample). */
export interface EvaluatedRow extends PredictionRow {
  default: { value: number; interval: [number, number]; group: string };
}

/** What `evaluate` found. */
export interface EvaluationResult {
  /** `ladders`: those that gave cases (`listed`: in the manifest, or matching `only`). */
  corpus: { name: string; file: string; description?: string; listed: number; ladders: number; lineages: number; cases: number; predictions: number };
  /** `default` first, then each method run. */
  methods: MethodAccuracy[];
  /** The default against the straight line on the predictions the line made. */
  line: PairedComparison | null;
  /** Per data kind, the default against each method on the predictions that method made. */
  paired: { kind: string; comparisons: PairedComparison[] }[];
  breakdowns: { kind: BreakdownGroup[]; ladderLength: BreakdownGroup[]; ratio: BreakdownGroup[]; source: BreakdownGroup[] };
  skipped: SkippedCase[];
  rows: EvaluatedRow[];
  /** How the default was judged: cross-validated on this corpus, or a given policy (its corpus and date). */
  defaultJudged: { by: 'cross-validation' } | { by: 'policy'; corpus: string; fitted: string };
  /** The default policy fitted on every prediction of this corpus (none from a single lineage). */
  policy: DefaultPolicy | null;
  /** `monitor`'s forecasters on the corpus's runs with checkpoints (null when it lists none). */
  runs: RunsEvaluation | null;
}

export type { RunsEvaluation, RunAccuracy, RunCase } from './evaluateRuns.js';

/** An error that came back from a worker, rethrown as what it was: the user's (an InputError) or a bug. */
function rethrow(e: SerializedError): never {
  if (e.inputError && e.fields !== undefined) throw new InputError(e.fields as unknown as InputErrorDetails);
  throw new Error(`${e.name}: ${e.message}`);
}

/** The shipped public corpus's manifest. */
export function shippedCorpusFile(): string {
  return join(packageRoot(), 'datasets/corpus/public.json');
}

/** Whether a manifest is the shipped public corpus (whose policy is the shipped one). */
function isShippedCorpus(manifest: CorpusManifest): boolean {
  const shipped = shippedCorpusFile();
  return existsSync(shipped) && realpathSync(manifest.file) === realpathSync(shipped);
}

/** Starts a worker: compiled JavaScript, or the TypeScript source under tsx (as the bootstrap does). */
function startWorker(setup: WorkerSetup): Worker {
  const here = new URL(import.meta.url);
  const url = new URL(here.pathname.endsWith('.ts') ? './evaluateWorker.ts' : './evaluateWorker.js', here);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: setup });
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData: setup });
}

/** Runs the ladders on `threads` workers; replies in any order. */
async function runOnWorkers(indices: readonly number[], setup: WorkerSetup, threads: number, onReply: (r: LadderReply) => void): Promise<void> {
  const queue = [...indices];
  const workers = Array.from({ length: Math.min(threads, queue.length) }, () => startWorker(setup));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const index = queue.shift();
              if (index === undefined) return resolve();
              worker.postMessage({ index });
            };
            worker.on('message', (reply: LadderReply) => {
              onReply(reply);
              if ('error' in reply) return resolve();
              next();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (code !== 0) reject(new Error(`an evaluate worker stopped with code ${code}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function policyRow(r: PredictionRow): PolicyRow {
  const values: PolicyRow['values'] = {};
  for (const [m, res] of Object.entries(r.methods) as [MethodId, MethodResult][]) values[m] = res.value;
  return { kind: r.kind, ratio: r.ratio, floor: r.floor, ceiling: r.ceiling, values, lineage: r.lineage, actual: r.actual };
}

function methodAccuracy(rows: readonly EvaluatedRow[], methods: readonly string[]): MethodAccuracy[] {
  return methods.map((method) => ({
    method,
    ...accuracySummary(
      rows.map((r) => {
        if (method === 'default') return { prediction: r.default.value, interval: r.default.interval, actual: r.actual };
        const m = r.methods[method as MethodId];
        return { prediction: m?.value ?? null, interval: m?.interval ?? null, actual: r.actual };
      }),
    ),
  }));
}

function breakdown(rows: readonly EvaluatedRow[], methods: readonly string[], keyOf: (r: EvaluatedRow) => string, order: readonly string[]): BreakdownGroup[] {
  const keys = [...order.filter((k) => rows.some((r) => keyOf(r) === k)), ...[...new Set(rows.map(keyOf))].filter((k) => !order.includes(k)).sort()];
  return keys.map((key) => ({ key, methods: methodAccuracy(rows.filter((r) => keyOf(r) === key), methods) }));
}

function paired(rows: readonly EvaluatedRow[], method: MethodId): PairedComparison | null {
  const both = rows.filter((r) => (r.methods[method]?.value ?? null) !== null);
  if (both.length === 0) return null;
  const mae = (f: (r: EvaluatedRow) => number) => both.reduce((a, r) => a + Math.abs(f(r) - r.actual), 0) / both.length;
  return { method, n: both.length, defaultMae: mae((r) => r.default.value), methodMae: mae((r) => r.methods[method]!.value!) };
}

const ONE_LINEAGE = 'cross-validating the default leaves one lineage out, so the corpus needs ladders of at least two lineages; judge a fitted policy instead (the shipped one, or --policy FILE)';

/**
 * Evaluates every method on a corpus.
 *
 * @throws InputError for a manifest or data file that cannot be used (located in it)
 */
export async function evaluateCorpus(request: EvaluateRequest): Promise<EvaluationResult> {
  const manifest: CorpusManifest = typeof request.corpus === 'string' ? readCorpusManifest(request.corpus) : request.corpus;
  const shown = [...(request.methods ?? METHODS)];
  // The default is carry plus its components' gains: they run whatever is shown.
  const methods = METHODS.filter((m) => m === 'carry' || (POLICY_COMPONENTS as readonly MethodId[]).includes(m) || shown.includes(m));
  const judge = request.judge ?? 'auto';
  const policy = judge === 'cross-validation' || (judge === 'auto' && isShippedCorpus(manifest)) ? undefined : judge === 'auto' ? shippedPolicy() : judge;
  const cod: CodOptions = { bootstrap: request.bootstrap ?? 200, seed: request.seed ?? 1 };
  const setup: WorkerSetup = { manifest: manifest.file, methods, cod };
  const indices = manifest.ladders.map((_, i) => i).filter((i) => request.only === undefined || manifest.ladders[i]!.id.includes(request.only));
  if (indices.length === 0) throw new CorpusError(request.only === undefined ? `${manifest.file} lists no ladder` : `no ladder id of ${manifest.file} contains "${request.only}"`);
  // Cross-validation leaves one lineage out: say so before the work, not after it.
  if (policy === undefined && new Set(indices.map((i) => manifest.ladders[i]!.lineage)).size < 2) throw new CorpusError(ONE_LINEAGE);
  const threads = Math.max(1, Math.min(request.threads ?? Math.min(8, cpus().length), indices.length));
  const replies = new Map<number, LadderReply>();
  const collect = (r: LadderReply) => {
    replies.set(r.index, r);
    request.onProgress?.(replies.size, indices.length);
  };
  if (threads === 1) {
    const corpus = new CorpusData(manifest);
    for (const i of indices) {
      const r = runLadder(corpus, i, setup);
      collect(r);
      if ('error' in r) break;
    }
  } else {
    await runOnWorkers(indices, setup, threads, collect);
  }
  // The first failure in manifest order, so that the error does not depend on the threads.
  for (const i of indices) {
    const r = replies.get(i);
    if (r !== undefined && 'error' in r) rethrow(r.error);
  }
  const predictionRows: PredictionRow[] = [];
  const skipped: SkippedCase[] = [];
  let cases = 0;
  let productive = 0;
  for (const i of indices) {
    const r = replies.get(i)!;
    if ('error' in r) continue;
    predictionRows.push(...r.rows);
    skipped.push(...r.skipped);
    cases += r.cases;
    if (r.cases > 0) productive++;
  }
  if (predictionRows.length === 0) throw new CorpusError(`the corpus gave no case to evaluate (${skipped.length} skipped: ${skipped.slice(0, 3).map((s) => s.reason).join('; ')})`);
  const policyRows = predictionRows.map(policyRow);
  const lineages = new Set(policyRows.map((r) => r.lineage)).size;
  if (policy === undefined && lineages < 2) {
    throw new CorpusError(ONE_LINEAGE);
  }
  let defaults: ReturnType<typeof crossValidatedDefault>;
  try {
    defaults = policy === undefined ? crossValidatedDefault(policyRows) : policyRows.map((r) => applyPolicy(policy, r));
  } catch (e) {
    // Too few lineages, or a data kind no other lineage calibrates: the corpus cannot judge the default.
    if (e instanceof RangeError) throw new CorpusError(`cannot judge the default on these ladders: ${e.message}${request.only === undefined ? '' : ' (widen --only)'}`);
    throw e;
  }
  const rows: EvaluatedRow[] = predictionRows.map((r, i) => ({ ...r, default: { value: defaults[i]!.value, interval: defaults[i]!.interval, group: defaults[i]!.group } }));
  const names = ['default', ...methods.filter((m) => shown.includes(m))];
  const out: EvaluationResult = {
    corpus: { name: manifest.corpus, file: manifest.file, listed: indices.length, ladders: productive, lineages, cases, predictions: rows.length },
    methods: methodAccuracy(rows, names),
    line: paired(rows, 'e2e-linear'),
    paired: DATA_KINDS.filter((k) => rows.some((r) => r.kind === k)).map((kind) => ({
      kind,
      comparisons: methods.filter((m) => shown.includes(m)).map((m) => paired(rows.filter((r) => r.kind === kind), m)).filter((p): p is PairedComparison => p !== null),
    })),
    breakdowns: {
      kind: breakdown(rows, names, (r) => r.kind, DATA_KINDS),
      ladderLength: breakdown(rows, names, (r) => ladderLengthBucket(r.ladderSize), LADDER_LENGTH_BUCKETS),
      ratio: breakdown(rows, names, (r) => ratioBucket(r.ratio), RATIO_BUCKETS),
      source: breakdown(rows, names, (r) => r.source, []),
    },
    skipped,
    rows,
    defaultJudged: policy === undefined ? { by: 'cross-validation' } : { by: 'policy', corpus: policy.corpus, fitted: policy.fitted },
    policy: lineages < 2 ? null : fitPolicy(policyRows, manifest.corpus, request.today),
    runs: evaluateRuns(manifest, request.only),
  };
  if (manifest.description !== undefined) out.corpus.description = manifest.description;
  return out;
}

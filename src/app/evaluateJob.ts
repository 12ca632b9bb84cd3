/**
 * The `evaluate` job around {@link evaluateCorpus}: which corpus, how the default is judged, and
 * the files it writes (every prediction as CSV, the accuracy chart, the fitted policy) — checked
 * before any work, never over an input of the corpus, written whole or not at all.
 */
import { existsSync, realpathSync } from 'node:fs';
import { UsageError } from '../core/userError.js';
import { manifestInputs, readCorpusManifest } from '../data/corpusManifest.js';
import { csvCell } from '../io/csvCell.js';
import { checkOutputs, writeFilesAtomically, type OutputFile } from '../io/outputFiles.js';
import type { MethodId } from '../predict/methods.js';
import { readPolicyFile } from '../predict/policy/policyFile.js';
import { shippedPolicyFile } from '../predict/policy/shippedPolicy.js';
import { chartFileContent, chartFileFormat } from './chartFiles.js';
import { evaluateCorpus, shippedCorpusFile, type EvaluationResult } from './evaluate.js';
import { basename, dirname, parse, relative, resolve } from 'node:path';

/** What `evaluate` is asked. */
export interface EvaluateJobRequest {
  /** A corpus manifest. @default the shipped one */
  corpus?: string;
  only?: string;
  methods?: MethodId[];
  threads?: number;
  bootstrap?: number;
  seed?: number;
  /** Judge this fitted policy as the default (a file). */
  policy?: string;
  /** Judge the default by fitting it on the corpus itself, leaving each lineage out. */
  crossValidate?: boolean;
  /** Also write every prediction as CSV here. */
  rows?: string;
  /** Also draw the accuracy chart here: .svg, .png or .vl.json. */
  chart?: string;
  /** Also write the policy fitted on this corpus here. */
  writePolicy?: string;
  /** The date the policy is stamped with (YYYY-MM-DD). */
  today: string;
  onProgress?: (done: number, total: number) => void;
}

/** Every prediction as CSV: the case, the truth, the default and each method's value and interval. */
export function predictionsCsv(r: EvaluationResult): string {
  const methods = r.methods.map((m) => m.method).filter((m) => m !== 'default') as MethodId[];
  const head = ['case', 'ladder', 'lineage', 'source', 'split', 'benchmark', 'kind', 'ladder_size', 'target', 'ratio', 'actual', 'default', 'default_low', 'default_high', ...methods.flatMap((m) => [m, `${m}_low`, `${m}_high`])];
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const lines = r.rows.map((row) =>
    [
      row.case, row.ladder, row.lineage, row.source, row.split, row.benchmark, row.kind, String(row.ladderSize), row.target, String(row.ratio), String(row.actual),
      String(row.default.value), String(row.default.interval[0]), String(row.default.interval[1]),
      ...methods.flatMap((m) => {
        const x = row.methods[m];
        return [num(x?.value), num(x?.interval?.[0]), num(x?.interval?.[1])];
      }),
    ].map(csvCell).join(','),
  );
  return `${head.join(',')}\n${lines.join('\n')}\n`;
}

/** Runs the evaluation and writes the files asked for; returns the result and the seconds it took. */
export async function evaluateJob(request: EvaluateJobRequest): Promise<{ result: EvaluationResult; seconds: number; files: string[] }> {
  const corpus = request.corpus ?? shippedCorpusFile();
  if (request.corpus === undefined && !existsSync(corpus)) throw new UsageError(`the shipped corpus is missing (${corpus})`);
  const manifest = readCorpusManifest(corpus);
  const inputs = [manifest.file, ...manifestInputs(manifest), ...(request.policy === undefined ? [] : [request.policy])];
  const chartFormat = request.chart === undefined ? undefined : chartFileFormat(request.chart);
  const outputs = [request.rows, request.chart, request.writePolicy].filter((p): p is string => p !== undefined);
  for (const path of outputs) checkOutputs(dirname(resolve(path)), [{ name: basename(path) }], { inputs });
  if (new Set(outputs.map((p) => resolve(p))).size < outputs.length) throw new UsageError('--rows, --chart and --write-policy must name different files');
  if (request.policy !== undefined && request.crossValidate) throw new UsageError('--policy and --cross-validate exclude each other: a default is judged one way');
  const isShipped = (p: string) => existsSync(p) && existsSync(shippedPolicyFile()) && realpathSync(p) === realpathSync(shippedPolicyFile());
  if (request.policy !== undefined && isShipped(request.policy) && realpathSync(manifest.file) === realpathSync(shippedCorpusFile())) {
    throw new UsageError('the shipped policy was fitted on the shipped corpus, so judging it there is judging it in sample; use --cross-validate (the default here)');
  }
  const judge = request.policy !== undefined ? readPolicyFile(request.policy) : request.crossValidate ? 'cross-validation' : 'auto';
  const started = performance.now();
  const result = await evaluateCorpus({
    corpus: manifest,
    ...(request.methods === undefined ? {} : { methods: request.methods }),
    ...(request.only === undefined ? {} : { only: request.only }),
    ...(request.threads === undefined ? {} : { threads: request.threads }),
    bootstrap: request.bootstrap ?? 200,
    seed: request.seed ?? 1,
    today: request.today,
    ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
    judge,
  });
  const seconds = (performance.now() - started) / 1000;
  const files: { path: string; content: string | Uint8Array }[] = [];
  if (request.rows !== undefined) files.push({ path: request.rows, content: predictionsCsv(result) });
  if (request.writePolicy !== undefined) {
    if (result.policy === null) throw new UsageError('--write-policy: a policy is calibrated leaving lineages out, and this corpus has ladders of one lineage only');
    files.push({ path: request.writePolicy, content: `${JSON.stringify(result.policy, null, 2)}\n` });
  }
  if (request.chart !== undefined) {
    const { evaluationChart } = await import('../charts/evaluationChart.js');
    const spec = evaluationChart({ corpus: result.corpus, methods: result.methods, kinds: result.breakdowns.kind, judged: result.defaultJudged.by === 'policy' ? `the default is the policy fitted on corpus "${result.defaultJudged.corpus}"` : 'the default is judged leaving each lineage out' });
    files.push({ path: request.chart, content: await chartFileContent(spec, chartFormat!) });
  }
  // One atomic set: every file appears, or none does (written relative to the file-system root).
  const root = parse(resolve('.')).root;
  const written = writeFilesAtomically(root, files.map((f): OutputFile => ({ name: relative(root, resolve(f.path)), content: f.content })));
  return { result, seconds, files: written };
}

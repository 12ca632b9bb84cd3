/**
 * The project's accuracy benchmark, timed (issue 10): `evaluateCorpus` on the shipped public corpus
 * (every method on every case, the default cross-validated by lineage), on all cores and on one,
 * with its peak memory. Target: under two minutes on this 2-core machine, so that it can be rerun
 * after every change. Skipped, saying why, without ../shared.
 *
 * Run: `npm run bench -- evaluate`.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { evaluateCorpus, shippedCorpusFile } from '../src/app/evaluate.js';
import { packageRoot } from '../src/core/packageRoot.js';

export async function benchEvaluate(): Promise<Record<string, unknown>[]> {
  const root = packageRoot();
  if (!existsSync(resolve(root, '../shared/datasets/raw'))) return [{ case: 'scalecast evaluate on the public corpus', skipped: 'no ../shared/datasets/raw beside the project' }];
  const rows: Record<string, unknown>[] = [];
  // One thread first: the process's peak memory only grows, so the all-cores row is the peak of both.
  for (const threads of [1, cpus().length]) {
    const t = performance.now();
    const r = await evaluateCorpus({ corpus: shippedCorpusFile(), threads, today: '2026-01-01' });
    rows.push({
      case: `scalecast evaluate on the public corpus (${r.corpus.ladders} ladders with cases, ${r.corpus.predictions} predictions), ${threads} thread${threads === 1 ? '' : 's'}`,
      seconds: Number(((performance.now() - t) / 1000).toFixed(1)),
      process_peak_MB_so_far: Math.round(process.resourceUsage().maxRSS / 1024),
      default_mae: Number((100 * r.methods[0]!.mae!).toFixed(2)),
      default_coverage: r.methods[0]!.coverage,
      target: '< 120 s',
    });
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await benchEvaluate()) process.stdout.write(`${JSON.stringify(row)}\n`);
}

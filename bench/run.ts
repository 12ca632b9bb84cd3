/**
 * Runs the benchmarks named on the command line (default: all) and prints one JSON line per
 * measurement, preceded by the machine it ran on.
 *
 *   npm run bench            # everything
 *   npm run bench -- ingest  # one benchmark
 *   npm run bench -- startup # CLI start-up against `node -e 0`
 *   npm run bench -- cod-peer # COD against ../shared/reference/peer_cod.py
 *   npm run bench -- parquet  # the synthetic scores from Parquet against CSV
 */
import { cpus, totalmem } from 'node:os';
import { benchCharts } from './charts.js';
import { benchCluster } from './cluster.js';
import { benchCodPeer } from './codPeer.js';
import { benchEvaluate } from './evaluate.js';
import { benchFit } from './fit.js';
import { benchIngest } from './ingest.js';
import { benchParquet } from './parquet.js';
import { benchPredict } from './predict.js';
import { benchStartup } from './startup.js';

const all: Record<string, () => Promise<Record<string, unknown>[]>> = { ingest: benchIngest, fit: benchFit, cluster: benchCluster, predict: benchPredict, charts: benchCharts, evaluate: benchEvaluate, startup: benchStartup, 'cod-peer': benchCodPeer, parquet: benchParquet };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(all);
process.stdout.write(
  `${JSON.stringify({ machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`, node: process.version, date: new Date().toISOString().slice(0, 10) })}\n`,
);
for (const name of names) {
  const fn = all[name];
  if (!fn) {
    process.stderr.write(`unknown benchmark ${name}; known: ${Object.keys(all).join(', ')}\n`);
    process.exitCode = 2;
    continue;
  }
  for (const row of await fn()) process.stdout.write(`${JSON.stringify({ bench: name, ...row })}\n`);
}

/**
 * Reading the synthetic scores (datasets/synthetic/scores.csv, 32,400 rows) from Parquet against
 * the same rows from CSV, through `loadDataset` in this process (medians of 5 after one warm-up
 * each). The Parquet file is written here with hyparquet-writer (Snappy), as the tests write it.
 *
 * Run: `npm run bench -- parquet`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { packageRoot } from '../src/core/packageRoot.js';
import { loadDataset } from '../src/data/loadDataset.js';
import { readCsvRecords } from '../src/io/readCsvRecords.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchParquet(): Promise<Record<string, unknown>[]> {
  const csv = join(packageRoot(), 'datasets/synthetic/scores.csv');
  const models = join(packageRoot(), 'datasets/synthetic/models.csv');
  const rows = readCsvRecords(csv);
  const columnData = Object.keys(rows[0]!.values).map((name) => {
    const cells = rows.map((r) => r.values[name]!);
    const numeric = cells.every((c) => c !== '' && Number.isFinite(Number(c)));
    return numeric ? { name, data: cells.map(Number), type: 'DOUBLE' as const, nullable: true } : { name, data: cells, type: 'STRING' as const, nullable: true };
  });
  const dir = mkdtempSync(join(tmpdir(), 'scalecast-bench-parquet-'));
  const parquet = join(dir, 'scores.parquet');
  writeFileSync(parquet, new Uint8Array(parquetWriteBuffer({ columnData })));
  try {
    const time = (file: string) => {
      loadDataset({ scores: [file], models: [models] });
      const ms: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        loadDataset({ scores: [file], models: [models] });
        ms.push(performance.now() - t);
      }
      return Number(median(ms).toFixed(0));
    };
    return [{ case: `loadDataset on ${rows.length} rows: CSV against Parquet (median of 5, in process)`, csv_ms: time(csv), parquet_ms: time(parquet) }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

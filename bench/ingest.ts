/**
 * Ingestion benchmark (issue 2).
 *
 * 1. 5 million long-format rows (100,000 items × 50 models, one benchmark) from one CSV file,
 *    read by `loadDataset` in a fresh process: wall time and peak resident memory.
 *    Target: under 10 s and under 1.5 GB.
 * 2. Every per-item matrix under ../shared/datasets/raw/all-the-noises-per-item/main/ in one
 *    `loadDataset` call. Target: under 2 s.
 *
 * Run: `npm run bench -- ingest` (or `npx tsx bench/ingest.ts`). The generated CSV is cached in
 * the system temp folder.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// From source: bench/ is one level below the project; compiled: dist/bench/ is two.
const root = existsSync(resolve(here, '../package.json')) ? resolve(here, '..') : resolve(here, '../..');

/**
 * Writes a synthetic 5M-row file: pass rates over 4 samples. Rows are grouped by model with items in
 * the same order (how evaluation scripts write them), or, with `shuffled`, in a random order, the
 * worst case for the reader's item lookup.
 */
async function writeBigCsv(path: string, items: number, models: number, shuffled: boolean): Promise<void> {
  const out = createWriteStream(path);
  let state = 12345;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const order = new Int32Array(items * models).map((_, k) => k);
  if (shuffled) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      const t = order[k]!;
      order[k] = order[j]!;
      order[j] = t;
    }
  }
  out.write('model,benchmark,item,score,trials\n');
  for (let start = 0; start < order.length; start += items) {
    let chunk = '';
    for (let k = start; k < start + items; k++) {
      const m = Math.floor(order[k]! / items);
      const i = order[k]! % items;
      const correct = Math.floor(rand() * 5);
      chunk += `ladder-model-${String(m).padStart(2, '0')},suite,item-${i},${correct / 4},4\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        chunk = '';
      }
    }
    out.write(chunk);
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

function runChild(args: string[]): { seconds: number; peakMB: number; detail: string } {
  // Compiled (npm run bench) or from source (npx tsx bench/ingest.ts).
  const compiled = existsSync(join(here, 'ingestChild.js'));
  const child = compiled ? [join(here, 'ingestChild.js')] : ['--import', 'tsx', join(here, 'ingestChild.ts')];
  const r = spawnSync(process.execPath, [...child, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export async function benchIngest(): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const shuffled of [false, true]) {
    const big = join(tmpdir(), `scalecast-bench-5M${shuffled ? '-shuffled' : ''}.csv`);
    if (!existsSync(big)) {
      process.stderr.write(`writing ${big} (5,000,000 rows)…\n`);
      await writeBigCsv(big, 100_000, 50, shuffled);
    }
    const sizeMB = statSync(big).size / 2 ** 20;
    for (let rep = 0; rep < 3; rep++) {
      const r = runChild(['--scores', big]);
      rows.push({
        case: `5M long rows (100k items × 50 models), ${shuffled ? 'rows in random order' : 'rows grouped by model'}`,
        file_MB: Math.round(sizeMB),
        rep,
        seconds: r.seconds,
        peak_MB: r.peakMB,
        detail: r.detail,
        target: '< 10 s, < 1536 MB',
      });
    }
  }
  const main = resolve(root, '../shared/datasets/raw/all-the-noises-per-item/main');
  if (existsSync(main)) {
    for (let rep = 0; rep < 3; rep++) {
      const r = runChild(['--scores', main]);
      rows.push({ case: 'all-the-noises main/ (every matrix)', rep, seconds: r.seconds, peak_MB: r.peakMB, detail: r.detail, target: '< 2 s' });
    }
  } else {
    rows.push({ case: 'all-the-noises main/', skipped: `not found at ${main}` });
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await benchIngest();
  for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
}

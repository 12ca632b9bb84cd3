import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { readCsvRecords } from '../../src/io/readCsvRecords.js';
import { errorOf, tempFolders } from '../data/support.js';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const folder = tempFolders('scalecast-parquet-');
const SYNTHETIC = join(projectRoot, 'datasets/synthetic');

type Column = { name: string; data: (string | number | null)[]; type: 'STRING' | 'DOUBLE' };

/** Writes `columns` as a Parquet file (hyparquet-writer, Snappy-compressed as pandas writes them). */
function writeParquet(path: string, columns: Column[]): void {
  writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData: columns.map((c) => ({ ...c, nullable: true })) })));
}

/** The columns of a CSV file, numbers as DOUBLE and the rest as STRING. */
function csvColumns(path: string): Column[] {
  const rows = readCsvRecords(path);
  return Object.keys(rows[0]!.values).map((name) => {
    const cells = rows.map((r) => r.values[name]!);
    const numeric = cells.every((c) => c !== '' && Number.isFinite(Number(c)));
    return numeric ? { name, data: cells.map(Number), type: 'DOUBLE' } : { name, data: cells, type: 'STRING' };
  });
}

describe('Parquet score files', () => {
  it('the synthetic scores as Parquet give byte-identical inspect --json and predict --json output', async () => {
    const dir = folder();
    copyFileSync(join(SYNTHETIC, 'scores.csv'), join(dir, 'scores.csv'));
    writeParquet(join(dir, 'scores.parquet'), csvColumns(join(SYNTHETIC, 'scores.csv')));
    const models = join(SYNTHETIC, 'models.csv');
    // The outputs name the file read; the Parquet file's name is put back to the CSV's before comparing.
    const same = (text: string) => text.replaceAll('scores.parquet', 'scores.csv');
    const inspect = (f: string) => runCli('inspect', join(dir, f), '-m', models, '--json');
    const [ip, ic] = [await inspect('scores.parquet'), await inspect('scores.csv')];
    expect(ip.code).toBe(0);
    expect(same(ip.stdout)).toBe(ic.stdout);
    const predict = (f: string) => runCli('predict', '-s', join(dir, f), '-m', models, '--family', 'sim', '--target', 'sim-70B', '--json', '--bootstrap', '20');
    const [pp, pc] = [await predict('scores.parquet'), await predict('scores.csv')];
    expect(pp.code).toBe(0);
    expect(pp.stdout.length).toBeGreaterThan(1000);
    expect(same(pp.stdout)).toBe(pc.stdout);
  }, 60_000);

  it('a bad cell is reported by row and column name, as a CSV one is by line and column', () => {
    const dir = folder();
    const file = join(dir, 'board.parquet');
    writeParquet(file, [
      { name: 'model', data: ['a', 'b', 'c'], type: 'STRING' },
      { name: 'benchmark', data: ['arc', 'arc', 'arc'], type: 'STRING' },
      { name: 'score', data: [0.5, 0.25, 87.5], type: 'DOUBLE' },
    ]);
    expect(errorOf(() => loadDataset({ scores: [file] })).describe()).toBe(
      `${file}: row 3, column "score": score is above 1; the input seems to hold percentages (expected a fraction in [0, 1], found "87.5"). Hint: if the scores are percentages, pass --percent to divide them by 100`,
    );
  });

  it('a wide aggregate table in Parquet, with a missing cell (null)', () => {
    const dir = folder();
    const file = join(dir, 'board.parquet');
    writeParquet(file, [
      { name: 'Model', data: ['a', 'b'], type: 'STRING' },
      { name: 'Model Size (B)', data: [1, 7], type: 'DOUBLE' },
      { name: 'MMLU', data: [0.25, null], type: 'DOUBLE' },
      { name: 'ARC', data: [0.5, 0.75], type: 'DOUBLE' },
    ]);
    const d = loadDataset({ scores: [file] });
    expect(d.aggregates.map((a) => [a.model, a.benchmark, a.score, a.line])).toEqual([
      ['a', 'MMLU', 0.25, 1],
      ['a', 'ARC', 0.5, 1],
      ['b', 'ARC', 0.75, 2],
    ]);
    expect(d.models!.models.map((m) => m.params)).toEqual([1e9, 7e9]);
  });

  it('a file that is not Parquet is one clear error', () => {
    const dir = folder({ 'x.parquet': 'model,score\n' });
    const e = errorOf(() => loadDataset({ scores: [join(dir, 'x.parquet')] }));
    expect(e.code).toBe('unreadable');
    expect(e.describe()).toMatch(/^.*x\.parquet: cannot read this Parquet file \(.+\) \(expected a Parquet file of flat columns\)$/);

  });
});

/**
 * The embedded density tables datasets/public/density.{models,scores}.csv: they load as a dataset,
 * every row cites its source, dates fall in 2022–2024, every model has the five benchmarks, and (when
 * ../shared is present) every figure is the one on the ObsScaling line the row names.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { readCsvRecords } from '../../src/io/readCsvRecords.js';
import { parseQuantity } from '../../src/io/quantity.js';
import { hasRawData, noRawDataReason, projectRoot, rawPath } from '../helpers/paths.js';

const modelsFile = join(projectRoot, 'datasets/public/density.models.csv');
const scoresFile = join(projectRoot, 'datasets/public/density.scores.csv');
const BENCHMARKS = ['arc_challenge', 'gsm8k', 'hellaswag', 'mmlu', 'winogrande'];
const COLUMN: Record<string, string> = { mmlu: 'MMLU', arc_challenge: 'ARC-C', hellaswag: 'HellaSwag', winogrande: 'Winograd', gsm8k: 'GSM8K' };

describe('datasets/public/density.*', () => {
  const data = loadDataset({ scores: [scoresFile], models: [modelsFile] });
  const models = data.models!.models;
  const modelRows = readCsvRecords(modelsFile);
  const scoreRows = readCsvRecords(scoresFile);

  it('holds at least 40 base models released in 2023–2024, each with params, a date and a source naming both', () => {
    const recent = models.filter((m) => m.releaseDate! >= '2023-01-01' && m.releaseDate! <= '2025-12-31');
    expect(recent.length).toBeGreaterThanOrEqual(40);
    for (const r of modelRows) {
      expect(r.values['params']).not.toBe('');
      expect(r.values['release_date']).toMatch(/^202[234]-\d\d-\d\d$/);
      expect(r.values['source']).toMatch(/ObsScaling .* line \d+ \(.+\); release date: .+/);
    }
  });

  it('gives every model all five benchmarks, each score citing its line and column', () => {
    for (const m of models) {
      const have = data.aggregates.filter((a) => a.model === m.model).map((a) => a.benchmark).sort();
      expect(have).toEqual(BENCHMARKS);
    }
    for (const r of scoreRows) expect(r.values['source']).toMatch(/line \d+, column (MMLU|ARC-C|HellaSwag|Winograd|GSM8K)$/);
  });

  it.skipIf(!hasRawData)(`matches ObsScaling at every cited line ${hasRawData ? '' : `(skipped: ${noRawDataReason})`}`, () => {
    const obs = readCsvRecords(rawPath('obsscaling/base_llm_benchmark_eval.csv'));
    const byLine = new Map(obs.map((r) => [r.line, r.values]));
    for (const r of modelRows) {
      const [, line, id] = /line (\d+) \(([^)]+)\)/.exec(r.values['source']!)!;
      const row = byLine.get(Number(line))!;
      expect(row['Model']).toBe(id);
      expect(parseQuantity(r.values['params']!)).toBeCloseTo(Number(row['Model Size (B)']) * 1e9, -3);
    }
    for (const r of scoreRows) {
      const [, line, col] = /line (\d+), column (.+)$/.exec(r.values['source']!)!;
      expect(col).toBe(COLUMN[r.values['benchmark']!]);
      expect(Number(r.values['score'])).toBeCloseTo(Number(byLine.get(Number(line))![col!]), 6);
    }
  });
});

import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { readLmEvalHarness, readLmEvalResultsFiles, type LmEvalOptions } from '../../src/data/lmEvalHarness.js';
import { errorOf, tempFolders } from './support.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'lm-eval', 'pythia-step143000');
const DATE = '2026-04-17T20-18-28.440238';
const tempDir = tempFolders('scalecast-lmeval-choices-');

const read = (dir: string, options: LmEvalOptions) => readLmEvalHarness(dir, new ItemScoreCollector(), options);

/** A harness folder with one model and `n` tasks reporting only `acc`, plus one with `acc` and `acc_norm`. */
function manyTasks(n: number): string {
  const dir = tempDir();
  const sub = join(dir, 'org__m');
  mkdirSync(sub);
  const results: Record<string, Record<string, unknown>> = { arc_easy: { 'acc,none': 0.6, 'acc_norm,none': 0.62 } };
  for (let k = 0; k < n; k++) results[`blimp_${String(k).padStart(2, '0')}`] = { 'acc,none': 0.5 + k / 1000 };
  writeFileSync(join(sub, `results_${DATE}.json`), JSON.stringify({ results, config: { model_args: 'pretrained=org/m' } }));
  return dir;
}

describe('--metric that no task reports', () => {
  it('is one InputError listing the metrics found', () => {
    const e = errorOf(() => read(FIXTURE, { metric: 'acc_nrom' }));
    expect([e.code, e.file]).toEqual(['bad-option', FIXTURE]);
    expect(e.message).toBe('no task reports the metric acc_nrom; the metrics found are acc, acc_norm, exact_match');
    expect(e.hint).toContain('acc_norm');
  });

  it('also for results files given one by one', () => {
    const dir = manyTasks(3);
    const file = join(dir, 'org__m', `results_${DATE}.json`);
    const e = errorOf(() => readLmEvalResultsFiles([file], { metric: 'acc_nrom' }));
    expect(e.message).toBe('no task reports the metric acc_nrom; the metrics found are acc, acc_norm');
  });

  it('is checked over all the harness folders loadDataset reads', () => {
    const a = manyTasks(2);
    const b = tempDir();
    cpSync(FIXTURE, b, { recursive: true });
    expect(errorOf(() => loadDataset({ scores: [a, b], metric: 'acc_nrom' })).message).toMatch(/^no task reports the metric acc_nrom; the metrics found are acc, acc_norm, exact_match$/);
  });
});

describe('--metric that some tasks lack', () => {
  it('is one warning listing the tasks without it, not one per task', () => {
    const data = read(manyTasks(65), { metric: 'acc_norm' });
    const w = data.warnings.filter((x) => x.code === 'metric-choice');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/^65 of 66 tasks have no metric "acc_norm"/);
    expect(w[0]!.message).toContain('blimp_00');
    expect(data.aggregates.find((a) => a.benchmark === 'arc_easy')!.score).toBe(0.62);
    expect(data.aggregates.find((a) => a.benchmark === 'blimp_00')!.score).toBe(0.5);
  });

  it('in loadDataset, one warning over all folders; a metric found in one folder only is no error', () => {
    const a = manyTasks(2);
    const b = tempDir();
    cpSync(FIXTURE, b, { recursive: true });
    const data = loadDataset({ scores: [a, b], metric: 'acc_norm' });
    const w = data.warnings.filter((x) => x.code === 'metric-choice' && x.message.includes('acc_norm'));
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/^3 of 4 tasks have no metric "acc_norm"/);
  });
});

describe('--filter', () => {
  it('that no task reports is one InputError listing the filters found', () => {
    const e = errorOf(() => read(FIXTURE, { filter: 'flexible-extrct' }));
    expect(e.code).toBe('bad-option');
    expect(e.message).toBe('no task reports the filter flexible-extrct; the filters found are flexible-extract, none, strict-match');
  });

  it('that some tasks with filters lack is one warning listing them', () => {
    const data = read(FIXTURE, { filter: 'none' });
    const w = data.warnings.filter((x) => x.code === 'metric-choice');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/^1 of 2 tasks has no filter "none".*gsm8k \(scored with filter "strict-match"\)/);
  });
});

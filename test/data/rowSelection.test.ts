import { describe, expect, it } from 'vitest';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { parsePointsText } from '../../src/data/readPoints.js';
import { parseRowFilter, type RowFilter } from '../../src/data/rowFilter.js';
import type { RowSelection } from '../../src/data/rowSelection.js';
import { parseScoreText } from '../../src/data/scoreFiles.js';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { errorOf, tempFolders } from './support.js';

const folder = tempFolders('scalecast-select-');

/** A tidy table with keys (model, step, num_fewshot, task), as Pythia's evaluations are. */
const TIDY = [
  'model,step,num_fewshot,task,acc',
  'p-70m,1000,0,arc_easy,0.25',
  'p-70m,1000,5,arc_easy,0.27',
  'p-70m,2000,0,arc_easy,0.30',
  'p-70m,2000,5,arc_easy,0.32',
  'p-160m,1000,0,arc_easy,0.35',
  'p-160m,1000,5,arc_easy,0.37',
].join('\n');

const where = (...filters: string[]): RowFilter[] => filters.map((f) => parseRowFilter(f)!);
const read = (selection?: RowSelection) => parseScoreText(TIDY, 'evals.csv', new ItemScoreCollector(), selection === undefined ? {} : { selection });

describe('parseRowFilter', () => {
  it('reads numbers (with suffixes) and text values', () => {
    expect(parseRowFilter('num_fewshot=0')).toEqual({ column: 'num_fewshot', op: '=', value: 0, text: 'num_fewshot=0' });
    expect(parseRowFilter('params<1B')).toEqual({ column: 'params', op: '<', value: 1e9, text: 'params<1B' });
    expect(parseRowFilter('task != arc_easy')).toEqual({ column: 'task', op: '!=', value: 'arc_easy', text: 'task != arc_easy' });
  });

  it('refuses an ordering with text, and a filter with no value', () => {
    expect(parseRowFilter('task<arc')).toBeUndefined();
    expect(parseRowFilter('step=')).toBeUndefined();
    expect(parseRowFilter('step')).toBeUndefined();
  });
});

describe('--where and --step on a tidy table', () => {
  it('without a selection, the error names the extra keys, their values, and the options that select one row', () => {
    expect(errorOf(() => read()).describe()).toBe(
      'evals.csv:3:14: 4 rows for (p-70m, arc_easy) differ in step (1000, 2000) and num_fewshot (0, 5) (the first two are on lines 2 and 3) (expected one row per (model, benchmark)). Hint: select with --step latest and --where num_fewshot=0',
    );
  });

  it('--where num_fewshot=0 --step latest keeps each model’s last zero-shot row', () => {
    const r = read({ where: where('num_fewshot=0'), stepLatest: true });
    expect(r.aggregates.map((a) => [a.model, a.score, a.line])).toEqual([
      ['p-70m', 0.3, 4],
      ['p-160m', 0.35, 6],
    ]);
  });

  it('the latest step is taken among the rows the filters keep', () => {
    const r = read({ where: where('num_fewshot=5', 'step<2000'), stepLatest: true });
    expect(r.aggregates.map((a) => [a.model, a.score])).toEqual([
      ['p-70m', 0.27],
      ['p-160m', 0.37],
    ]);
  });

  it('= compares numbers as numbers (0 matches 0.0) and text as text', () => {
    const text = 'model,task,shots,acc\nm,a,0.0,0.5\nm,b,5,0.25\n';
    const r = parseScoreText(text, 't.csv', new ItemScoreCollector(), { selection: { where: where('shots=0', 'task!=b') } });
    expect(r.aggregates.map((a) => a.benchmark)).toEqual(['a']);
  });

  it('a key that no score table has is an error naming the columns', () => {
    const dir = folder({ 'evals.csv': TIDY });
    const e = errorOf(() => loadDataset({ scores: [`${dir}/evals.csv`], selection: { where: where('fewshot=0') } }));
    expect(e.message).toBe('--where fewshot=0: this table has no column "fewshot", and without it 4 rows for (p-70m, arc_easy) differ in step (1000, 2000) and num_fewshot (0, 5) (the first two are on lines 2 and 3)');
    expect(e.expected).toBe('one of its columns: model, step, num_fewshot, task, acc');
    const other = folder({ 's.csv': 'model,task,acc\nm,a,0.5\n' });
    const e2 = errorOf(() => loadDataset({ scores: [`${other}/s.csv`], selection: { where: where('fewshot=0') } }));
    expect(e2.describe()).toBe(`${other}/s.csv: --where fewshot=0: no score table has a column "fewshot" (expected one of the score tables' columns: model, task, acc)`);
  });

  it('--step latest where no table has a step column is an error', () => {
    const dir = folder({ 's.csv': 'model,task,acc\nm,a,0.5\n' });
    expect(errorOf(() => loadDataset({ scores: [`${dir}/s.csv`], selection: { where: [], stepLatest: true } })).message).toBe('--step latest: no score table has a step column (step, _step, global_step, checkpoint_step) with a "model" column');
  });

  it('an ordering filter on a cell that is not a number is an error at the cell', () => {
    const text = 'model,task,step,acc\nm,a,early,0.5\n';
    expect(errorOf(() => parseScoreText(text, 't.csv', new ItemScoreCollector(), { selection: { where: where('step<5') } })).describe()).toBe(
      't.csv:2:5: step is not a number, so the filter "step<5" cannot compare it (expected a number, found "early")',
    );
  });
});

describe('fit --where shares the syntax', () => {
  it('keeps rows by a string equality (task=arc_easy)', () => {
    const p = parsePointsText('task,x,y\narc_easy,1,2\npiqa,3,4\narc_easy,5,6\n', 'p.csv', 'csv', ['x'], 'y', where('task=arc_easy'));
    expect([...p.y]).toEqual([2, 6]);
    expect(p.dropped).toBe(1);
  });
});

describe('Pythia’s tidy table (pythia_v1_evals.csv)', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});

  it.skipIf(!hasRawData)('fails on duplicates with the keys named, and reads with --where num_fewshot=0 --step latest', () => {
    const file = rawPath('pythia-evals', 'pythia_v1_evals.csv');
    const e = errorOf(() => loadDataset({ scores: [file] }));
    expect(e.message).toMatch(/^42 rows for \(pythia-1\.4b, arc_challenge\) differ in step \(0, 1, 2, … 143000; 27 values\), tokens_seen \(.*\) and num_fewshot \(0, 5\)/);
    expect(e.hint).toBe('select with --step latest and --where num_fewshot=0');
    const d = loadDataset({ scores: [file], models: [rawPath('pythia-evals', 'pythia_models.csv')], selection: { where: where('num_fewshot=0'), stepLatest: true } });
    // 16 models × 87 zero-shot tasks at step 143000; arc_easy of pythia-12b is 0.7024410774410774 there.
    expect(d.aggregates.filter((a) => a.benchmark === 'arc_easy')).toHaveLength(16);
    expect(d.aggregates.find((a) => a.model === 'pythia-12b' && a.benchmark === 'arc_easy')!.score).toBe(0.7024410774410774);
    expect(d.models!.models.find((m) => m.model === 'pythia-12b')!.params).toBe(11846072320);
  });
});

describe('--step N', () => {
  it('--step N keeps the rows at that step in whichever step column the table has', () => {
    const dir = folder({ 's.csv': 'model,global_step,benchmark,score\na,100,x,0.2\na,200,x,0.3\nb,100,x,0.4\nb,200,x,0.5\n' });
    const d = loadDataset({ scores: [`${dir}/s.csv`], selection: { where: [], step: 100 } });
    expect(d.aggregates.map((a) => [a.model, a.score])).toEqual([['a', 0.2], ['b', 0.4]]);
  });
});

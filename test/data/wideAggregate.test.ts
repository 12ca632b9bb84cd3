import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { normalColumnName, parseModelsTableText } from '../../src/data/modelsTable.js';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { parseScoreText } from '../../src/data/scoreFiles.js';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { errorOf, tempFolders } from './support.js';

const folder = tempFolders('scalecast-wide-agg-');
const read = (text: string, options: Parameters<typeof parseScoreText>[3] = {}) => parseScoreText(text, 'board.csv', new ItemScoreCollector(), options);

describe('headers with units', () => {
  it('reads the unit in parentheses as a scale', () => {
    expect(normalColumnName('Model Size (B)')).toEqual({ name: 'model_size', scale: 1e9 });
    expect(normalColumnName('Pretraining Data Size (T)')).toEqual({ name: 'pretraining_data_size', scale: 1e12 });
    expect(normalColumnName('FLOPs (1E21)')).toEqual({ name: 'flops', scale: 1e21 });
    expect(normalColumnName('compute (FLOPs)')).toEqual({ name: 'compute', scale: 1 });
  });

  it('a models table with ObsScaling headers has params, tokens and compute in their units', () => {
    const t = parseModelsTableText('Model,Model Family,Model Size (B),Pretraining Data Size (T),FLOPs (1E21)\nL-7b,Llama-2,7.0,2.0,84.0\n', 'm.csv');
    expect(t.table.models[0]).toMatchObject({ model: 'L-7b', family: 'Llama-2', params: 7e9, tokens: 2e12, compute: 84e21, computeEstimated: false });
  });
});

describe('a wide aggregate table: one row per model, one column per benchmark', () => {
  const text = 'Model,Model Family,Model Size (B),deduped,MMLU,ARC-C,bleu\nA-1b,A,1.0,0,0.25,0.5,27.5\nA-7b,A,7.0,1,0.4375,,31.25\n';

  it('reads the benchmark columns as aggregate scores, and the description columns as a models table', () => {
    const r = read(text);
    expect(r.layout).toBe('wide-aggregate');
    expect(r.aggregates.map((a) => [a.model, a.benchmark, a.score, a.line])).toEqual([
      ['A-1b', 'MMLU', 0.25, 2],
      ['A-1b', 'ARC-C', 0.5, 2],
      ['A-7b', 'MMLU', 0.4375, 3],
    ]);
    expect(r.models!.table.models.map((m) => [m.model, m.family, m.params, m.extra.deduped])).toEqual([
      ['A-1b', 'A', 1e9, '0'],
      ['A-7b', 'A', 7e9, '1'],
    ]);
  });

  it('a column of numbers outside [0, 1] is left out with a warning naming it, not read as fractions', () => {
    const r = read(text);
    expect(r.aggregates.some((a) => a.benchmark === 'bleu')).toBe(false);
    expect(r.warnings).toEqual([
      {
        code: 'skipped-column',
        file: 'board.csv',
        line: 2,
        message: 'left out 1 column of numbers outside [0, 1], not read as scores: "bleu" (e.g. 27.5 on line 2); if they are percentages, pass --percent or mark them % in a unit row',
      },
    ]);
  });

  it('a unit row marks a column of percentages', () => {
    const r = read('model,mmlu,arc\nunit,%,fraction\nx,43.75,0.5\ny,50.5,0.25\n');
    expect(r.aggregates.map((a) => [a.model, a.benchmark, a.score, a.line])).toEqual([
      ['x', 'mmlu', 0.4375, 3],
      ['x', 'arc', 0.5, 3],
      ['y', 'mmlu', 0.505, 4],
      ['y', 'arc', 0.25, 4],
    ]);
  });

  it('a model given twice is an error at its second row', () => {
    expect(errorOf(() => read('model,mmlu\nx,0.5\nx,0.25\n')).describe()).toBe('board.csv:3:1: model "x" has two rows (the first is on line 2) (expected one row per model, found "x")');
  });

  it('a table of whole numbers and text is a models table in a folder, and an error as a score file', () => {
    const models = 'model,size,deduped,params_total\np-70m,70m,0,70426624\np-160m,160m,1,162322944\n';
    expect(read(models, { allowModelsTable: true }).models!.table.models.map((m) => m.params)).toEqual([70426624, 162322944]);
    expect(errorOf(() => read(models)).describe()).toMatch(/^board\.csv:1:1: cannot tell which kind of score table this is: it has a model column but no column of scores .*Hint: a models table \(model, params, …\) goes after --models$/);
  });

  it('loadDataset takes the table’s models table, so the scores need no --models', () => {
    const dir = folder({ 'board.csv': text });
    const d = loadDataset({ scores: [`${dir}/board.csv`] });
    expect(d.models!.models.map((m) => m.params)).toEqual([1e9, 7e9]);
    expect(d.warnings.some((w) => w.code === 'no-models-table')).toBe(false);
  });
});

describe('ObsScaling tables', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});

  it.skipIf(!hasRawData)('base_llm_benchmark_eval.csv: 148 models × 8 benchmarks, sizes in their units', () => {
    const d = loadDataset({ scores: [rawPath('obsscaling', 'base_llm_benchmark_eval.csv')] });
    expect(d.models!.models).toHaveLength(148);
    expect(new Set(d.aggregates.map((a) => a.benchmark))).toEqual(new Set(['MMLU', 'ARC-C', 'HellaSwag', 'Winograd', 'TruthfulQA', 'GSM8K', 'XWinograd', 'HumanEval']));
    const llama = d.models!.models.find((m) => m.model === 'meta-llama/Llama-2-7b-hf')!;
    // Model Size (B) 7.0, Pretraining Data Size (T) 2.0, FLOPs (1E21) 84.0 (line 2)
    expect(llama).toMatchObject({ family: 'Llama-2', params: 7e9, tokens: 2e12, compute: 84e21, line: 2 });
    expect(d.aggregates.find((a) => a.model === 'meta-llama/Llama-2-7b-hf' && a.benchmark === 'MMLU')!.score).toBe(0.4379609636092418);
  });

  it.skipIf(!hasRawData)('base_llm_emergent_capability_eval.csv: the BLEU column (0–100 among fractions) is left out with a warning', () => {
    const d = loadDataset({ scores: [rawPath('obsscaling', 'base_llm_emergent_capability_eval.csv')] });
    expect(d.aggregates.some((a) => a.benchmark === 'ipa_transliterate_2_bleu')).toBe(false);
    expect(new Set(d.aggregates.map((a) => a.benchmark)).size).toBe(7);
    const w = d.warnings.find((x) => x.code === 'skipped-column')!;
    expect(w.message).toMatch(/^left out 1 column of numbers outside \[0, 1\], not read as scores: "ipa_transliterate_2_bleu" \(e\.g\. 27\.23879164406593 on line 2\)/);
  });
});

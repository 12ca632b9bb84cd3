import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLmEvalResultsFile } from '../../src/data/lmEvalHarness.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { projectRoot, hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { errorOf, tempFolders } from './support.js';

const folder = tempFolders('scalecast-harness-content-');
const V04 = join(projectRoot, 'test/fixtures/lm-eval/pythia-step143000/EleutherAI__pythia-410m/results_2026-04-17T21-40-03.902114.json');
const v03 = (model: string, acc: number) => JSON.stringify({ results: { arc_easy: { acc, acc_stderr: 0.01 } }, versions: { arc_easy: 0 }, config: { model: 'gpt2', model_args: `pretrained=facebook/${model}`, num_fewshot: 0 } });

describe('lm-evaluation-harness results files told by content', () => {
  it('recognises v0.3 and v0.4 results, and nothing else', () => {
    const dir = folder({ 'a.json': v03('opt-125m', 0.4), 'b.json': '{"results": 3, "versions": {}}', 'c.json': '{"config": {}}', 'd.json': 'not json' });
    expect(isLmEvalResultsFile(join(dir, 'a.json'))).toBe(true);
    expect(isLmEvalResultsFile(V04)).toBe(true);
    for (const f of ['b.json', 'c.json', 'd.json', 'missing.json']) expect(isLmEvalResultsFile(join(dir, f))).toBe(false);
  });

  it('a results_<date>.json passed as a file is read, the model named from config.model_args', () => {
    const d = loadDataset({ scores: [V04] });
    expect(d.aggregates.map((a) => [a.model, a.benchmark])).toEqual([
      ['EleutherAI/pythia-410m@step143000', 'arc_easy'],
      ['EleutherAI/pythia-410m@step143000', 'gsm8k'],
    ]);
    expect(d.models!.models[0]).toMatchObject({ params: 405334016, step: 143000 });
  });

  it('a folder of results files named after their models is read, and another JSON file there is left out with a warning', () => {
    const dir = folder({ 'opt-125m.json': v03('opt-125m', 0.4375), 'opt-350m.json': v03('opt-350m', 0.5), 'notes.json': '{"a": 1}' });
    const d = loadDataset({ scores: [dir] });
    expect(d.aggregates.map((a) => [a.model, a.score])).toEqual([
      ['facebook/opt-125m', 0.4375],
      ['facebook/opt-350m', 0.5],
    ]);
    expect(d.warnings.find((w) => w.code === 'ignored-file')).toMatchObject({ file: join(dir, 'notes.json') });
  });

  it('without model_args or model_name, the model is the file’s name (the folder’s for results_<date>.json)', () => {
    const dir = folder({ 'opt-1.3b.json': JSON.stringify({ results: { piqa: { acc: 0.7 } }, versions: { piqa: 0 } }) });
    mkdirSync(join(dir, 'org__m'));
    copyFileSync(join(dir, 'opt-1.3b.json'), join(dir, 'org__m', 'results_2026-01-01T00-00-00.json'));
    expect(loadDataset({ scores: [join(dir, 'opt-1.3b.json')] }).aggregates[0]!.model).toBe('opt-1.3b');
    expect(loadDataset({ scores: [join(dir, 'org__m', 'results_2026-01-01T00-00-00.json')] }).aggregates[0]!.model).toBe('org__m');
  });

  it('a JSON file passed that is not harness output is an error saying what it lacks', () => {
    const dir = folder({ 'x.json': '{"scores": []}' });
    expect(errorOf(() => loadDataset({ scores: [join(dir, 'x.json')] })).message).toBe('this results file has no "results" object');
  });
});

describe('the OPT v0.3 results files (pythia-evals/raw/opt)', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});

  it.skipIf(!hasRawData)('one file and the folder of eight: 65 tasks per model, named facebook/opt-*', () => {
    const one = loadDataset({ scores: [rawPath('pythia-evals', 'raw', 'opt', 'opt-125m.json')] });
    expect(one.aggregates).toHaveLength(65);
    // "arc_easy": {"acc": 0.4351851851851852, …} in opt-125m.json
    expect(one.aggregates.find((a) => a.benchmark === 'arc_easy')).toMatchObject({ model: 'facebook/opt-125m', score: 0.4351851851851852 });
    const all = loadDataset({ scores: [rawPath('pythia-evals', 'raw', 'opt')] });
    expect(new Set(all.aggregates.map((a) => a.model))).toEqual(new Set(['125m', '350m', '1.3b', '2.7b', '6.7b', '13b', '30b', '66b'].map((s) => `facebook/opt-${s}`)));
    expect(all.aggregates).toHaveLength(8 * 65);
  });
});

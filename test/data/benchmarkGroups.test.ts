import { describe, expect, it } from 'vitest';
import { globRegExp, groupBenchmarks, parseGroup } from '../../src/data/benchmarkGroups.js';
import { benchmarkData } from '../../src/data/benchmarkData.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import type { AggregateScore, Dataset, ItemMatrix } from '../../src/data/types.js';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { UsageError } from '../../src/core/userError.js';
import { tempFolders } from './support.js';

const folder = tempFolders('scalecast-groups-');
const agg = (model: string, benchmark: string, score: number): AggregateScore => ({ model, benchmark, score, metrics: {}, source: 's.csv', line: 0 });
const matrix = (benchmark: string, items: string[], models: string[], scores: number[]): ItemMatrix => ({ benchmark, items, models, scores: Float64Array.from(scores), trials: null, sources: ['s.csv'] });
const dataset = (aggregates: AggregateScore[], itemScores: ItemMatrix[] = []): Dataset => ({ models: null, itemScores, aggregates, warnings: [] });

describe('parseGroup and globs', () => {
  it('reads name=glob (quotes dropped) and a name alone', () => {
    expect(parseGroup("mmlu='hendrycksTest-*'")).toEqual({ name: 'mmlu', pattern: 'hendrycksTest-*' });
    expect(parseGroup('mmlu')).toEqual({ name: 'mmlu' });
    expect(parseGroup('=x*')).toBeUndefined();
    expect(parseGroup('mmlu=')).toBeUndefined();
  });

  it('* is any run, ? one character, other characters literal', () => {
    const re = globRegExp('hendrycksTest-*');
    expect(re.test('hendrycksTest-anatomy')).toBe(true);
    expect(re.test('xhendrycksTest-anatomy')).toBe(false);
    expect(globRegExp('bbh_?').test('bbh_a')).toBe(true);
    expect(globRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('groupBenchmarks', () => {
  it('aggregate scores: the mean over subtasks, for the models that have every subtask; the others are counted in a warning', () => {
    const d = groupBenchmarks(
      dataset([agg('a', 'mmlu_x', 0.25), agg('a', 'mmlu_y', 0.5), agg('b', 'mmlu_x', 0.75), agg('a', 'arc', 0.5)]),
      [{ name: 'mmlu', pattern: 'mmlu_*' }],
    );
    expect(d.aggregates.map((a) => [a.model, a.benchmark, a.score])).toEqual([
      ['a', 'arc', 0.5],
      ['a', 'mmlu', 0.375],
    ]);
    expect(d.warnings).toEqual([{ code: 'incomplete-group', message: 'mmlu: 1 of 2 models lack some of its 2 subtasks and get no mmlu score (b lacks 1)' }]);
  });

  it('per-item subtasks: one matrix of all their items, so the score is the mean over items', () => {
    // x: 2 items, y: 1 item; model a scores 1, 0 on x and 1 on y → mean over items 2/3 (mean over subtasks would be 3/4).
    const d = groupBenchmarks(dataset([], [matrix('x', ['1', '2'], ['a', 'b'], [1, 1, 0, 1]), matrix('y', ['1'], ['a'], [1])]), [{ name: 'g', pattern: '?' }]);
    expect(d.itemScores).toHaveLength(1);
    const m = d.itemScores[0]!;
    expect(m.items).toEqual(['x/1', 'x/2', 'y/1']);
    expect(m.models).toEqual(['a']);
    expect(benchmarkData(d)[0]!.scores.get('a')).toBeCloseTo(2 / 3, 15);
    expect(d.warnings[0]!.message).toBe('g: 1 of 2 models lack some of its 2 subtasks and get no g score (b lacks 1)');
  });

  it('a pattern that matches nothing is an error listing the benchmarks', () => {
    expect(() => groupBenchmarks(dataset([agg('a', 'arc', 0.5)]), [{ name: 'mmlu', pattern: 'hendrycksTest-*' }])).toThrow(
      new UsageError('--group mmlu=hendrycksTest-*: the pattern matches no benchmark; the benchmarks are arc'),
    );
  });

  it('a name alone takes the subtasks a harness results file defines (v0.4 group_subtasks), nested groups flattened', () => {
    const results = (model: string) =>
      JSON.stringify({
        results: { mmlu: { 'acc,none': 0.9 }, mmlu_stem: { 'acc,none': 0.9 }, mmlu_a: { 'acc,none': 0.25 }, mmlu_b: { 'acc,none': 0.5 }, mmlu_c: { 'acc,none': model === 'm1' ? 0.75 : 1 } },
        group_subtasks: { mmlu: ['mmlu_stem', 'mmlu_c'], mmlu_stem: ['mmlu_a', 'mmlu_b'], mmlu_a: [], mmlu_b: [], mmlu_c: [] },
        versions: { mmlu: 2 },
        config: { model: 'hf', model_args: `pretrained=org/${model}` },
      });
    const dir = folder({ 'm1.json': results('m1'), 'm2.json': results('m2') });
    const d = loadDataset({ scores: [dir], groups: [{ name: 'mmlu' }] });
    expect(d.aggregates.filter((a) => a.benchmark.startsWith('mmlu')).map((a) => [a.model, a.benchmark, a.score])).toEqual([
      ['org/m1', 'mmlu', 0.5],
      ['org/m2', 'mmlu', (0.25 + 0.5 + 1) / 3],
    ]);
    expect(() => loadDataset({ scores: [dir], groups: [{ name: 'bbh' }] })).toThrow(
      new UsageError('--group bbh: no lm-evaluation-harness results file defines a group "bbh"; groups defined: mmlu, mmlu_stem; give its subtasks as bbh=PATTERN, e.g. bbh=\'hendrycksTest-*\''),
    );
  });
});

describe('MMLU as a group on real data', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});

  it.skipIf(!hasRawData)('the OPT results files: mmlu is the mean of the 57 hendrycksTest-* subjects', () => {
    const d = loadDataset({ scores: [rawPath('pythia-evals', 'raw', 'opt')], groups: [{ name: 'mmlu', pattern: 'hendrycksTest-*' }] });
    const subjects = loadDataset({ scores: [rawPath('pythia-evals', 'raw', 'opt', 'opt-125m.json')] }).aggregates.filter((a) => a.benchmark.startsWith('hendrycksTest-'));
    expect(subjects).toHaveLength(57);
    const mean = subjects.reduce((s, a) => s + a.score!, 0) / 57;
    expect(d.aggregates.find((a) => a.model === 'facebook/opt-125m' && a.benchmark === 'mmlu')!.score).toBeCloseTo(mean, 15);
    expect(new Set(d.aggregates.map((a) => a.benchmark))).toEqual(new Set(['arc_challenge', 'arc_easy', 'lambada_openai', 'logiqa', 'mmlu', 'piqa', 'sciq', 'winogrande', 'wsc']));
  });

  it.skipIf(!hasRawData)('Pythia’s tidy table with --where num_fewshot=0 --step latest: mmlu for all 16 models', () => {
    const d = loadDataset({
      scores: [rawPath('pythia-evals', 'pythia_v1_evals.csv')],
      selection: { where: [{ column: 'num_fewshot', op: '=', value: 0 }], stepLatest: true },
      groups: [{ name: 'mmlu', pattern: 'hendrycksTest-*' }],
    });
    const mmlu = d.aggregates.filter((a) => a.benchmark === 'mmlu');
    expect(mmlu).toHaveLength(16);
    expect(d.warnings.some((w) => w.code === 'incomplete-group')).toBe(false);
    // MMLU stays near chance (0.25) for every Pythia model.
    for (const a of mmlu) expect(a.score!).toBeGreaterThan(0.22), expect(a.score!).toBeLessThan(0.3);
  });
});


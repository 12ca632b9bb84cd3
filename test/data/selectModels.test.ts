import { describe, expect, it } from 'vitest';
import { coverageWarnings, ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { parseModelsTableText } from '../../src/data/modelsTable.js';
import { parseScoreText } from '../../src/data/scoreFiles.js';
import { dropModels, familiesOf, familyMembers, selectModels } from '../../src/data/selectModels.js';
import type { Dataset } from '../../src/data/types.js';

function dataset(scores: string, models: string): Dataset {
  const c = new ItemScoreCollector();
  const { aggregates } = parseScoreText(scores, 's.csv', c);
  const itemScores = c.finish();
  return {
    models: parseModelsTableText(models, 'm.csv').table,
    itemScores,
    aggregates,
    warnings: [...coverageWarnings(itemScores), { code: 'partial-run', message: 'about b', model: 'b' }, { code: 'no-models-table', message: 'general' }],
  };
}

const SCORES = 'model,benchmark,item,score,trials\na,x,i1,1,2\nb,x,i1,0,2\nb,x,i2,0.5,2\nb,y,j1,1,1\na,x,i3,1,2\n';
const MODELS = 'model,family\na,f\nb,g\n';

describe('dropModels', () => {
  it('drops columns and the items left without any score, keeping trials aligned', () => {
    const m = dataset(SCORES, MODELS).itemScores[0]!;
    const only = dropModels(m, (name) => name === 'b');
    expect(only.models).toEqual(['a']);
    expect(only.items).toEqual(['i1', 'i3']);
    expect([...only.scores]).toEqual([1, 1]);
    expect([...only.trials!]).toEqual([2, 2]);
    expect(dropModels(m, () => false)).toBe(m);
  });
});

describe('selectModels', () => {
  it('keeps only the chosen models everywhere and recomputes coverage', () => {
    const data = dataset(SCORES, MODELS);
    expect(data.warnings.filter((w) => w.code === 'coverage-gap')).toHaveLength(1);
    const a = selectModels(data, (m) => m === 'a');
    expect(a.itemScores.map((m) => [m.benchmark, m.models, m.items])).toEqual([['x', ['a'], ['i1', 'i3']]]);
    expect(a.models!.models.map((m) => m.model)).toEqual(['a']);
    expect(a.warnings.map((w) => w.code)).toEqual(['no-models-table']);
    const b = selectModels(data, (m) => m === 'b');
    expect(b.itemScores.map((m) => m.benchmark)).toEqual(['x', 'y']);
    expect(b.warnings.map((w) => w.code)).toEqual(['partial-run', 'no-models-table']);
  });

  it('filters aggregate rows', () => {
    const c = new ItemScoreCollector();
    const { aggregates } = parseScoreText('model,benchmark,score\na,x,0.5\nb,x,0.6\n', 'agg.csv', c);
    const data: Dataset = { models: null, itemScores: [], aggregates, warnings: [] };
    expect(selectModels(data, (m) => m === 'b').aggregates.map((x) => x.model)).toEqual(['b']);
  });
});

describe('families', () => {
  it('lists families and their members', () => {
    const data = dataset(SCORES, 'model,family\na,f\nb,g\nc,f\n');
    expect(familiesOf(data)).toEqual(['f', 'g']);
    expect([...familyMembers(data, 'f')!]).toEqual(['a', 'c']);
    expect(familyMembers(data, 'h')).toBeUndefined();
  });
});

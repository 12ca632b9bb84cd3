import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { LadderError, resolveLadder } from '../../src/predict/ladder.js';
import { projectRoot } from '../helpers/paths.js';

const dir = join(projectRoot, 'datasets', 'synthetic');
const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });

describe('resolveLadder', () => {
  it('takes a family sorted by compute, without scored models of other families', () => {
    const l = resolveLadder(data, { family: 'sim' });
    expect(l.map((m) => m.model)).toEqual(['sim-122M', 'sim-238M', 'sim-411M', 'sim-652M', 'sim-973M', 'sim-1.9B', 'sim-7B', 'sim-12B']);
    expect(l[0]!.x).toBeCloseTo(6 * 122e6 * 2.44e9, -10);
  });

  it('places models at 120·N² on the params axis', () => {
    const l = resolveLadder(data, { family: 'sim', axis: 'params' });
    expect(l[0]!.x).toBeCloseTo(120 * 122e6 ** 2, -5);
  });

  it('refuses a ladder of fewer than 3 models, and models without scores', () => {
    expect(() => resolveLadder(data, { models: ['sim-7B', 'sim-12B'] })).toThrow(LadderError);
    expect(() => resolveLadder(data, { models: ['sim-7B', 'sim-12B'] })).toThrow('at least 3 are needed');
    expect(() => resolveLadder(data, { models: ['sim-7B', 'sim-70B', 'sim-12B'] })).toThrow('without scores: sim-70B');
    expect(() => resolveLadder(data, { family: 'nobody' })).toThrow('no scored model has family "nobody"');
  });

  it('leaves out excluded models', () => {
    const l = resolveLadder(data, { family: 'sim', exclude: ['sim-12B'] });
    expect(l.map((m) => m.model)).not.toContain('sim-12B');
  });

  it('says when a model cannot be placed', () => {
    const noTable = loadDataset({ scores: [join(dir, 'scores.csv')] });
    expect(() => resolveLadder(noTable, { models: ['sim-122M', 'sim-238M', 'sim-411M'] })).toThrow('has no row in the models table');
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/data/inputError.js';
import { mergeModelsTables, parseModelsTableText } from '../../src/data/modelsTable.js';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseModelsTableText', () => {
  it('reads sizes with suffixes, estimates compute as 6·N·D, and keeps other columns', () => {
    const { table, warnings } = parseModelsTableText(
      'model,family,params,tokens,compute,step,release_date,licence\n' +
        'a,fam,7B,2T,,,2023-07-18,llama2\n' +
        'b,fam,300M,1.4T,1e21,143000,,\n' +
        'c,,7e9,,,,,\n',
      'models.csv',
    );
    const [a, b, c] = table.models;
    expect(a).toMatchObject({ model: 'a', family: 'fam', params: 7e9, tokens: 2e12, releaseDate: '2023-07-18', computeEstimated: true });
    expect(a!.compute).toBeCloseTo(6 * 7e9 * 2e12, -10);
    expect(a!.extra).toEqual({ licence: 'llama2' });
    expect(b).toMatchObject({ params: 3e8, tokens: 1.4e12, compute: 1e21, computeEstimated: false, step: 143000 });
    expect(c!.compute).toBeUndefined();
    expect(warnings.map((w) => w.code)).toEqual(['compute-estimated']);
  });

  it('reads JSON Lines and TSV as well', () => {
    const j = parseModelsTableText('{"model":"a","params":"7B"}\n{"model":"b","params":1.3e9,"tokens":"20B"}\n', 'm.jsonl', 'jsonl');
    expect(j.table.models.map((m) => m.params)).toEqual([7e9, 1.3e9]);
    const t = parseModelsTableText('model\tparams\na\t1B\n', 'm.tsv', 'tsv');
    expect(t.table.models[0]!.params).toBe(1e9);
  });

  it('names file, line and column of a bad value', () => {
    const e = errorOf(() => parseModelsTableText('model,params\na,7B\nb,seven\n', 'models.csv'));
    expect([e.code, e.file, e.line, e.column, e.found]).toEqual(['bad-number', 'models.csv', 3, 3, 'seven']);
    expect(e.describe()).toContain('models.csv:3:3');
  });

  it('rejects zero or negative sizes, NaN, bad dates and duplicate models', () => {
    expect(errorOf(() => parseModelsTableText('model,params\na,0\n', 'm.csv')).code).toBe('out-of-range');
    expect(errorOf(() => parseModelsTableText('model,params\na,-1B\n', 'm.csv')).code).toBe('out-of-range');
    expect(errorOf(() => parseModelsTableText('model,params\na,NaN\n', 'm.csv')).code).toBe('not-finite');
    expect(errorOf(() => parseModelsTableText('model,release_date\na,2023-02-30\n', 'm.csv')).code).toBe('bad-date');
    const dup = errorOf(() => parseModelsTableText('model\na\nb\na\n', 'm.csv'));
    expect([dup.code, dup.line]).toEqual(['duplicate', 4]);
    expect(dup.message).toContain('line 2');
  });

  it('requires a model column and rejects empty files', () => {
    expect(errorOf(() => parseModelsTableText('name2,params\na,1\n', 'm.csv')).code).toBe('missing-column');
    expect(errorOf(() => parseModelsTableText('', 'm.csv')).code).toBe('empty-file');
    expect(errorOf(() => parseModelsTableText('model,params\n', 'm.csv')).code).toBe('empty-file');
  });
});

describe('mergeModelsTables', () => {
  it('fills missing fields from later tables and rejects conflicting ones', () => {
    const a = parseModelsTableText('model,family\nx,fam\n', 'a.csv').table;
    const b = parseModelsTableText('model,params,tokens\nx,1B,20B\ny,2B,\n', 'b.csv').table;
    const m = mergeModelsTables([a, b]);
    expect(m.models.map((r) => r.model)).toEqual(['x', 'y']);
    expect(m.models[0]).toMatchObject({ family: 'fam', params: 1e9, tokens: 2e10, compute: 6 * 1e9 * 2e10 });
    const c = parseModelsTableText('model,params\nx,3B\n', 'c.csv').table;
    expect(() => mergeModelsTables([b, c])).toThrow(/params/);
  });
});

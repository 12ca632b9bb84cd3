import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeModelsTables, parseModelsTableText, readModelsTable } from '../../src/data/modelsTable.js';
import { errorOf, tempFolders } from './support.js';

const folder = tempFolders('scalecast-models-');

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

  it('rejects zero or negative sizes, Inf, bad dates and duplicate models; NaN is a missing size', () => {
    expect(errorOf(() => parseModelsTableText('model,params\na,0\n', 'm.csv')).code).toBe('out-of-range');
    expect(errorOf(() => parseModelsTableText('model,params\na,-1B\n', 'm.csv')).code).toBe('out-of-range');
    expect(errorOf(() => parseModelsTableText('model,params\na,Inf\n', 'm.csv')).code).toBe('not-finite');
    expect(parseModelsTableText('model,params\na,NaN\n', 'm.csv').table.models[0]!.params).toBeUndefined();
    expect(errorOf(() => parseModelsTableText('model,release_date\na,2023-02-30\n', 'm.csv')).code).toBe('bad-date');
    const dup = errorOf(() => parseModelsTableText('model\na\nb\na\n', 'm.csv'));
    expect([dup.code, dup.line]).toEqual(['duplicate', 4]);
    expect(dup.message).toContain('line 2');
  });

  it('rejects a compute estimate 6·params·tokens that overflows, at its row', () => {
    const e = errorOf(() => parseModelsTableText('model,params,tokens\na,1B,1T\nb,1e300,1e10\n', 'm.csv'));
    expect([e.code, e.line, e.column]).toEqual(['not-finite', 3, 9]);
    expect(e.message).toContain('too large');
  });

  it('says "too large" for a number that overflows a double, and "not a number" for text', () => {
    const big = errorOf(() => parseModelsTableText('model,params\na,1e400\n', 'm.csv'));
    expect([big.code, big.line, big.column]).toEqual(['not-finite', 2, 3]);
    expect(big.message).toBe('params is too large to be a finite number');
    const suffixed = errorOf(() => parseModelsTableText('model,tokens\na,1e300T\n', 'm.csv'));
    expect(suffixed.code).toBe('not-finite');
    expect(errorOf(() => parseModelsTableText('model,params\na,1e4oo\n', 'm.csv')).message).toBe('params is not a number');
  });

  it('reads a JSON Lines table by its format option whatever the file is called', () => {
    const dir = folder({ 'bad.txt': '{"name2": "a"}\n', 'good.txt': '{"model": "a", "params": "7B"}\n', 'csv.jsonl': 'name2\na\n' });
    const e = errorOf(() => readModelsTable(join(dir, 'bad.txt'), { format: 'jsonl' }));
    expect(e.message).toBe('a models table needs a "model" key (or "name", "model_name")');
    expect(readModelsTable(join(dir, 'good.txt'), { format: 'jsonl' }).table.models[0]!.params).toBe(7e9);
    // And a .jsonl file read as CSV is told about a column, not a key.
    expect(errorOf(() => readModelsTable(join(dir, 'csv.jsonl'), { format: 'csv' })).message).toContain('needs a "model" column');
  });

  it('requires a model column and rejects empty files', () => {
    expect(errorOf(() => parseModelsTableText('name2,params\na,1\n', 'm.csv')).code).toBe('missing-column');
    expect(errorOf(() => parseModelsTableText('', 'm.csv')).code).toBe('empty-file');
    expect(errorOf(() => parseModelsTableText('model,params\n', 'm.csv')).code).toBe('empty-file');
  });
});

describe('mergeModelsTables', () => {
  it('fills missing fields from later tables', () => {
    const a = parseModelsTableText('model,family\nx,fam\n', 'a.csv').table;
    const b = parseModelsTableText('model,params,tokens\nx,1B,20B\ny,2B,\n', 'b.csv').table;
    const { table, warnings } = mergeModelsTables([a, b]);
    expect(table.models.map((r) => r.model)).toEqual(['x', 'y']);
    expect(table.models[0]).toMatchObject({ family: 'fam', params: 1e9, tokens: 2e10, compute: 6 * 1e9 * 2e10, computeEstimated: true });
    expect(warnings).toEqual([]);
  });

  it('keeps the first table\u2019s value where a later one differs, with a warning giving both and their sources', () => {
    const user = parseModelsTableText('model,params,step\nx,1B,\n', 'user.csv').table;
    const derived = { models: [{ model: 'x', params: 1.2e9, step: 1000, computeEstimated: false, extra: {}, source: 'results.json', line: 0 }], sources: ['results.json'] };
    const { table, warnings } = mergeModelsTables([user, derived]);
    expect(table.models[0]).toMatchObject({ params: 1e9, step: 1000 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'inconsistent-model', file: 'results.json', model: 'x' });
    expect(warnings[0]!.line).toBeUndefined();
    expect(warnings[0]!.message).toBe('model "x" has params 1200000000 here but 1000000000 in user.csv:2; 1000000000 is used');
    // And the other way round: the derived table's row names no line, never ":0".
    const back = mergeModelsTables([derived, user]).warnings[0]!;
    expect(back.message).toBe('model "x" has params 1000000000 here but 1200000000 in results.json; 1200000000 is used');
    expect(back.line).toBe(2);
  });

  it('rejects a compute estimate that overflows when params and tokens come from different tables', () => {
    const a = parseModelsTableText('model,params\nx,1e200\n', 'a.csv').table;
    const b = parseModelsTableText('model,tokens\nx,1e200\n', 'b.csv').table;
    const e = errorOf(() => mergeModelsTables([a, b]));
    expect([e.code, e.file, e.line]).toEqual(['not-finite', 'b.csv', 2]);
  });
});

import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputError } from '../../src/io/inputError.js';
import { loadDataset, scoreFilesInFolder, type LoadDatasetOptions } from '../../src/data/loadDataset.js';
import { errorOf as errorOfCall, tempFolders } from './support.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'lm-eval', 'pythia-step143000');
const M160 = 'EleutherAI/pythia-160m@step143000';
const M410 = 'EleutherAI/pythia-410m@step143000';
const DATE_410 = '2026-04-17T21-40-03.902114';

const folder = tempFolders('scalecast-load-');
const errorOf = (options: LoadDatasetOptions): InputError => errorOfCall(() => loadDataset(options));

describe('loadDataset with lm-evaluation-harness output and a models table of the user', () => {
  it('merges them, keeping the user\u2019s values and warning where the harness differs', () => {
    const dir = folder({ 'models.csv': `model,family,params,tokens\n${M160},pythia,160M,300B\n${M410},pythia,405334016,300B\n` });
    const data = loadDataset({ scores: [FIXTURE], models: [join(dir, 'models.csv')] });
    const m160 = data.models!.models.find((m) => m.model === M160)!;
    expect(m160).toMatchObject({ family: 'pythia', params: 160e6, tokens: 300e9, step: 143000, compute: 6 * 160e6 * 300e9, source: join(dir, 'models.csv') });
    const w = data.warnings.filter((x) => x.code === 'inconsistent-model');
    expect(w).toHaveLength(1);
    expect(w[0]!.model).toBe(M160);
    expect(w[0]!.message).toBe(`model "${M160}" has params 162322944 here but 160000000 in ${join(dir, 'models.csv')}:2; 160000000 is used`);
    expect(w[0]!.file).toContain('results_2026-04-17T20-18-28.440238.json');
    expect(w[0]!.line).toBeUndefined();
  });

  it('checks unlisted models against the user\u2019s table only, naming where the first unlisted score is', () => {
    const dir = folder({ 'models.csv': `model\n${M160}\n` });
    const e = errorOf({ scores: [FIXTURE], models: [join(dir, 'models.csv')] });
    expect(e.code).toBe('unknown-model');
    expect(e.message).toContain(`1 model has scores but no row in the models table: "${M410}"`);
    expect([e.file, e.line]).toEqual([join(FIXTURE, 'EleutherAI__pythia-410m', `samples_arc_easy_${DATE_410}.jsonl`), 1]);
    const kept = loadDataset({ scores: [FIXTURE], models: [join(dir, 'models.csv')], ignoreUnlisted: true });
    expect(kept.models!.models.map((m) => m.model)).toEqual([M160]);
    expect(kept.itemScores.every((m) => m.models.length === 1 && m.models[0] === M160)).toBe(true);
    // The table derived from the harness output alone does not make anything unlisted.
    expect(loadDataset({ scores: [FIXTURE] }).models!.models.map((m) => m.model)).toEqual([M160, M410]);
  });

  it('reads the table files next to the harness output too, and not its samples as tables', () => {
    const dir = folder();
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(join(dir, 'extra.csv'), `model,benchmark,score\n${M160},piqa,0.61\n`);
    writeFileSync(join(dir, `samples_arc_easy_${DATE_410}.jsonl`), '{"not": "a table"}\n');
    expect(scoreFilesInFolder(dir)).toEqual([join(dir, 'extra.csv')]);
    const data = loadDataset({ scores: [dir] });
    expect(data.aggregates.map((a) => `${a.model} ${a.benchmark}`)).toContain(`${M160} piqa`);
    expect(data.aggregates.filter((a) => a.benchmark === 'arc_easy')).toHaveLength(2);
  });
});

describe('loadDataset checks across files', () => {
  it('rejects the same (model, benchmark) aggregate row in two files, naming both places', () => {
    const dir = folder({ 'a.csv': 'model,benchmark,score\nm,x,0.5\nm,y,0.1\n', 'b.csv': 'model,benchmark,score\nn,x,0.5\nm,y,0.2\n' });
    const e = errorOf({ scores: [join(dir, 'a.csv'), join(dir, 'b.csv')] });
    expect([e.code, e.file, e.line]).toEqual(['duplicate', join(dir, 'b.csv'), 3]);
    expect(e.message).toContain(`(the first is at ${join(dir, 'a.csv')}:3)`);
  });

  it('rejects a benchmark name given for more than one wide file', () => {
    const dir = folder({ 'a.pass1.csv': 'item,m1\ni1,1\n', 'b.pass1.csv': 'item,m1\ni1,0\n', 'long.csv': 'model,benchmark,item,score\nm1,z,i,1\n' });
    const e = errorOf({ scores: [dir], benchmark: 'gsm8k' });
    expect([e.code, e.file]).toEqual(['bad-option', join(dir, 'b.pass1.csv')]);
    expect(e.message).toContain('single wide file');
    const one = loadDataset({ scores: [join(dir, 'a.pass1.csv'), join(dir, 'long.csv')], benchmark: 'gsm8k' });
    expect(one.itemScores.map((m) => m.benchmark)).toEqual(['gsm8k', 'z']);
  });

  it('names the file and line of the first score of the first unlisted model', () => {
    const dir = folder({
      'm.csv': 'model\na\n',
      's.csv': 'model,benchmark,item,score\na,b,i1,1\na,b,i2,0\nc,b,i1,1\nd,b,i1,0\n',
    });
    const e = errorOf({ scores: [join(dir, 's.csv')], models: [join(dir, 'm.csv')] });
    expect([e.code, e.file, e.line]).toEqual(['unknown-model', join(dir, 's.csv'), 4]);
    expect(e.describe()).toContain(`s.csv:4: 2 models have scores but no row in the models table: "c", "d"`);
  });

  it('with ignoreUnlisted, also drops the items that only unlisted models had', () => {
    const dir = folder({
      'm.csv': 'model\na\n',
      's.csv': 'model,benchmark,item,score\na,b,i1,1\nc,b,i1,1\nc,b,i2,0\nc,only-c,j,1\n',
    });
    const data = loadDataset({ scores: [join(dir, 's.csv')], models: [join(dir, 'm.csv')], ignoreUnlisted: true });
    expect(data.itemScores.map((m) => [m.benchmark, m.items, m.models])).toEqual([['b', ['i1'], ['a']]]);
    expect(data.warnings.map((w) => w.code)).toEqual(['ignored-unlisted-model']);
  });

  it('reads a models table found in a folder, leaves truth files out, and does not count the table against unlisted models', () => {
    const dir = folder({
      'models.csv': 'model,params\na,1B\n',
      'scores.csv': 'model,benchmark,item,score\na,b,i1,1\nz,b,i1,0\n',
      'heldout.truth.csv': 'this is not a table at all\n',
    });
    const data = loadDataset({ scores: [dir] });
    expect(data.models!.models.map((m) => [m.model, m.params])).toEqual([['a', 1e9]]);
    expect(data.itemScores[0]!.models).toEqual(['a', 'z']);
    expect(data.warnings.map((w) => w.code)).toEqual([]);
    // Outside a folder such a table is not a score file.
    expect(errorOf({ scores: [join(dir, 'models.csv')] }).hint).toContain('--models');
  });

  it('leaves out, with a warning, a benchmark whose wide file has no score at all', () => {
    const dir = folder({ 'empty.pass1.csv': 'item,m1,m2\ni1,,\ni2,,\n', 'full.pass1.csv': 'item,m1\ni1,1\n' });
    const data = loadDataset({ scores: [dir] });
    expect(data.itemScores.map((m) => m.benchmark)).toEqual(['full']);
    expect(data.warnings.find((w) => w.code === 'empty-benchmark')!.message).toContain('empty: no model has a score');
  });
});

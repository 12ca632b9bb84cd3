import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageWarnings, ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { parseModelsTableText } from '../../src/data/modelsTable.js';
import { parsePointsText } from '../../src/data/readPoints.js';
import { parseScoreText } from '../../src/data/scoreFiles.js';
import { isMissingCell, isNumberLike } from '../../src/io/cells.js';
import { errorOf, tempFolders } from './support.js';

const folder = tempFolders('scalecast-missing-');

function parse(text: string, file = 'scores.csv') {
  const c = new ItemScoreCollector();
  const r = parseScoreText(text, file, c);
  const matrices = c.finish();
  return { ...r, matrices, coverage: coverageWarnings(matrices) };
}

const SPELLINGS = ['', 'n/a', 'N/A', 'NA', 'na', 'nan', 'NaN', '-', '#N/A', 'null', ' n/a '];

describe('missing-value spellings', () => {
  it.each(SPELLINGS)('%j is a missing cell, not a number and not text', (s) => {
    expect(isMissingCell(s)).toBe(true);
    expect(isNumberLike(s)).toBe(false);
  });

  it.each(['0', 'n/a/b', 'nano', 'inf', 'none of them', '--', 'x'])('%j is not a missing cell', (s) => {
    expect(isMissingCell(s)).toBe(false);
  });

  it('JSON null and absent keys are missing; numbers are not', () => {
    expect(isMissingCell(null)).toBe(true);
    expect(isMissingCell(undefined)).toBe(true);
    expect(isMissingCell(0)).toBe(false);
  });
});

describe('an aggregate loss column with a missing cell', () => {
  const FIRST = 'model,benchmark,score,loss\nA,x,0.5,n/a\nB,x,0.6,2.3\nC,x,0.7,2.1\n';
  const LATER = 'model,benchmark,score,loss\nB,x,0.6,2.3\nA,x,0.5,n/a\nC,x,0.7,2.1\n';
  const byModel = (text: string) =>
    Object.fromEntries(parse(text).aggregates.map((a) => [a.model, { score: a.score, metrics: a.metrics }]));

  it('gives the same result whether the missing cell comes first or later', () => {
    const expected = { A: { score: 0.5, metrics: {} }, B: { score: 0.6, metrics: { loss: 2.3 } }, C: { score: 0.7, metrics: { loss: 2.1 } } };
    expect(byModel(FIRST)).toEqual(expected);
    expect(byModel(LATER)).toEqual(expected);
  });

  it.each(SPELLINGS.filter((s) => s !== ''))('reads %j as missing in any row', (s) => {
    for (const text of [FIRST, LATER]) {
      const r = parse(text.replace('n/a', s));
      expect(r.aggregates.find((a) => a.model === 'A')!.metrics).toEqual({});
      expect(r.aggregates.find((a) => a.model === 'C')!.metrics).toEqual({ loss: 2.1 });
    }
  });

  it('reads the same through loadDataset from files', () => {
    const dir = folder({ 'first.csv': FIRST, 'later.csv': LATER });
    const metrics = (f: string) =>
      Object.fromEntries(loadDataset({ scores: [join(dir, f)] }).aggregates.map((a) => [a.model, a.metrics]));
    expect(metrics('first.csv')).toEqual(metrics('later.csv'));
    expect(metrics('first.csv')).toEqual({ A: {}, B: { loss: 2.3 }, C: { loss: 2.1 } });
  });

  it('an all-missing column is no metric', () => {
    const r = parse('model,benchmark,score,loss\nA,x,0.5,n/a\nB,x,0.6,NA\n');
    expect(r.aggregates.map((a) => a.metrics)).toEqual([{}, {}]);
  });

  it('a missing score with a loss keeps the row; a row with neither is still an error', () => {
    expect(parse('model,benchmark,score,loss\nA,x,n/a,2.0\n').aggregates[0]).toMatchObject({ metrics: { loss: 2 } });
    expect(parse('model,benchmark,score,loss\nA,x,n/a,2.0\n').aggregates[0]!.score).toBeUndefined();
    const e = errorOf(() => parse('model,benchmark,score,loss\nA,x,0.5,2.0\nB,x,n/a,NA\n'));
    expect([e.code, e.line]).toEqual(['missing-value', 3]);
  });
});

describe('a column mixing numbers and text is never dropped silently', () => {
  it('mostly numbers: an error at the text cell, whichever comes first', () => {
    for (const text of [
      'model,benchmark,score,loss\na,x,0.5,oops\nb,x,0.5,2.1\nc,x,0.5,2.2\n',
      'model,benchmark,score,loss\nb,x,0.5,2.1\na,x,0.5,oops\nc,x,0.5,2.2\n',
    ]) {
      const e = errorOf(() => parse(text));
      expect(e.code).toBe('bad-number');
      expect(e.found).toBe('oops');
      expect(e.column).toBe(9);
    }
  });

  it('mostly text: a text column, with a warning naming the numbers left out', () => {
    const r = parse('model,benchmark,score,note\na,x,0.5,7B base model\nb,x,0.6,12\nc,x,0.7,chat model\n');
    expect(r.aggregates.map((a) => a.metrics)).toEqual([{}, {}, {}]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'mixed-column', file: 'scores.csv' });
    expect(r.warnings[0]!.message).toContain('"note"');
    expect(r.warnings[0]!.message).toContain('line 3');
  });

  it('the warning reaches loadDataset', () => {
    const dir = folder({ 'a.csv': 'model,benchmark,score,note\na,x,0.5,base\nb,x,0.6,12\n' });
    expect(loadDataset({ scores: [join(dir, 'a.csv')] }).warnings.map((w) => w.code)).toContain('mixed-column');
  });
});

describe('missing cells in the other readers', () => {
  it('a long file: a missing score is an error saying it is missing', () => {
    for (const s of ['n/a', 'NaN', '-']) {
      const e = errorOf(() => parse(`model,benchmark,item,score\na,b,i1,${s}\n`));
      expect([e.code, e.line, e.column]).toEqual(['missing-value', 2, 8]);
      expect(e.message).toBe('score is missing');
    }
  });

  it('a wide file: a missing cell is a coverage gap, like an empty one', () => {
    const empty = parse('item,m1,m2\ni0,1,0\ni1,,1\n', 'bench.csv');
    for (const s of ['NA', 'n/a', 'nan', '-']) {
      const r = parse(`item,m1,m2\ni0,1,0\ni1,${s},1\n`, 'bench.csv');
      expect([...r.matrices[0]!.scores]).toEqual([...empty.matrices[0]!.scores]);
      expect(r.coverage.map((w) => w.message)).toEqual(empty.coverage.map((w) => w.message));
    }
  });

  it('a models table: a missing size is unknown, as an empty one', () => {
    const t = parseModelsTableText('model,params,tokens\na,n/a,1T\nb,7B,NA\n', 'm.csv');
    expect(t.table.models.map((m) => [m.params, m.tokens])).toEqual([[undefined, 1e12], [7e9, undefined]]);
  });

  it('a points table: a missing y is an error saying it is missing; a missing filter value drops the row', () => {
    const e = errorOf(() => parsePointsText('x,y\n1,2\n2,n/a\n', 'p.csv', 'csv', ['x'], 'y'));
    expect([e.code, e.line, e.message]).toEqual(['missing-value', 3, 'y is missing']);
    const p = parsePointsText('x,y,loss\n1,2,3\n2,3,n/a\n', 'p.csv', 'csv', ['x'], 'y', [{ column: 'loss', op: '<', value: 4 }]);
    expect([p.y.length, p.dropped]).toEqual([1, 1]);
  });
});

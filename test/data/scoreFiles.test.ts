import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageWarnings, ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { benchmarkFromFileName, parseScoreText, readScoreFile } from '../../src/data/scoreFiles.js';
import type { ItemMatrix } from '../../src/data/types.js';
import { errorOf, tempFolders } from './support.js';

const folder = tempFolders('scalecast-wide-');

function parse(text: string, file = 'scores.csv', percent = false) {
  const c = new ItemScoreCollector();
  const r = parseScoreText(text, file, c, { percent });
  const matrices = c.finish();
  return { ...r, matrices, warnings: [...r.warnings, ...coverageWarnings(matrices)] };
}


describe('long per-item files', () => {
  it('build one dense items × models matrix per benchmark, NaN where a model lacks an item', () => {
    const r = parse('model,benchmark,item,score\na,b1,i1,1\na,b1,i2,0\nb,b1,i1,0.5\nb,b2,j1,1\n');
    expect(r.layout).toBe('long');
    expect(r.matrices.map((m) => m.benchmark)).toEqual(['b1', 'b2']);
    const b1 = r.matrices[0]!;
    expect(b1.items).toEqual(['i1', 'i2']);
    expect(b1.models).toEqual(['a', 'b']);
    expect([...b1.scores]).toEqual([1, 0.5, 0, Number.NaN]);
    expect(b1.trials).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['coverage-gap']);
    expect(r.warnings[0]!.message).toContain('b (1 of 2)');
  });

  it('keep trial counts when pass rates come from several samples', () => {
    const r = parse('model,benchmark,item,score,trials\na,b,i1,0.25,4\na,b,i2,1,\n');
    expect([...r.matrices[0]!.trials!]).toEqual([4, 1]);
  });

  it('read JSON Lines with the same keys', () => {
    const r = parse('{"model":"a","benchmark":"b","item":"i1","score":1}\n{"model":"a","benchmark":"b","item":2,"score":0}\n', 's.jsonl');
    expect(r.matrices[0]!.items).toEqual(['i1', '2']);
  });

  it('reject a (model, item) pair given twice, naming both lines', () => {
    const e = errorOf(() => parse('model,benchmark,item,score\na,b,i1,1\na,b,i2,1\na,b,i1,0\n'));
    expect([e.code, e.line]).toEqual(['duplicate', 4]);
    expect(e.message).toContain('scores.csv:2');
  });

  it('reject scores outside [0, 1], and say so when they look like percentages', () => {
    const pct = errorOf(() => parse('model,benchmark,item,score\na,b,i1,87.5\n'));
    expect([pct.code, pct.line, pct.column]).toEqual(['looks-like-percent', 2, 8]);
    expect(pct.describe()).toContain('--percent');
    expect(errorOf(() => parse('model,benchmark,item,score\na,b,i1,-0.1\n')).code).toBe('out-of-range');
    expect(errorOf(() => parse('model,benchmark,item,score\na,b,i1,250\n')).code).toBe('out-of-range');
  });

  it('accept percentages with the percent option', () => {
    const r = parse('model,benchmark,item,score\na,b,i1,87.5\n', 'scores.csv', true);
    expect(r.matrices[0]!.scores[0]).toBeCloseTo(0.875, 12);
  });

  it('reject NaN, Inf, text and empty scores with their position', () => {
    for (const [cell, code] of [
      ['NaN', 'missing-value'],
      ['n/a', 'missing-value'],
      ['inf', 'not-finite'],
      ['yes', 'bad-number'],
      ['', 'missing-value'],
    ] as const) {
      const e = errorOf(() => parse(`model,benchmark,item,score\na,b,i1,${cell}\n`));
      expect([e.code, e.line]).toEqual([code, 2]);
    }
  });

  it('reject trials that are not whole numbers ≥ 1', () => {
    expect(errorOf(() => parse('model,benchmark,item,score,trials\na,b,i,1,0\n')).code).toBe('out-of-range');
    expect(errorOf(() => parse('model,benchmark,item,score,trials\na,b,i,1,2.5\n')).code).toBe('bad-number');
  });

  it('reject rows with the wrong number of fields', () => {
    const e = errorOf(() => parse('model,benchmark,item,score\na,b,i1\n'));
    expect([e.code, e.line]).toEqual(['field-count', 2]);
  });

  it('explain the accepted layouts when the header fits none', () => {
    const e = errorOf(() => parse('foo,bar\n1,2\n'));
    expect(e.code).toBe('missing-column');
    expect(e.expected).toContain('model,benchmark,item,score');
  });

  it('reject unreadable JSON lines with line and column', () => {
    const e = errorOf(() => parse('{"model":"a","benchmark":"b","item":"i","score":1}\n{"model": "a", oops}\n', 's.jsonl'));
    expect([e.code, e.line]).toEqual(['bad-json', 2]);
    expect(e.column).toBeGreaterThan(1);
  });
});

describe('wide per-item files', () => {
  it('take the benchmark from the file name and one column per model', () => {
    const r = parse('example_id,m1,m2\ngsm8k/0,1.0,0.0\ngsm8k/1,,1.0\n', 'dir/gsm8k.pass1.csv');
    expect(r.layout).toBe('wide');
    const m = r.matrices[0]!;
    expect(m.benchmark).toBe('gsm8k');
    expect(m.models).toEqual(['m1', 'm2']);
    expect([...m.scores]).toEqual([1, 0, Number.NaN, 1]);
  });

  it('read trial counts from the .count companion file', () => {
    const dir = folder({ 'cx.pass1.csv': 'example_id,m1,m2\ncx/0,0.5,1.0\ncx/1,0.1,\n', 'cx.count.csv': 'example_id,m1,m2\ncx/0,10.0,10.0\ncx/1,10.0,\n' });
    const c = new ItemScoreCollector();
    readScoreFile(join(dir, 'cx.pass1.csv'), c);
    const m = c.finish()[0]!;
    expect([...m.trials!]).toEqual([10, 10, 10, 0]);
  });

  it('names benchmarks with dots in them correctly', () => {
    expect(benchmarkFromFileName('x/CRUXEval-input-T0.8.pass1.csv')).toBe('CRUXEval-input-T0.8');
    expect(benchmarkFromFileName('mbpp+.pass1.csv')).toBe('mbpp+');
    expect(benchmarkFromFileName('arc.tsv')).toBe('arc');
  });
});

describe('aggregate files', () => {
  it('keep the score and every numeric loss-like column, skipping text columns', () => {
    const r = parse('model,benchmark,score,loss,bpb,note\na,mmlu,0.5,2.1,0.9,ok\nb,mmlu,,2.5,1.1,\n');
    expect(r.layout).toBe('aggregate');
    expect(r.aggregates[0]).toMatchObject({ model: 'a', benchmark: 'mmlu', score: 0.5, metrics: { loss: 2.1, bpb: 0.9 } });
    expect(r.aggregates[1]!.score).toBeUndefined();
  });

  it('reject duplicate rows and rows with neither score nor loss', () => {
    expect(errorOf(() => parse('model,benchmark,score\na,x,0.1\na,x,0.2\n')).code).toBe('duplicate');
    expect(errorOf(() => parse('model,benchmark,score\na,x,\n')).code).toBe('missing-value');
    expect(errorOf(() => parse('model,benchmark,score,loss\na,x,0.2,inf\n')).code).toBe('not-finite');
  });
});

describe('score columns', () => {
  it('accept the same score column names in long and aggregate files', () => {
    for (const name of ['score', 'pass1', 'pass_rate', 'correct', 'accuracy', 'acc']) {
      expect(parse(`model,benchmark,item,${name}\na,b,i1,0.5\n`).matrices[0]!.scores[0], name).toBe(0.5);
      expect(parse(`model,benchmark,${name}\na,b,0.5\n`).aggregates[0]!.score, name).toBe(0.5);
    }
  });
});

describe('trial counts', () => {
  it('accept up to 1e9 samples and reject more, saying so', () => {
    expect([...parse('model,benchmark,item,score,trials\na,b,i,1,1000000000\n').matrices[0]!.trials!]).toEqual([1e9]);
    const e = errorOf(() => parse('model,benchmark,item,score,trials\na,b,i,1,1000000001\n'));
    expect([e.code, e.line, e.column]).toEqual(['out-of-range', 2, 9]);
    expect(e.expected).toBe('a whole number of samples in [1, 1e9]');
    expect(errorOf(() => parse('model,benchmark,item,score,trials\na,b,i,1,4294967297\n')).code).toBe('out-of-range');
  });
});

describe('wide files with a trial-count companion', () => {
  function wide(scores: string, counts: string): { dir: string; read: () => ItemMatrix } {
    const dir = folder({ 'cx.pass1.csv': scores, 'cx.count.csv': counts });
    return {
      dir,
      read: () => {
        const c = new ItemScoreCollector();
        readScoreFile(join(dir, 'cx.pass1.csv'), c);
        return c.finish()[0]!;
      },
    };
  }

  it('accept a count of 0 or an empty count where the score is empty', () => {
    const w = wide('example_id,m1,m2\ncx/0,0.5,\ncx/1,,1.0\n', 'example_id,m1,m2\ncx/0,4,0\ncx/1,,4\n');
    expect([...w.read().trials!]).toEqual([4, 0, 0, 4]);
  });

  it('reject a bad count of a scored cell at its place in the count file', () => {
    const w = wide('example_id,m1,m2\ncx/0,0.5,1\ncx/1,0.25,1.0\n', 'example_id,m1,m2\ncx/0,4,4\ncx/1,0,4\n');
    const e = errorOf(w.read);
    expect([e.code, e.file, e.line, e.column]).toEqual(['out-of-range', join(w.dir, 'cx.count.csv'), 3, 6]);
    const empty = wide('example_id,m1,m2\ncx/0,0.5,1\n', 'example_id,m1,m2\ncx/0,4,\n');
    const e2 = errorOf(empty.read);
    expect([e2.code, e2.file, e2.line, e2.column]).toEqual(['missing-value', join(empty.dir, 'cx.count.csv'), 2, 8]);
    expect(e2.message).toContain(`scored at ${join(empty.dir, 'cx.pass1.csv')}:2`);
  });

  it('reject a count file without a column or a row that a score needs', () => {
    const col = wide('example_id,m1,m2\ncx/0,0.5,1\n', 'example_id,m1\ncx/0,4\n');
    expect(errorOf(col.read)).toMatchObject({ code: 'missing-column', line: 1 });
    const row = wide('example_id,m1\ncx/0,0.5\ncx/1,1\n', 'example_id,m1\ncx/0,4\n');
    expect(errorOf(row.read).message).toContain('no row for item "cx/1"');
  });
});

describe('aggregate metric columns', () => {
  it('are the columns whose values are numbers; dates, notes and revisions are skipped', () => {
    const r = parse('model,benchmark,score,date,note,revision,loss\na,x,0.5,2024-01-01,7B base model,1a2b3c,2.1\nb,x,0.6,2024-02-01,12,abc,2.0\n');
    expect(r.aggregates.map((a) => a.metrics)).toEqual([{ loss: 2.1 }, { loss: 2.0 }]);
    // The note column's one number is left out, and a warning says so.
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['mixed-column', 2]]);
  });

  it('reject a text cell of a metric column, naming the line of the first value', () => {
    const e = errorOf(() => parse('model,benchmark,score,loss\na,x,0.5,\nb,x,0.5,2.1\nc,x,0.5,oops\nd,x,0.5,2.0\n'));
    expect([e.code, e.line, e.column]).toEqual(['bad-number', 4, 9]);
    expect(e.expected).toContain('line 3');
  });

  it('treat Inf and numbers too large for a double as broken numbers, not as text, and NaN as missing', () => {
    expect(errorOf(() => parse('model,benchmark,score,loss\na,x,0.2,Inf\n')).code).toBe('not-finite');
    expect(parse('model,benchmark,score,loss\na,x,0.2,NaN\nb,x,0.3,2.5\n').aggregates.map((a) => a.metrics)).toEqual([{}, { loss: 2.5 }]);
    const big = errorOf(() => parse('model,benchmark,score,loss\na,x,0.2,1e400\n'));
    expect([big.code, big.message]).toEqual(['not-finite', 'loss is too large to be a finite number']);
  });
});

describe('error positions', () => {
  it('put header errors on the header\u2019s own line when blank lines precede it', () => {
    const e = errorOf(() => parse('\n\nmodel,benchmark,item\na,b,i\n'));
    expect([e.code, e.line]).toEqual(['missing-column', 3]);
    const layout = errorOf(() => parse('\n\nfoo,bar\n1,2\n'));
    expect([layout.code, layout.line]).toEqual(['missing-column', 3]);
    const empty = errorOf(() => parse('\n\nmodel,benchmark,item,score\n\n'));
    expect([empty.code, empty.line]).toEqual(['empty-file', 3]);
  });

  it('put a cell error on the cell\u2019s own line inside a record that spans lines', () => {
    const e = errorOf(() => parse('model,benchmark,item,score\n"a\nmulti-line name",b,i1,87\n'));
    expect([e.code, e.line, e.column]).toEqual(['looks-like-percent', 3, 23]);
  });

  it('say "too large" for a score that overflows a double', () => {
    const e = errorOf(() => parse('model,benchmark,item,score\na,b,i1,1e400\n'));
    expect([e.code, e.message]).toEqual(['not-finite', 'score is too large to be a finite number']);
    const j = errorOf(() => parse('{"model":"a","benchmark":"b","item":"i","score":1e400}\n', 's.jsonl'));
    expect([j.code, j.message]).toEqual(['not-finite', 'score is too large to be a finite number']);
  });

  it('shorten a long header quoted in an error', () => {
    const header = Array.from({ length: 100 }, (_, k) => `column_${k}`).join(',');
    const e = errorOf(() => parse(`${header}\n${'1,'.repeat(99)}1\n`));
    expect(e.found!.length).toBeLessThanOrEqual(200);
    expect(e.found!.endsWith('…')).toBe(true);
  });
});

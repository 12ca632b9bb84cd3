import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/data/inputError.js';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { benchmarkFromFileName, parseScoreText, readScoreFile } from '../../src/data/scoreFiles.js';

function parse(text: string, file = 'scores.csv', percent = false) {
  const c = new ItemScoreCollector();
  const r = parseScoreText(text, file, c, { percent });
  return { ...r, ...c.finish() };
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
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
      ['NaN', 'not-finite'],
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
    const dir = mkdtempSync(join(tmpdir(), 'scalecast-wide-'));
    writeFileSync(join(dir, 'cx.pass1.csv'), 'example_id,m1,m2\ncx/0,0.5,1.0\ncx/1,0.1,\n');
    writeFileSync(join(dir, 'cx.count.csv'), 'example_id,m1,m2\ncx/0,10.0,10.0\ncx/1,10.0,\n');
    const c = new ItemScoreCollector();
    readScoreFile(join(dir, 'cx.pass1.csv'), c);
    const m = c.finish().matrices[0]!;
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
    expect(errorOf(() => parse('model,benchmark,score,loss\na,x,0.2,NaN\n')).code).toBe('not-finite');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { readLmEvalHarness } from '../../src/data/lmEvalHarness.js';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { readColumnTable } from '../../src/data/columnTable.js';
import { errorOf, tempFolders } from './support.js';

const folder = tempFolders('scalecast-percent-');

/** Reads one file of `content` named `name` through loadDataset. */
function load(name: string, content: string, percent: boolean) {
  const dir = folder({ [name]: content });
  return { file: join(dir, name), run: () => loadDataset({ scores: [join(dir, name)], percent }) };
}

describe('--percent on scores that are already fractions', () => {
  it.each([
    ['aggregate', 'agg.csv', 'model,benchmark,score\nA,arc,0.5\nB,arc,0.61\n'],
    ['long', 'long.csv', 'model,benchmark,item,score\nA,arc,i1,0.25\nA,arc,i2,1\nB,arc,i1,0\n'],
    ['wide', 'arc.csv', 'item,A,B\ni1,0.5,1\ni2,0,0.75\n'],
    ['JSON Lines', 'agg.jsonl', '{"model":"A","benchmark":"arc","score":0.61}\n'],
  ])('is an error naming the file (%s)', (_, name, content) => {
    const f = load(name, content, true);
    const e = errorOf(f.run);
    expect(e.code).toBe('looks-like-fractions');
    expect(e.file).toBe(f.file);
    expect(e.message).toMatch(/already fractions in \[0, 1\].*--percent would divide them .*again/);
  });

  it('is fine for percentages, with at least one above 1', () => {
    const f = load('agg.csv', 'model,benchmark,score\nA,arc,0.5\nB,arc,61\n', true);
    expect(f.run().aggregates.map((a) => a.score)).toEqual([0.005, 0.61]);
  });

  it('is fine for a 0/1 file, which cannot tell', () => {
    const f = load('long.csv', 'model,benchmark,item,score\nA,arc,i1,0\nA,arc,i2,1\n', true);
    expect(f.run().itemScores[0]!.scores[1]).toBe(0.01);
  });

  it('checks each file on its own', () => {
    const dir = folder({ 'a.csv': 'model,benchmark,score\nA,arc,61\n', 'b.csv': 'model,benchmark,score\nA,mmlu,0.45\n' });
    const e = errorOf(() => loadDataset({ scores: [dir], percent: true }));
    expect([e.code, e.file]).toEqual(['looks-like-fractions', join(dir, 'b.csv')]);
  });

  it('applies to lm-evaluation-harness results files', () => {
    const dir = folder();
    const sub = join(dir, 'org__m');
    mkdirSync(sub);
    const results = join(sub, 'results_2026-04-17T20-18-28.440238.json');
    writeFileSync(results, JSON.stringify({ results: { arc_easy: { 'acc,none': 0.61 }, piqa: { 'acc,none': 0.7 } }, config: { model_args: 'pretrained=org/m' } }));
    const e = errorOf(() => readLmEvalHarness(dir, new ItemScoreCollector(), { percent: true }));
    expect([e.code, e.file]).toEqual(['looks-like-fractions', results]);
  });

  it('applies to a corpus table with "percent": true', () => {
    const dir = folder({ 'wide.csv': 'model,mmlu,arc\nA,0.45,0.61\nB,0.5,0.7\n' });
    const source = { format: 'table' as const, path: join(dir, 'wide.csv'), model: 'model', benchmarks: { MMLU: 'mmlu', ARC: 'arc' }, benchmarkSuffix: '', where: {}, combine: {} };
    const e = errorOf(() => readColumnTable({ ...source, percent: true }));
    expect([e.code, e.file]).toEqual(['looks-like-fractions', join(dir, 'wide.csv')]);
    expect(e.message).toContain('"percent": true would divide them');
    expect(readColumnTable({ ...source, percent: false }).aggregates).toHaveLength(4);
  });

  it('without --percent, scores above 1 are still an error suggesting --percent', () => {
    const f = load('agg.csv', 'model,benchmark,score\nA,arc,0.5\nB,arc,61\n', false);
    const e = errorOf(f.run);
    expect([e.code, e.line]).toEqual(['looks-like-percent', 3]);
    expect(e.hint).toContain('--percent');
  });
});

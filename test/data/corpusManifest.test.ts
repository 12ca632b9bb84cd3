/**
 * Corpus manifests and the readers behind their sources: errors located in the manifest, splits
 * that cannot run skipped with the reason, tidy and wide column-mapped tables, lm-evaluation-harness
 * results files read by name, and (with ../shared) the OLMo ladder's logs against the paper's table.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readColumnTable } from '../../src/data/columnTable.js';
import { readCorpusManifest, type TableSource } from '../../src/data/corpusManifest.js';
import { isInputError } from '../../src/io/inputError.js';
import { readLmEvalResultsFiles } from '../../src/data/lmEvalHarness.js';
import { readOlmoLadder } from '../../src/data/olmoLadder.js';
import { CorpusData } from '../../src/predict/corpusCases.js';
import { hasRawData, noRawDataReason, projectRoot, rawPath } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = 'model,family,size_b,mmlu,arc\nf-1,f,1,0.30,0.40\nf-2,f,2,0.35,0.45\nf-4,f,4,0.40,0.50\nf-8,f,8,0.45,0.55\ng-1,g,1,0.28,0.41\ng-3,g,3,0.33,\n';
writeFileSync(join(dir, 'wide.csv'), table);
const source = { format: 'table', path: 'wide.csv', model: 'model', benchmarks: { MMLU: 'mmlu', ARC: 'arc' }, family: 'family', params: { column: 'size_b', scale: 1e9 }, guess: { MMLU: 0.25 } };

/** Writes a manifest and reads it; returns the error instead when it throws. */
function manifest(body: unknown, name = 'm.json') {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  try {
    return readCorpusManifest(file);
  } catch (e) {
    if (isInputError(e)) return e;
    throw e;
  }
}

describe('readCorpusManifest', () => {
  it('reads sources and ladders, with paths relative to the manifest', () => {
    const m = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 's', family: 'f' }] });
    if (isInputError(m)) throw m;
    expect((m.sources.s as TableSource).path).toBe(join(dir, 'wide.csv'));
    expect(m.ladders[0]!.holdout).toEqual([1, 2]);
  });

  it('names the line and column of a wrong value', () => {
    const e = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 's', family: 'f', holdouts: [1] }] });
    expect(isInputError(e) && e.describe()).toMatch(/m\.json:\d+:\d+: unknown key "holdouts" in "ladders\.0"/);
    const f = manifest({ corpus: 't', sources: { s: { ...source, path: 'missing.csv' } }, ladders: [] });
    expect(isInputError(f) && f.describe()).toMatch(/m\.json:\d+:\d+: no such file or folder: .*missing\.csv/);
    const g = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 'nope', family: 'f' }] });
    expect(isInputError(g) && g.message).toMatch(/names the source "nope", which the manifest does not define/);
    const h = manifest('{"corpus": "t",\n "sources": {}\n "ladders": []}');
    expect(isInputError(h) && h.describe()).toMatch(/m\.json:3:\d+: the corpus manifest is not valid JSON/);
  });

  it('refuses a model or a benchmark the data do not have, at its place in the manifest', () => {
    const m = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 's', models: ['f-1', 'f-2', 'f-9'] }] });
    if (isInputError(m)) throw m;
    expect(() => new CorpusData(m).cases(0)).toThrow(/the models tables of source "s" have no row for "f-9"/);
    const b = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 's', family: 'f', benchmarks: ['MMLU', 'GSM8K'] }] });
    if (isInputError(b)) throw b;
    try {
      new CorpusData(b).cases(0);
      expect.unreachable();
    } catch (e) {
      expect(isInputError(e) && e.describe()).toMatch(/m\.json:\d+:\d+: ladder "f": source "s" has no benchmark "GSM8K"/);
    }
  });

  it('refuses a split named twice and a chance floor at or above the ceiling', () => {
    const e = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 's', family: 'f', holdout: [1, 1] }] });
    expect(isInputError(e) && e.message).toMatch(/names the split hiding 1 twice/);
    const m = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 's', family: 'f', guess: { ARC: 0.6 }, ceiling: { ARC: 0.5 } }] });
    if (isInputError(m)) throw m;
    expect(() => new CorpusData(m).cases(0)).toThrow(/the chance floor of ARC \(0.6\) is not below its ceiling \(0.5\)/);
  });

  it("keeps a lineage's relatives out of what its cases may borrow from, also those no ladder lists", () => {
    writeFileSync(join(dir, 'relatives.csv'), `${table}f-ft,f,8,0.46,0.56\n`);
    const m = manifest({ corpus: 't', sources: { s: { ...source, path: 'relatives.csv' } }, ladders: [{ id: 'f', lineage: 'F', source: 's', models: ['f-1', 'f-2', 'f-4', 'f-8'], holdout: [1] }] });
    if (isInputError(m)) throw m;
    const [c] = new CorpusData(m).cases(0).cases;
    expect([...c!.exclude].sort()).toEqual(['f-8', 'f-ft']);
  });

  it('skips, with the reason, splits that leave fewer than 3 models and benchmarks a model never scored', () => {
    const m = manifest({ corpus: 't', sources: { s: source }, ladders: [{ id: 'f', lineage: 'F', source: 's', family: 'f' }, { id: 'g', lineage: 'G', source: 's', family: 'g', benchmarks: ['ARC'], holdout: [1] }] });
    if (isInputError(m)) throw m;
    const corpus = new CorpusData(m);
    const f = corpus.cases(0);
    expect(f.cases.map((c) => c.id)).toEqual(['f/hide-1/ARC', 'f/hide-1/MMLU']);
    expect(f.cases[1]!.targets[0]).toMatchObject({ model: 'f-8', actual: 0.45, ratio: 2 });
    expect(f.cases[1]!.data.guess).toBe(0.25);
    expect(f.skipped).toEqual([{ ladder: 'f', split: 'hide-2', reason: 'hiding 2 of 4 models leaves 2; at least 3 are needed' }]);
    expect(corpus.cases(1).skipped[0]!.reason).toBe('hiding 1 of 2 models leaves 1; at least 3 are needed');
  });
});

describe('readColumnTable', () => {
  const base = { format: 'table' as const, benchmarkSuffix: '', where: {}, combine: {}, percent: false, guess: {}, ceiling: {} };

  it('reads a wide table with units, leaving empty cells out', () => {
    const d = readColumnTable({ ...base, path: join(dir, 'wide.csv'), model: 'model', benchmarks: { MMLU: 'mmlu', ARC: 'arc' }, params: { column: 'size_b', scale: 1e9 } });
    expect(d.aggregates).toHaveLength(11);
    expect(d.models!.models.find((m) => m.model === 'g-3')!.params).toBe(3e9);
  });

  it('selects rows of a tidy table with "where" and combines subtasks into their mean', () => {
    writeFileSync(join(dir, 'tidy.csv'), 'model,step,shots,task,acc\na,10,0,x,0.1\na,20,0,x,0.2\na,20,5,x,0.9\na,20,0,sub-1,0.2\na,20,0,sub-2,0.4\n');
    const d = readColumnTable({ ...base, path: join(dir, 'tidy.csv'), model: 'model', benchmark: 'task', score: 'acc', where: { step: [20], shots: [0] }, combine: { sub: 'sub-' } });
    expect(Object.fromEntries(d.aggregates.map((a) => [a.benchmark, a.score]))).toEqual({ x: 0.2, sub: expect.closeTo(0.3, 12) });
  });

  it('refuses a (model, benchmark) pair given twice by the rows kept', () => {
    expect(() => readColumnTable({ ...base, path: join(dir, 'tidy.csv'), model: 'model', benchmark: 'task', score: 'acc', where: { step: [20] } })).toThrow(/a second score on x among the rows kept \(the first is on line 3\); narrow the rows with "where"/);
  });
});

describe('readLmEvalResultsFiles', () => {
  it('reads results files given by name, one aggregate per (model, task)', () => {
    const fixture = join(projectRoot, 'test/fixtures/lm-eval/pythia-step143000/EleutherAI__pythia-410m/results_2026-04-17T21-40-03.902114.json');
    const copy = join(dir, 'pythia-410m.json');
    writeFileSync(copy, readFileSync(fixture));
    const r = readLmEvalResultsFiles([copy]);
    expect(r.aggregates.length).toBeGreaterThan(0);
    expect(new Set(r.aggregates.map((a) => a.model)).size).toBe(1);
    expect(r.aggregates[0]!.model).toMatch(/pythia-410m/);
    expect(() => readLmEvalResultsFiles([copy, copy])).toThrow(/has results for .* here and in/);
  });
});

describe.skipIf(!hasRawData)('readOlmoLadder (real data)', () => {
  it.skipIf(!hasRawData)(`reproduces the paper's "Actual" 13B column to 1e-4 ${hasRawData ? '' : noRawDataReason}`, () => {
    const d = readOlmoLadder(rawPath('olmo-ladder'));
    const lines = readFileSync(rawPath('olmo-ladder/paper-figure-tables/chained_main.csv'), 'utf8').trim().split('\n');
    const head = lines[0]!.split(',');
    const ids: Record<string, string> = { mmlu_avg_test_5shot: 'MMLU', hellaswag_val_5shot: 'HellaSwag', arc_challenge_test_5shot: 'ARC-C', arc_easy_test_5shot: 'ARC-E', piqa_val_5shot: 'PIQA', csqa_val_5shot: 'CSQA', socialiqa_val_5shot: 'SocialIQA', openbookqa_test_5shot: 'OBQA' };
    let checked = 0;
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const task = ids[cells[head.indexOf('Task')]!];
      if (task === undefined) continue;
      const ours = d.aggregates.find((a) => a.model === 'OLMo-2-13B' && a.benchmark === task)!.score!;
      expect(Math.abs(ours - Number(cells[head.indexOf('Actual')]))).toBeLessThan(1e-4);
      checked++;
    }
    expect(checked).toBe(8);
    expect(d.models!.models.filter((m) => m.family === 'OLMo-ladder')).toHaveLength(20);
  });
});

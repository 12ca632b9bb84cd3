/**
 * Property test: any mutation of a valid input either still parses into a consistent dataset or
 * fails with a typed InputError — never an uncaught exception of another kind.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/inputError.js';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { parseModelsTableText } from '../../src/data/modelsTable.js';
import { MAX_TRIALS, parseScoreText, readScoreFile } from '../../src/data/scoreFiles.js';
import type { TableFormat } from '../../src/io/tableReader.js';

const VALID: Record<string, { text: string; file: string; kind: 'scores' | 'models'; format: TableFormat }> = {
  long: {
    kind: 'scores',
    file: 'long.csv',
    format: 'csv',
    text: 'model,benchmark,item,score,trials\nm1,gsm8k,q1,1,1\nm1,gsm8k,q2,0.25,4\nm2,gsm8k,q1,0,1\n"m,2",gsm8k,"q""3",0.5,2\nm2,mmlu,q1,1,\n',
  },
  wide: {
    kind: 'scores',
    file: 'gsm8k.pass1.csv',
    format: 'csv',
    text: 'example_id,Qwen1.5-0.5B,Qwen1.5-1.8B,pythia-1b\ngsm8k/0,1.0,0.0,0.0\ngsm8k/1,0.0,1.0,\ngsm8k/2,0.5,1.0,0.0\n',
  },
  aggregate: {
    kind: 'scores',
    file: 'agg.tsv',
    format: 'tsv',
    text: 'model\tbenchmark\tscore\tloss\tbpb\na\tmmlu\t0.41\t2.3\t0.91\nb\tmmlu\t0.52\t2.1\t0.85\na\tarc\t\t2.5\t1.1\n',
  },
  jsonl: {
    kind: 'scores',
    file: 'items.jsonl',
    format: 'jsonl',
    text: '{"model":"m1","benchmark":"b","item":"i1","score":1}\n{"model":"m1","benchmark":"b","item":"i2","score":0.5,"trials":2}\n{"model":"m2","benchmark":"b","item":"i1","score":0}\n',
  },
  models: {
    kind: 'models',
    file: 'models.csv',
    format: 'csv',
    text: 'model,family,params,tokens,compute,step,release_date\na,f,7B,2T,,,2023-07-18\nb,f,300M,1.4T,1e21,143000,\nc,g,7e9,,,,2024-02-29\n',
  },
};

const PIECES = [',', '\t', '"', '\n', '\r\n', '', ' ', '0', '1', '9', '.', '-', 'e', 'NaN', 'Infinity', '87.5', '1e999', 'B', 'x', '{', '}', ':', '\uFEFF', '\u0000', 'é'];

type Mutation =
  | { kind: 'insert'; at: number; piece: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; piece: string }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }), piece: fc.constantFrom(...PIECES) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  const lines = text.split('\n');
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at(m.at)) + m.piece + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'replace':
      return text.slice(0, at(m.at)) + m.piece + text.slice(at(m.at) + m.length);
    case 'duplicateLine': {
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'swapLines': {
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, at(m.at));
  }
}

function parseAny(name: keyof typeof VALID, text: string): void {
  const v = VALID[name]!;
  if (v.kind === 'models') {
    const { table } = parseModelsTableText(text, v.file, v.format);
    for (const m of table.models) {
      expect(m.model.length).toBeGreaterThan(0);
      for (const x of [m.params, m.tokens, m.compute]) if (x !== undefined) expect(Number.isFinite(x) && x > 0).toBe(true);
    }
    return;
  }
  const c = new ItemScoreCollector();
  const r = parseScoreText(text, v.file, c, { format: v.format });
  const matrices = c.finish();
  for (const m of matrices) {
    expect(m.scores.length).toBe(m.items.length * m.models.length);
    for (const s of m.scores) expect(Number.isNaN(s) || (s >= 0 && s <= 1)).toBe(true);
  }
  for (const a of r.aggregates) {
    if (a.score !== undefined) expect(a.score >= 0 && a.score <= 1).toBe(true);
    for (const x of Object.values(a.metrics)) expect(Number.isFinite(x)).toBe(true);
  }
}

describe('mutated inputs', () => {
  for (const name of Object.keys(VALID) as (keyof typeof VALID)[]) {
    it(`${name}: the valid file parses`, () => {
      expect(() => parseAny(name, VALID[name]!.text)).not.toThrow();
    });

    it(`${name}: every mutation gives a dataset or a typed InputError (1,000 cases)`, () => {
      let errors = 0;
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
          const text = muts.reduce(apply, VALID[name]!.text);
          try {
            parseAny(name, text);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            errors++;
            expect(e.file).toBe(VALID[name]!.file);
            expect(e.message.length).toBeGreaterThan(0);
            if (e.line !== undefined) expect(e.line).toBeGreaterThanOrEqual(1);
            if (e.column !== undefined) expect(e.column).toBeGreaterThanOrEqual(1);
          }
        }),
        { numRuns: 1000, seed: 20261129 },
      );
      // The mutations must actually hit errors, or the test proves nothing.
      expect(errors).toBeGreaterThan(50);
    });
  }
});

describe('mutated wide files with a trial-count companion, read from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalecast-mutate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SCORES = 'example_id,Qwen1.5-0.5B,Qwen1.5-1.8B,pythia-1b\ngsm8k/0,1.0,0.0,0.0\ngsm8k/1,0.25,1.0,\ngsm8k/2,0.5,1.0,0.0\n';
  const COUNTS = 'example_id,Qwen1.5-0.5B,Qwen1.5-1.8B,pythia-1b\ngsm8k/0,4,4,1\ngsm8k/1,4,1,0\ngsm8k/2,2,1,1\n';
  let cases = 0;
  let scoresFile = '';
  let countFile = '';

  /** Writes the pair into a fresh folder (overwriting files is slow on some file systems) and reads it. */
  function readPair(scores: string, counts: string) {
    const at = join(dir, String(cases++));
    mkdirSync(at);
    scoresFile = join(at, 'gsm8k.pass1.csv');
    countFile = join(at, 'gsm8k.count.csv');
    writeFileSync(scoresFile, scores);
    writeFileSync(countFile, counts);
    const c = new ItemScoreCollector();
    readScoreFile(scoresFile, c);
    return c.finish();
  }

  it('the valid pair parses, with the counts of scored cells only', () => {
    const [m] = readPair(SCORES, COUNTS);
    expect([...m!.trials!]).toEqual([4, 4, 1, 4, 1, 0, 2, 1, 1]);
  });

  it('every mutation of either file gives consistent matrices or a typed InputError in one of them (300 cases)', () => {
    let errors = 0;
    let parsed = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 2 }), (countsOnly, muts) => {
        try {
          const matrices = countsOnly ? readPair(SCORES, muts.reduce(apply, COUNTS)) : readPair(muts.reduce(apply, SCORES), COUNTS);
          parsed++;
          for (const m of matrices) {
            expect(m.scores.length).toBe(m.items.length * m.models.length);
            const bad = [...m.scores].findIndex((s, cell) => {
              const t = m.trials === null ? 1 : m.trials[cell]!;
              if (Number.isNaN(s)) return m.trials !== null && t !== 0;
              return !(s >= 0 && s <= 1 && Number.isInteger(t) && t >= 1 && t <= MAX_TRIALS);
            });
            expect(bad, 'a cell with a score outside [0, 1] or a bad trial count').toBe(-1);
          }
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          errors++;
          expect([scoresFile, countFile]).toContain(e.file);
          expect(e.message.length).toBeGreaterThan(0);
          if (e.line !== undefined) expect(e.line).toBeGreaterThanOrEqual(1);
          if (e.column !== undefined) expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300, seed: 20261130 },
    );
    // Both outcomes must be common, or the test proves little.
    expect(errors).toBeGreaterThan(30);
    expect(parsed).toBeGreaterThan(30);
  });
});

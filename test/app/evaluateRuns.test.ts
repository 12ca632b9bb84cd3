/** evaluate's runs in progress: a manifest's `runs` entries, read and backtested with monitor's forecasters. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRuns } from '../../src/app/evaluateRuns.js';
import { parseCorpusManifest } from '../../src/data/corpusManifest.js';
import { isInputError } from '../../src/io/inputError.js';
import { projectRoot } from '../helpers/paths.js';

const dir = join(projectRoot, 'test/fixtures/checkpoints');
const manifest = (runs: unknown, extra: Record<string, unknown> = {}) =>
  parseCorpusManifest(
    JSON.stringify({ corpus: 't', sources: { ck: { format: 'checkpoints', path: 'pythia-zero-shot.csv', ...extra } }, ladders: [], runs }),
    join(dir, 'manifest.json'),
  );

describe('evaluateRuns', () => {
  it('cuts each run, uses the runs before it as its ladder, and scores every forecaster', () => {
    const m = manifest([{ id: 'p', lineage: 'pythia', source: 'ck', runs: ['pythia-160m', 'pythia-410m', 'pythia-1b', 'pythia-1.4b'], cuts: [0.231] }]);
    const r = evaluateRuns(m)!;
    expect(r.runs).toBe(4);
    expect(r.cases).toHaveLength(4 * 4); // 4 runs × 4 benchmarks × 1 cut
    const first = r.cases.filter((c) => c.run === 'pythia-160m');
    for (const c of first) expect(c.values['ladder-gain']).toBeNull(); // no runs before it
    for (const c of r.cases.filter((x) => x.run !== 'pythia-160m')) expect(c.values['ladder-gain']).not.toBeNull();
    const d = r.accuracy.find((a) => a.forecaster === 'default')!;
    const carry = r.accuracy.find((a) => a.forecaster === 'carry')!;
    expect(d.n).toBe(16);
    expect(d.mae).toBeCloseTo(r.cases.reduce((s, c) => s + Math.abs(c.values.default! - c.actual), 0) / 16, 12);
    expect(d.mae).toBeLessThan(carry.mae);
    expect(d.coverage).toBeGreaterThan(0);
  });

  it('groups benchmarks with combine and filters rows with where', () => {
    const m = manifest([{ id: 'p', lineage: 'pythia', source: 'ck', runs: ['pythia-160m', 'pythia-410m'], cuts: [0.5] }], { where: { task: ['piqa', 'sciq'] }, combine: { both: 'p' } });
    const r = evaluateRuns(m)!;
    expect([...new Set(r.cases.map((c) => c.benchmark))].sort()).toEqual(['both', 'sciq']);
  });

  it('refuses a runs entry with fewer than 2 runs, a cut outside (0, 1), a ladder on a checkpoints source, and a run without checkpoints', () => {
    const at = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (isInputError(e)) return e.message;
        throw e;
      }
      return 'no error';
    };
    expect(at(() => manifest([{ id: 'p', lineage: 'l', source: 'ck', runs: ['pythia-160m'] }]))).toMatch(/list at least 2|list 1 run/);
    expect(at(() => manifest([{ id: 'p', lineage: 'l', source: 'ck', runs: ['pythia-160m', 'pythia-410m'], cuts: [1.5] }]))).toMatch(/a cut is a fraction of training strictly between 0 and 1/);
    expect(at(() => parseCorpusManifest(JSON.stringify({ corpus: 't', sources: { ck: { format: 'checkpoints', path: 'pythia-zero-shot.csv' } }, ladders: [{ id: 'x', lineage: 'l', source: 'ck', models: ['a', 'b', 'c'] }] }), join(dir, 'm.json')))).toMatch(/checkpoints are for "runs"/);
    const m = manifest([{ id: 'p', lineage: 'l', source: 'ck', runs: ['pythia-160m', 'pythia-99b'] }]);
    expect(at(() => evaluateRuns(m))).toMatch(/run "pythia-99b" of "p" has no checkpoints/);
  });
});

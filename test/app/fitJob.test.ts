/** The fit job's rules hold for a library caller, not only behind the command line. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareJob, fitJob } from '../../src/app/fit.js';
import { UsageError } from '../../src/core/userError.js';

const dir = mkdtempSync(join(tmpdir(), 'fitjob-'));
const data = join(dir, 'points.csv');
// y = 3·x^-0.5 exactly, at 8 sizes.
writeFileSync(data, `x,y\n${[1, 2, 4, 8, 16, 32, 64, 128].map((x) => `${x},${3 * x ** -0.5}`).join('\n')}\n`);
const points = { data, x: ['x'], y: 'y' };

describe('fit job rules', () => {
  it('refuses settings of one fitted law in a comparison', () => {
    expect(() => compareJob({ ...points, laws: ['power', 'power-offset'], bootstrap: 10 })).toThrow(UsageError);
    expect(() => compareJob({ ...points, laws: ['power', 'power-offset'], law: 'power' })).toThrow(/--law applies to one fitted law/);
    expect(() => compareJob({ ...points, laws: ['power', 'power-offset'], starts: 'epoch' })).toThrow(/--starts/);
  });

  it('refuses a hold-out outside a comparison', async () => {
    await expect(fitJob({ ...points, law: 'power', holdout: 2 })).rejects.toThrow(/--holdout is the hold-out of --compare/);
  });

  it('recovers the exponent of exact power-law points', async () => {
    const r = await fitJob({ ...points, law: 'power' });
    expect(r.fit.params.alpha).toBeCloseTo(0.5, 6);
    expect(r.fit.params.A).toBeCloseTo(3, 6);
    const c = compareJob({ ...points, laws: ['power', 'linear-log'] });
    expect(c.rows.map((row) => row.law)).toEqual(['power', 'linear-log']);
    expect(c.rows[0]!.fit!.params.alpha).toBeCloseTo(0.5, 6);
  });
});
